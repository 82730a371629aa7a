/**
 * Model families built from configs ({@link org.archai4j.djl.models.ModelFamily}, a service-provider interface):
 * the tutorial's image classifier, compact CNNs for small images and MLPs for tables.
 */
package org.archai4j.djl.models;
