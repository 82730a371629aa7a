/**
 * {@link org.archai4j.djl.predictors.DnnEnsemble}, MO-BANANAS' MLP-ensemble surrogate.
 */
package org.archai4j.djl.predictors;
