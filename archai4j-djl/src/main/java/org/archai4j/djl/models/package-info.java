/**
 * Model families built from configs: the tutorial's image classifier.
 */
package org.archai4j.djl.models;
