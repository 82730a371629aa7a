package org.archai4j.space;

import java.util.Map;
import java.util.function.Function;
import org.archai4j.config.ArchConfig;

/**
 * Builds a model from a config, like the {@code model_cls(arch_config, **model_kwargs)} of Archai's
 * {@code ConfigSearchSpace}. The model picks the parameters it uses from the config; what it never picks is
 * left out of the archid.
 *
 * <pre>{@code
 * ModelFactory<MyModel> f = (config, kwargs) -> new MyModel(config, (int) kwargs.getOrDefault("stem_stride", 2));
 * ModelFactory<MyModel> g = ModelFactory.of(MyModel::new);   // a constructor taking only the config
 * }</pre>
 *
 * @param <M> the type of the built model (may build {@code null} when only the picks matter)
 */
@FunctionalInterface
public interface ModelFactory<M> {
    /** Builds the model of {@code config}; {@code modelKwargs} are the space's extra arguments (unmodifiable). */
    M create(ArchConfig config, Map<String, Object> modelKwargs);

    /** A factory that ignores the extra arguments. */
    static <M> ModelFactory<M> of(Function<ArchConfig, ? extends M> constructor) {
        return (config, kwargs) -> constructor.apply(config);
    }
}
