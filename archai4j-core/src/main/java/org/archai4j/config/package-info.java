/**
 * Config search spaces: {@link org.archai4j.config.DiscreteChoice}, {@link org.archai4j.config.ArchParamTree} and
 * {@link org.archai4j.config.ArchConfig}, with Archai's sampling, encodings and arch files.
 */
package org.archai4j.config;
