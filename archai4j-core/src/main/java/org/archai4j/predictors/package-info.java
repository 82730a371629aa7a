/**
 * The surrogate interface of MO-BANANAS: a predictor of objective means and variances from architecture encodings.
 */
package org.archai4j.predictors;
