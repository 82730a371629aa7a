package org.archai4j.run.spec;

/** Bad input to the command line (a run spec, a space file, an option): one line, exit code 2. */
public final class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
