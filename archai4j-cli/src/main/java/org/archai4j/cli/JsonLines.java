package org.archai4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appending to the JSON-lines files a search writes beside its journal ({@code configs.jsonl},
 * {@code workers.jsonl}).
 */
final class JsonLines {
    private JsonLines() {
    }

    /**
     * Appends {@code lines} (each ending in a newline) to {@code file}, creating it. {@code Files.write} closes the
     * file even when writing fails; a {@code BufferedWriter} whose flush fails on a full disk leaks the descriptor
     * on Java 17.
     *
     * @throws UncheckedIOException naming the file
     */
    static void append(Path file, String lines) {
        try {
            Files.write(file, lines.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
