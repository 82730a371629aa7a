/**
 * Trained models taken out of a run: {@link org.archai4j.djl.export.ModelBundle}, the self-contained directory
 * {@code archai4j export} writes, and {@link org.archai4j.djl.export.ExportedModel}, which loads one as DJL
 * {@code Predictor}s for a Java service.
 */
package org.archai4j.djl.export;
