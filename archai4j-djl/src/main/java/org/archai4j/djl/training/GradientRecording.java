package org.archai4j.djl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records gradients on the calling thread: what DJL's {@code PtGradientCollector} does, without its JVM-wide
 * "only one can be collecting at a time" flag, which made every second concurrent training fail. PyTorch's grad mode
 * is a thread-local setting, so each training thread records its own graph and several networks train at once.
 *
 * <pre>{@code
 * try (GradientRecording recording = new GradientRecording()) {
 *     NDArray loss = ...;           // the forward pass, recorded
 *     recording.backward(loss);     // gradients into the parameters
 * }
 * }</pre>
 *
 * @implNote One per training step and thread; not shared between threads.
 */
public final class GradientRecording implements AutoCloseable {
    private final boolean previous;

    /** Turns recording on for this thread until {@link #close()}. */
    public GradientRecording() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    /** Back-propagates {@code target} (a loss) into the gradients of the parameters it was computed from. */
    public void backward(NDArray target) {
        try (NDArray ones = target.onesLike()) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) ones, false, false);
        }
    }

    /** Restores this thread's grad mode. */
    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
