/**
 * Search-space files in YAML ({@code !choice}, {@code !repeat}, anchors) and JSON ({@code $choice}, {@code
 * $repeat}, {@code $ref}), with located errors.
 */
package org.archai4j.space.file;
