/**
 * Files written atomically (a temporary file, then a rename), so nothing on disk is ever half-written; a run's
 * lock; one-line diagnostics; files' digests.
 */
package org.archai4j.io;
