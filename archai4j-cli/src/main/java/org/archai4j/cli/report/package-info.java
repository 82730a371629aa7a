/**
 * The self-contained HTML report of a run directory, built from its files alone.
 */
package org.archai4j.cli.report;
