/**
 * Everything Pareto: frontiers and non-dominated sorting of points to minimise with Archai's ordering and tie
 * rules, crowding distance and exact hypervolume; the frontier of evaluated models
 * ({@link org.archai4j.pareto.ParetoFrontier}, {@link org.archai4j.pareto.MultiObjective}) and the choice of a
 * few models spread along it ({@link org.archai4j.pareto.FrontierSelection}).
 */
package org.archai4j.pareto;
