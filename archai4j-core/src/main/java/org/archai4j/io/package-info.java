/**
 * Files written atomically (a temporary file, then a rename), so nothing on disk is ever half-written.
 */
package org.archai4j.io;
