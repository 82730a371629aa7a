/**
 * {@link org.archai4j.random.PyRandom}, CPython's {@code random.Random}, hand-written because seeded runs must
 * draw exactly the reference's numbers.
 */
package org.archai4j.random;
