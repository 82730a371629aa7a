/**
 * Files written atomically (a temporary file, then a rename), so nothing on disk is ever half-written; a run's
 * lock; one-line diagnostics; and images' pixels as networks take them.
 */
package org.archai4j.io;
