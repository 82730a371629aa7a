/**
 * Stopping clearly bad trainings early, from the intermediate values they report: a {@link
 * org.archai4j.pruning.Pruner} decides, and {@link org.archai4j.pruning.DominancePruner} is the median rule made
 * to work with several objectives.
 *
 * <pre>{@code
 * Pruner<MyNet> pruner = DominancePruner.builder(Direction.MAXIMIZE)
 *         .fixedObjective(params, Direction.MINIMIZE).dominatedBy(0.5).minReports(8).build();
 * if (pruner.shouldPrune(model, 0.25, accuracySoFar)) { ... stop training ... }
 * }</pre>
 */
package org.archai4j.pruning;
