package org.archai4j.djl;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps native memory flat while a search builds, trains and frees networks of very different sizes. glibc's
 * malloc keeps the memory of freed tensors in its heaps, and once a big network has come and gone the heaps are
 * fragmented and never shrink: over 300 random networks of the seed's image space the resident size grew from
 * 1.2 GB at the 100th to 1.6 GB at the 300th. Giving the free pages back with {@code malloc_trim} whenever a
 * network is closed keeps it flat ({@code scripts/bench-djl-memory}). Forcing large blocks to be mapped instead
 * (a fixed {@code M_MMAP_THRESHOLD}) also kept it flat but made training 75% slower, every activation being
 * mapped and faulted in afresh at every step.
 *
 * <p>{@link DjlNetwork#close()} calls {@link #trim()}. Nothing happens off Linux, or when the system property
 * {@code archai4j.trimMalloc=false} is set.
 *
 * <pre>{@code
 * NativeMemory.trim();   // returns whether glibc gave memory back
 * }</pre>
 */
public final class NativeMemory {
    private static final Logger LOG = LoggerFactory.getLogger(NativeMemory.class);
    private static final CLibrary LIBC = load();

    private NativeMemory() {
    }

    /** glibc's {@code malloc_trim}. */
    private interface CLibrary extends Library {
        int malloc_trim(long pad);
    }

    private static CLibrary load() {
        if (!Platform.isLinux() || "false".equals(System.getProperty("archai4j.trimMalloc"))) {
            return null;
        }
        try {
            return Native.load("c", CLibrary.class);
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("malloc_trim is not available ({}); native memory may grow over long searches", e.toString());
            return null;
        }
    }

    /** Whether trimming is available (Linux with glibc, not switched off). */
    public static boolean isAvailable() {
        return LIBC != null;
    }

    /** Gives free heap memory back to the system; returns whether any was released. */
    public static boolean trim() {
        return LIBC != null && LIBC.malloc_trim(0) == 1;
    }
}
