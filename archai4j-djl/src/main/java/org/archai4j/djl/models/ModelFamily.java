package org.archai4j.djl.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.archai4j.config.ArchConfig;

/**
 * A kind of network built from architecture configs: the {@code model.family} of a run spec. archai4j ships
 * {@code image-classifier} (the tutorial's), {@code compact-cnn} and {@code mlp}; a jar adds its own by listing
 * its implementation in {@code META-INF/services/org.archai4j.djl.models.ModelFamily}, and a spec names it with
 * {@code model: {family: my-family, classpath: [lib/my-models.jar]}}.
 *
 * <pre>{@code
 * public final class TinyNet implements ModelFamily {
 *     public String name() { return "tiny"; }
 *     public Block block(ArchConfig config, Input input) {
 *         return new SequentialBlock().add(Blocks.batchFlattenBlock())
 *                 .add(Linear.builder().setUnits(input.numClasses()).build());
 *     }
 * }
 * }</pre>
 *
 * @implNote Implementations must be stateless (or thread-safe): one instance builds every network of a search,
 *     from several threads when evaluations run in parallel.
 */
public interface ModelFamily {
    /** The name a spec's {@code model.family} uses. */
    String name();

    /**
     * A new, uninitialised network for {@code config}.
     *
     * @throws IllegalArgumentException when the config lacks a parameter the family needs
     */
    Block block(ArchConfig config, Input input);

    /**
     * What a network is built for.
     *
     * @param sampleShape the shape of one input sample: (channels, height, width) for images, (features) for rows
     * @param numClasses the classes the network's output scores
     * @param options the spec's {@code model:} keys other than {@code family} and {@code classpath}, and the
     *     space's model keyword arguments
     */
    record Input(Shape sampleShape, int numClasses, Map<String, Object> options) {
        public Input {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }

        /** An integer option, or {@code otherwise} when absent. */
        public int intOption(String name, int otherwise) {
            Object value = options.get(name);
            if (value == null) {
                return otherwise;
            }
            if (!(value instanceof Integer i)) {
                throw new IllegalArgumentException("model option " + name + " is " + value + "; expected a whole "
                        + "number");
            }
            return i;
        }
    }

    /** A family named {@code name} whose networks {@code builder} makes. */
    static ModelFamily of(String name, BiFunction<ArchConfig, Input, Block> builder) {
        return new ModelFamily() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Block block(ArchConfig config, Input input) {
                return builder.apply(config, input);
            }
        };
    }

    /** The family named {@code name} among those {@code loader} can see (the built-in ones included). */
    static Optional<ModelFamily> find(String name, ClassLoader loader) {
        return all(loader).stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Every family {@code loader} can see, the built-in ones first. */
    static List<ModelFamily> all(ClassLoader loader) {
        List<ModelFamily> out = new ArrayList<>(List.of(
                of(ImageClassifier.FAMILY, (config, input) -> ImageClassifier.block(config,
                        input.intOption("stem_stride", 2), input.numClasses())),
                of(CompactClassifier.FAMILY, (config, input) -> CompactClassifier.block(config, input.numClasses())),
                of(MlpClassifier.FAMILY, (config, input) -> MlpClassifier.block(config, input.numClasses()))));
        for (ModelFamily family : ServiceLoader.load(ModelFamily.class, loader)) {
            if (out.stream().noneMatch(f -> f.name().equals(family.name()))) {
                out.add(family);
            }
        }
        return out;
    }
}
