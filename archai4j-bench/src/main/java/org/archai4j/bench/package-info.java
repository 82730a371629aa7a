/**
 * Benchmark programs run by {@code scripts/bench-*}: the search's own cost, space operations, DJL training, memory
 * over long searches and cluster throughput. They print numbers; no test asserts a speed.
 */
package org.archai4j.bench;
