package org.archai4j.djl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import java.lang.reflect.Field;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees a DJL optimizer's state arrays. DJL's stateful optimizers (Adam, SGD with momentum, Nag, RmsProp,
 * Adagrad, Adadelta, AdamW) keep their per-parameter state in maps of arrays they detach from every manager, so
 * closing the model does not free them: about 2 x the parameter bytes leak per trained model, which a search over
 * hundreds of models cannot afford (measured in djl-notes.md, section 6; {@code scripts/bench-djl-memory} checks
 * the fix). The maps are private, hence reflection.
 *
 * <pre>{@code
 * Optimizer adam = Optimizer.adam().build();
 * try { ... training steps ... } finally { OptimizerStates.close(adam); }
 * }</pre>
 */
public final class OptimizerStates {
    private static final Logger LOG = LoggerFactory.getLogger(OptimizerStates.class);

    private OptimizerStates() {
    }

    /** Closes every state array of {@code optimizer} and empties its state maps. */
    public static void close(Optimizer optimizer) {
        for (Class<?> c = optimizer.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Map.class.isAssignableFrom(field.getType())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    if (field.get(optimizer) instanceof Map<?, ?> map) {
                        closeArrays(map);
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.warn("cannot free the state of {} ({}); native memory will grow with every trained model",
                            optimizer.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }

    private static void closeArrays(Map<?, ?> map) {
        boolean holdsArrays = false;
        for (Object value : map.values()) {
            if (value instanceof NDArray array) {
                array.close();
                holdsArrays = true;
            } else if (value instanceof Map<?, ?> inner) {
                closeArrays(inner);
                holdsArrays = true;
            }
        }
        if (holdsArrays) {
            map.clear();
        }
    }
}
