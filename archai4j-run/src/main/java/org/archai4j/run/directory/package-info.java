/**
 * Run directories: {@link org.archai4j.run.directory.RunDirectory} names, reads and writes every file a job
 * leaves; {@link org.archai4j.run.directory.RunSnapshot} and {@link org.archai4j.run.directory.RunData} read a
 * run back for the report, the dashboard and export.
 */
package org.archai4j.run.directory;
