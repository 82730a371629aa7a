/**
 * Outputs as search listeners: the reference's per-iteration files and the JSON results.
 */
package org.archai4j.outputs;
