/**
 * Run directories: {@link org.archai4j.run.directory.RunDirectory} names, reads and writes every file a job
 * leaves, and {@link org.archai4j.run.directory.RunSnapshot} is the one reader of a run's results, for the report,
 * the dashboard and export.
 */
package org.archai4j.run.directory;
