/**
 * Python-compatible formatting (float repr, tuples, {@code json.dumps(indent=4)}), hand-written because archids
 * and arch files must match the reference byte for byte.
 */
package org.archai4j.python;
