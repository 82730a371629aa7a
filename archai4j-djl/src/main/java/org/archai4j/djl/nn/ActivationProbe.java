package org.archai4j.djl.nn;

import java.util.function.Consumer;
import java.util.function.Function;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;

/**
 * Lets a caller see the input of every activation layer that {@link Layers#activation} built, during forward
 * passes it runs on its own thread. Zero-cost proxies read networks this way (NASWOT's binary codes are the signs of
 * these inputs); DJL has no forward hooks.
 *
 * <pre>{@code
 * List<NDArray> seen = new ArrayList<>();
 * ActivationProbe.during(seen::add, () -> block.forward(store, inputs, false));
 * }</pre>
 *
 * @implNote Thread-confined: a probe sees only the passes of the thread that set it; without one, an activation
 *     layer costs one thread-local read.
 */
public final class ActivationProbe {
    private static final ThreadLocal<Consumer<NDArray>> LISTENER = new ThreadLocal<>();

    private ActivationProbe() {
    }

    /** Runs {@code forward} with {@code listener} receiving each probed activation layer's input, in order. */
    public static void during(Consumer<NDArray> listener, Runnable forward) {
        Consumer<NDArray> previous = LISTENER.get();
        LISTENER.set(listener);
        try {
            forward.run();
        } finally {
            if (previous == null) {
                LISTENER.remove();
            } else {
                LISTENER.set(previous);
            }
        }
    }

    /** An activation layer of DJL's kind ({@link LambdaBlock}, same name, same files) that the probe sees. */
    static Block probed(Function<NDList, NDList> activation, String name) {
        return new LambdaBlock(inputs -> {
            Consumer<NDArray> listener = LISTENER.get();
            if (listener != null) {
                listener.accept(inputs.singletonOrThrow());
            }
            return activation.apply(inputs);
        }, name);
    }
}
