/**
 * Evaluation on an embedded Hazelcast cluster: workers, the coordinator and its asynchronous evaluator.
 */
package org.archai4j.hazelcast;
