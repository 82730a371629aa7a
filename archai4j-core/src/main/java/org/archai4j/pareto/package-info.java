/**
 * Pareto frontiers, non-dominated sorting, crowding distance and exact hypervolume over points to minimise, with
 * Archai's ordering and tie rules.
 */
package org.archai4j.pareto;
