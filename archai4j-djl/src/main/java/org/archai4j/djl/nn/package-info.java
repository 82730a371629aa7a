/**
 * Layers written as PyTorch writes them, and forward-cost counting over block trees.
 */
package org.archai4j.djl.nn;
