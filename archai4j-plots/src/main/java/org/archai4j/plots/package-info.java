/**
 * The reference's PNG plots (XChart), drawn off the search thread by {@link org.archai4j.plots.ParetoPlots}, a
 * search listener.
 */
package org.archai4j.plots;
