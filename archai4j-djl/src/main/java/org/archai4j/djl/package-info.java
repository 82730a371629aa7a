/**
 * Real networks on DJL and PyTorch: {@link org.archai4j.djl.DjlNetwork}, devices, weights and native memory.
 */
package org.archai4j.djl;
