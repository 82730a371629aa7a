/**
 * The training loop, and the optimizer state DJL would otherwise leak.
 */
package org.archai4j.djl.training;
