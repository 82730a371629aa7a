/**
 * Run specs (YAML): the space, model, data, training, objectives, algorithm and limits of a search, with located
 * one-line errors.
 */
package org.archai4j.cli.spec;
