/**
 * Breeding components after jMetal's catalogue: parent selection, variation (mutation, crossover, random sampling)
 * and survival, each one small class, from which the algorithms are composed.
 */
package org.archai4j.operators;
