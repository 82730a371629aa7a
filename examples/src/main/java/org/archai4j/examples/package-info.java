/**
 * The Config Search Spaces tutorial in Java, with its models as DJL networks.
 */
package org.archai4j.examples;
