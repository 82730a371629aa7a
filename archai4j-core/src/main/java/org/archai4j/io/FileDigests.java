package org.archai4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests of files, in hexadecimal: what an exported model records of its files, so that a changed file is
 * refused before it is read.
 *
 * <pre>{@code
 * String digest = FileDigests.sha256(Path.of("model/model.onnx"));   // 64 hexadecimal digits
 * }</pre>
 */
public final class FileDigests {
    private FileDigests() {
    }

    /** The SHA-256 of {@code file}, in lower-case hexadecimal. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks {@code file} against {@code recorded}.
     *
     * @param recordedIn the file that records the digest, named in the error
     * @throws IllegalArgumentException naming the file when it is missing or differs
     */
    public static void verify(Path file, String recorded, Path recordedIn) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": missing; " + recordedIn.getFileName() + " records it");
        }
        String actual = sha256(file);
        if (!actual.equals(recorded)) {
            throw new IllegalArgumentException(file + ": its SHA-256 is " + actual + ", not the " + recorded
                    + " that " + recordedIn.getFileName() + " records; the model directory changed after export");
        }
    }
}
