/**
 * The search algorithms (Archai's six and {@link org.archai4j.algos.ComposedSearch}) on one steppable loop, {@link
 * org.archai4j.algos.PopulationSearch}: short compositions of the components in {@code org.archai4j.operators}.
 */
package org.archai4j.algos;
