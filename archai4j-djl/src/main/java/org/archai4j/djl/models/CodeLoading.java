package org.archai4j.djl.models;

/**
 * Whether code from jars may be loaded to build a network. A model directory is shared like data, so loading one
 * runs no code from its jars unless its user said so; a run spec's {@code model.classpath} is its author's own
 * choice of jars.
 *
 * <pre>{@code
 * NetworkSource.family("my-family", jars, CodeLoading.ALLOW);
 * }</pre>
 */
public enum CodeLoading {
    /** Jars the network needs are loaded (their classes run). */
    ALLOW,
    /** No jar is loaded: a network that needs one is refused, naming the jar. */
    REFUSE
}
