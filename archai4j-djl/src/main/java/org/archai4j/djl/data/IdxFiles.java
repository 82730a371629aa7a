package org.archai4j.djl.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes IDX files (the MNIST format), gzipped or not: a magic number naming the element type
 * (unsigned bytes here) and the number of dimensions, the dimensions, then the data. Every malformation is an
 * error naming the file.
 *
 * <pre>{@code
 * IdxFiles.Idx images = IdxFiles.read(dir.resolve("train-images-idx3-ubyte.gz"));   // dims [60000, 28, 28]
 * IdxFiles.write(out.resolve("t10k-labels-idx1-ubyte.gz"), new IdxFiles.Idx(new int[] {n}, labels));
 * }</pre>
 */
public final class IdxFiles {
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxFiles() {
    }

    /**
     * An IDX file's unsigned bytes.
     *
     * @param dims the dimensions, outermost first
     * @param data the elements (as unsigned bytes: mask with 0xFF)
     */
    public record Idx(int[] dims, byte[] data) {
    }

    public static Idx read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            DataInputStream in = new DataInputStream(gzipped ? new GZIPInputStream(raw, 1 << 16) : raw);
            int magic = in.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != UNSIGNED_BYTE || (magic & 0xFF) == 0) {
                throw new IOException(file + ": not an IDX file of unsigned bytes (magic number 0x"
                        + Integer.toHexString(magic) + ", expected 0x0000080N)");
            }
            int[] dims = new int[magic & 0xFF];
            long size = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) {
                    throw new IOException(file + ": dimension " + i + " is " + dims[i]);
                }
                size *= dims[i];
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": " + size + " elements are too many to hold in memory");
            }
            byte[] data = new byte[(int) size];
            try {
                in.readFully(data);
            } catch (EOFException e) {
                throw new IOException(file + ": truncated, expected " + size + " elements after the header", e);
            }
            return new Idx(dims, data);
        }
    }

    /** Writes {@code idx} to {@code file}, gzipped when its name ends in {@code .gz}. */
    public static void write(Path file, Idx idx) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                file.toString().endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file))
                        : Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(UNSIGNED_BYTE << 8 | idx.dims().length);
            for (int d : idx.dims()) {
                out.writeInt(d);
            }
            out.write(idx.data());
        }
    }
}
