/**
 * Search spaces and the models they make: {@link org.archai4j.space.ArchaiModel}, the space interfaces and {@link
 * org.archai4j.space.ConfigSearchSpace}; space files in {@code space.file}, ready-made spaces in
 * {@code space.builtin}.
 */
package org.archai4j.space;
