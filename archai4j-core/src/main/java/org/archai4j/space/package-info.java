/**
 * Search spaces and the models they make: {@link org.archai4j.space.ArchaiModel}, the space interfaces and {@link
 * org.archai4j.space.ConfigSearchSpace}.
 */
package org.archai4j.space;
