/**
 * What a search writes, out of the results it writes: {@code ResultsWriter} (the search-state CSV, the JSON
 * results, the frontier's arch files), and the search listeners that call it as a search goes.
 */
package org.archai4j.outputs;
