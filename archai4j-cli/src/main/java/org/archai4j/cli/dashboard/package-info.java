/**
 * The live dashboard ({@code archai4j dashboard}): an embedded, read-only web server over a directory of runs,
 * drawing the same charts as the static report ({@link org.archai4j.cli.report.ChartSpecs}).
 */
package org.archai4j.cli.dashboard;
