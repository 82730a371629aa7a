package org.archai4j.space.file;

/**
 * A mistake in a search-space file, located: {@code file:line:column: field 'path': what is wrong; what was
 * expected}. One line, meant to be shown as is.
 */
public final class SpaceFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SpaceFileException(String message) {
        super(message);
    }

    public SpaceFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
