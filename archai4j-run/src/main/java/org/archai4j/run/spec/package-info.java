/**
 * Run specs (YAML): the space, model, data, training, objectives, algorithm and limits of a search, with located
 * one-line errors; the catalogues of what a spec can name ({@link org.archai4j.run.spec.DatasetKind},
 * {@link org.archai4j.run.spec.EvaluatorKind}).
 */
package org.archai4j.run.spec;
