/**
 * Ready-made search spaces: the tutorial's image-classification tree and its analytic cost.
 */
package org.archai4j.space.builtin;
