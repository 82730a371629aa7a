/**
 * The {@code archai4j} command line: picocli commands that parse their arguments and call {@code archai4j-run}
 * ({@code search}, {@code worker}, {@code export}, {@code predict}, {@code space}, {@code report},
 * {@code dashboard}), and the job listeners that print its progress, serve the dashboard and write the report.
 */
package org.archai4j.cli;
