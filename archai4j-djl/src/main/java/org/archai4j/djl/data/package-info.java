/**
 * Datasets: IDX files, Fashion-MNIST, seeded subsets and splits.
 */
package org.archai4j.djl.data;
