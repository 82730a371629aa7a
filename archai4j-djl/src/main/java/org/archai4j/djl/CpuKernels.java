package org.archai4j.djl;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PyTorch's CPU convolutions correct. On an AMD EPYC with AVX-512 (this project's machines), the oneDNN
 * kernels that PyTorch 2.7 picks for float32 convolutions of a batch of two or more compute wrong values whenever
 * the input channels exceed the kernels' channel block and are not a multiple of it: with AVX-512 kernels (blocks of
 * 16) for 17, 20 or 24 channels, with AVX or AVX2 kernels (blocks of 8) for 9, 12, 17 or 20. Every output row but
 * the first is off by up to 0.9 for inputs in [0, 1], deterministically, while a batch of one (another code path)
 * is right. A network with a 24-channel layer then scores one thing when evaluated in batches and another when it
 * predicts one input at a time, and no other runtime reproduces it. oneDNN's SSE4.1 kernels give the right values
 * for every channel count (within 1e-5 of float64; {@code CpuKernelsTest}), at a cost in training speed
 * ({@code docs/benchmarks.md}).
 *
 * <p>{@link #configure()} sets that variable in the process's environment before the first convolution (oneDNN
 * reads it once, at its first kernel), unless it is already set: a user who sets {@code ONEDNN_MAX_CPU_ISA} keeps
 * their choice. Every archai4j network calls it; nothing happens off Linux.
 *
 * <pre>{@code
 * CpuKernels.configure();   // before DJL runs its first convolution
 * }</pre>
 */
public final class CpuKernels {
    /** The oneDNN variable that caps the instruction set its kernels may use. */
    public static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    /** The instruction set archai4j caps oneDNN at. */
    public static final String ISA = "SSE41";
    private static final Logger LOG = LoggerFactory.getLogger(CpuKernels.class);
    private static volatile boolean configured;
    private static volatile String isa = "default";

    private CpuKernels() {
    }

    private interface CLibrary extends Library {
        String getenv(String name);

        int setenv(String name, String value, int overwrite);
    }

    /** The instruction set oneDNN is capped at ("default" when it is not). */
    public static String isa() {
        configure();
        return isa;
    }

    /** Caps oneDNN at SSE4.1 unless {@value #VARIABLE} is set; idempotent and cheap after the first call. */
    public static void configure() {
        if (configured) {
            return;
        }
        synchronized (CpuKernels.class) {
            if (configured) {
                return;
            }
            configured = true;
            if (!Platform.isLinux() || !Platform.isIntel()) {
                return;
            }
            try {
                CLibrary libc = Native.load("c", CLibrary.class);
                if (libc.getenv(VARIABLE) == null) {
                    libc.setenv(VARIABLE, ISA, 0);
                }
                isa = libc.getenv(VARIABLE);
            } catch (LinkageError | RuntimeException e) {
                LOG.warn("cannot set {} ({}): PyTorch's convolutions may be wrong; set "
                        + "{}={} in the environment", VARIABLE, e.toString(), VARIABLE, ISA);
            }
        }
    }
}
