/**
 * What a search measures: objectives with a {@link org.archai4j.objectives.Direction} and a {@link
 * org.archai4j.objectives.Cost}, constraints, and the evaluator interfaces (synchronous, asynchronous, a thread
 * pool).
 */
package org.archai4j.objectives;
