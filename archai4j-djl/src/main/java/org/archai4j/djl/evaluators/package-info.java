/**
 * Evaluators of DJL networks after Archai's {@code Torch*} ones: parameters, MACs and FLOPs, latency, peak memory,
 * trained accuracy.
 */
package org.archai4j.djl.evaluators;
