package org.archai4j.io;

/**
 * How much archai4j says when something fails: one line by default, the stack trace too when the JVM runs with
 * {@code -Darchai4j.debug=true}. A failed evaluation is an expected event in a search (a network that does not fit
 * its input, a worker that left), so its warning is one line unless asked.
 *
 * <pre>{@code
 * LOG.warn("evaluation of {} failed: {}", archid, e.toString(), Diagnostics.traceOf(e));
 * }</pre>
 */
public final class Diagnostics {
    /** The system property that turns stack traces on. */
    public static final String DEBUG_PROPERTY = "archai4j.debug";

    private Diagnostics() {
    }

    /** Whether stack traces are wanted. */
    public static boolean debug() {
        return Boolean.getBoolean(DEBUG_PROPERTY);
    }

    /** {@code e} when stack traces are wanted, else null (a logger then prints its message only). */
    public static Throwable traceOf(Throwable e) {
        return debug() ? e : null;
    }
}
