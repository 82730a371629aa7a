package org.archai4j.space;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.archai4j.config.ArchConfig;
import org.archai4j.config.ArchParamTree;
import org.archai4j.python.PyFloat;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.BayesOptSearchSpace;
import org.archai4j.space.EvolutionarySearchSpace;

/**
 * A search space made from a parameter tree and a model factory, with every operation of
 * {@link EvolutionarySearchSpace} and {@link BayesOptSearchSpace}: Archai's {@code ConfigSearchSpace}.
 *
 * <pre>{@code
 * ConfigSearchSpace<MyModel> space = ConfigSearchSpace.builder(ModelFactory.of(MyModel::new), tree)
 *         .seed(1)
 *         .mutationProb(0.3)
 *         .build();
 * ArchaiModel<MyModel> m = space.randomSample();
 * ArchaiModel<MyModel> child = space.mutate(m);
 * double[] features = space.encode(child);
 * }</pre>
 *
 * <p>The archid is the SHA-1 of Python's {@code str(tuple(encoding))}, with parameters the model never picked
 * as {@code nan}, so seeded runs give the reference's archids. One random source drives {@code randomSample},
 * {@code mutate} and {@code crossover}, in call order; calls are serialised, so a space can be shared between
 * threads (the order of concurrent calls, and so the results, is then up to the scheduler).
 *
 * @param <M> the type of the built models
 */
public final class ConfigSearchSpace<M> implements EvolutionarySearchSpace<M>, BayesOptSearchSpace<M> {
    /** Per-thread SHA-1 and buffers: archids are computed for every model a search creates. */
    private static final ThreadLocal<ArchidHasher> HASHER = ThreadLocal.withInitial(ArchidHasher::new);

    private final ModelFactory<M> modelFactory;
    private final ArchParamTree tree;
    private final RandomGenerator rng;
    private final double mutationProb;
    private final boolean trackUnusedParams;
    private final double unusedParamValue;
    private final boolean hashArchid;
    private final Map<String, Object> modelKwargs;
    private final WeightStore<M> weightStore;

    private ConfigSearchSpace(Builder<M> b) {
        this.modelFactory = b.modelFactory;
        this.tree = b.tree != null ? b.tree : b.treeBuilder.apply(b.builderKwargs);
        this.rng = b.rng != null ? b.rng : b.seed != null ? new PyRandom(b.seed) : new PyRandom();
        this.mutationProb = b.mutationProb;
        this.trackUnusedParams = b.trackUnusedParams;
        this.unusedParamValue = b.unusedParamValue;
        this.hashArchid = b.hashArchid;
        this.modelKwargs = Collections.unmodifiableMap(new LinkedHashMap<>(b.modelKwargs));
        this.weightStore = b.weightStore;
    }

    /** A builder for a space over {@code tree} whose models {@code modelFactory} builds. */
    public static <M> Builder<M> builder(ModelFactory<M> modelFactory, ArchParamTree tree) {
        return new Builder<>(modelFactory, Objects.requireNonNull(tree, "tree"), null, Map.of());
    }

    /**
     * A builder whose tree is made by {@code treeBuilder(builderKwargs)} (Archai's callable
     * {@code arch_param_tree} with {@code builder_kwargs}).
     */
    public static <M> Builder<M> builder(ModelFactory<M> modelFactory,
                                         Function<Map<String, Object>, ArchParamTree> treeBuilder,
                                         Map<String, ?> builderKwargs) {
        return new Builder<>(modelFactory, null, Objects.requireNonNull(treeBuilder, "treeBuilder"),
                new LinkedHashMap<>(builderKwargs));
    }

    /** The parameter tree. */
    public ArchParamTree tree() {
        return tree;
    }

    /** The extra arguments passed to the model factory on every construction. */
    public Map<String, Object> modelKwargs() {
        return modelKwargs;
    }

    /** The mutation probability per parameter. */
    public double mutationProb() {
        return mutationProb;
    }

    /**
     * The archid of a config as it was used: SHA-1 hex of Python's {@code str(tuple(encodeConfig(config)))}, or
     * that string itself when archid hashing is off. Build the model first, so that its picks count.
     */
    public String archid(ArchConfig config) {
        double[] encoding = tree.encodeConfig(config, trackUnusedParams);
        return hashArchid ? HASHER.get().sha1OfTuple(encoding) : PyFloat.tupleRepr(encoding);
    }

    /** SHA-1 hex of Python's {@code str(tuple(values))}, which is ASCII, without intermediate strings. */
    private static final class ArchidHasher {
        private final MessageDigest sha1;
        private final StringBuilder text = new StringBuilder(512);
        private byte[] bytes = new byte[512];

        ArchidHasher() {
            try {
                sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no SHA-1", e);
            }
        }

        String sha1OfTuple(double[] values) {
            text.setLength(0);
            PyFloat.appendTupleRepr(text, values);
            int n = text.length();
            if (bytes.length < n) {
                bytes = new byte[Math.max(n, bytes.length * 2)];
            }
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) text.charAt(i);
            }
            sha1.update(bytes, 0, n);
            return HexFormat.of().formatHex(sha1.digest());
        }
    }

    /** Builds the model of {@code config}, then its archid (so the model's picks count). */
    private ArchaiModel<M> modelOf(ArchConfig config) {
        M arch = modelFactory.create(config, modelKwargs);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(ArchaiModel.CONFIG, config);
        return new ArchaiModel<>(arch, archid(config), metadata);
    }

    @Override
    public ArchaiModel<M> randomSample() {
        ArchConfig config;
        synchronized (rng) {
            config = tree.sampleConfig(rng);
        }
        return modelOf(config);
    }

    /**
     * Per distinct parameter, with probability {@link #mutationProb()}, a uniformly random choice; otherwise the
     * parent's value. Reads only the parent's config, so cleared models mutate fine.
     */
    @Override
    public ArchaiModel<M> mutate(ArchaiModel<M> model) {
        ArchConfig parent = configOf(model);
        ArchConfig config;
        synchronized (rng) {
            config = tree.mutateConfig(parent, mutationProb, rng);
        }
        return modelOf(config);
    }

    /**
     * Archai's crossover: two parents drawn from the list with replacement (so possibly the same one), then a
     * fair coin per distinct parameter.
     *
     * @throws IllegalArgumentException for an empty list
     */
    @Override
    public ArchaiModel<M> crossover(List<ArchaiModel<M>> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("crossover needs at least one model");
        }
        ArchConfig config;
        synchronized (rng) {
            int n = models.size();
            ArchaiModel<M> first = models.get((int) Math.floor(rng.nextDouble() * n));
            ArchaiModel<M> second = models.get((int) Math.floor(rng.nextDouble() * n));
            config = tree.crossoverConfigs(configOf(first), configOf(second), rng);
        }
        return modelOf(config);
    }

    /** The encoding with unused parameters as {@code unusedParamValue} (and infinities as ±Double.MAX_VALUE). */
    @Override
    public double[] encode(ArchaiModel<M> model) {
        double[] features = tree.encodeConfig(configOf(model), trackUnusedParams);
        for (int i = 0; i < features.length; i++) {
            if (Double.isNaN(features[i])) {
                features[i] = unusedParamValue;
            } else if (Double.isInfinite(features[i])) {
                features[i] = features[i] > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
            }
        }
        return features;
    }

    /** Writes the model's config (see {@link ArchConfig#toFile}); {@code .json} is appended when there is no suffix. */
    @Override
    public void saveArch(ArchaiModel<M> model, Path file) {
        configOf(model).toFile(file);
    }

    /** Reads a config, builds its model and computes its archid (no random numbers are used). */
    @Override
    public ArchaiModel<M> loadArch(Path file) {
        return modelOf(ArchConfig.fromFile(file));
    }

    @Override
    public void saveModelWeights(ArchaiModel<M> model, Path file) {
        requireWeightStore().save(builtModel(model), file);
    }

    @Override
    public void loadModelWeights(ArchaiModel<M> model, Path file) {
        requireWeightStore().load(builtModel(model), file);
    }

    /** Whether this space can save and load weights: only with a {@link WeightStore}. */
    @Override
    public boolean canSaveModelWeights() {
        return weightStore != null;
    }

    /** The weight store's extension ({@code .params} for DJL's), or {@code .pt} without a store. */
    @Override
    public String weightsFileExtension() {
        return weightStore == null ? ".pt" : weightStore.fileExtension();
    }

    private WeightStore<M> requireWeightStore() {
        if (weightStore == null) {
            throw new UnsupportedOperationException("this ConfigSearchSpace has no WeightStore, so it cannot save "
                    + "or load weights; set one with ConfigSearchSpace.Builder.weightStore(...)");
        }
        return weightStore;
    }

    private M builtModel(ArchaiModel<M> model) {
        if (model.arch() == null) {
            throw new IllegalStateException("model " + model.archid() + " has no built arch (it was cleared or "
                    + "never built), so it has no weights");
        }
        return model.arch();
    }

    private static ArchConfig configOf(ArchaiModel<?> model) {
        return model.config().orElseThrow(() -> new IllegalArgumentException("model " + model.archid()
                + " has no ArchConfig in metadata[\"config\"]; it does not come from a ConfigSearchSpace"));
    }

    /**
     * Builds a {@link ConfigSearchSpace}. Defaults as in Archai: OS-seeded random source, mutation probability
     * 0.3, unused parameters tracked and encoded as -1.0, hashed archids, no model kwargs.
     *
     * @param <M> the type of the built models
     */
    public static final class Builder<M> {
        private final ModelFactory<M> modelFactory;
        private final ArchParamTree tree;
        private final Function<Map<String, Object>, ArchParamTree> treeBuilder;
        private final Map<String, Object> builderKwargs;
        private Long seed;
        private RandomGenerator rng;
        private double mutationProb = 0.3;
        private boolean trackUnusedParams = true;
        private double unusedParamValue = -1.0;
        private boolean hashArchid = true;
        private Map<String, Object> modelKwargs = Map.of();
        private WeightStore<M> weightStore;

        private Builder(ModelFactory<M> modelFactory, ArchParamTree tree,
                        Function<Map<String, Object>, ArchParamTree> treeBuilder, Map<String, Object> builderKwargs) {
            this.modelFactory = Objects.requireNonNull(modelFactory, "modelFactory");
            this.tree = tree;
            this.treeBuilder = treeBuilder;
            this.builderKwargs = Collections.unmodifiableMap(builderKwargs);
        }

        /** Seeds a {@link PyRandom}, so the space reproduces the Python reference's sequence for that seed. */
        public Builder<M> seed(long seed) {
            this.seed = seed;
            this.rng = null;
            return this;
        }

        /** Uses any random source instead (no Python parity unless it is a {@link PyRandom}). */
        public Builder<M> rng(RandomGenerator rng) {
            this.rng = Objects.requireNonNull(rng, "rng");
            this.seed = null;
            return this;
        }

        /** The probability that mutation redraws each parameter, in {@code [0, 1]}. */
        public Builder<M> mutationProb(double mutationProb) {
            if (!(mutationProb >= 0.0 && mutationProb <= 1.0)) {
                throw new IllegalArgumentException("mutationProb is " + mutationProb + "; expected a value in [0, 1]");
            }
            this.mutationProb = mutationProb;
            return this;
        }

        /** Whether parameters the model never picks are left out of archids and encodings (default true). */
        public Builder<M> trackUnusedParams(boolean track) {
            this.trackUnusedParams = track;
            return this;
        }

        /** The value {@link #encode} gives unused parameters (default -1.0; archids always use nan). */
        public Builder<M> unusedParamValue(double value) {
            this.unusedParamValue = value;
            return this;
        }

        /** Whether archids are SHA-1 hashes (default) or the readable tuple string. */
        public Builder<M> hashArchid(boolean hash) {
            this.hashArchid = hash;
            return this;
        }

        /** Extra arguments passed to the model factory on every construction; not part of the archid. */
        public Builder<M> modelKwargs(Map<String, ?> kwargs) {
            this.modelKwargs = new LinkedHashMap<>(kwargs);
            return this;
        }

        /** How weights of built models are saved and loaded (supplied by a deep-learning module). */
        public Builder<M> weightStore(WeightStore<M> store) {
            this.weightStore = store;
            return this;
        }

        /** The space. The builder can be used again. */
        public ConfigSearchSpace<M> build() {
            return new ConfigSearchSpace<>(this);
        }
    }
}
