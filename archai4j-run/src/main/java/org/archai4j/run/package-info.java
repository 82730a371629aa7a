/**
 * The job as a library: {@link org.archai4j.run.Job#run} takes a run spec and {@link org.archai4j.run.JobOptions},
 * checks the input, reads the data, assembles and runs the search ({@link org.archai4j.run.SearchAssembly}, from
 * the {@link org.archai4j.run.SearchAlgorithm} catalogue), trains the final models, and tells
 * {@link org.archai4j.run.JobListener}s what happens. The command line, its progress bar, report and dashboard are
 * listeners over it.
 */
package org.archai4j.run;
