package org.archai4j.run;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import org.archai4j.algos.AlgorithmBuilder;
import org.archai4j.config.ArchParamTree;
import org.archai4j.djl.Devices;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.DjlWeightStore;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.evaluators.DjlNaswot;
import org.archai4j.djl.models.NetworkSource;
import org.archai4j.djl.predictors.DnnEnsemble;
import org.archai4j.hazelcast.ClusterCoordinator;
import org.archai4j.io.RunLock;
import org.archai4j.objectives.Constraint;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.objectives.ParallelEvaluator;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.ProxyScreening;
import org.archai4j.operators.SizeTiers;
import org.archai4j.plots.ParetoPlots;
import org.archai4j.pruning.DominancePruner;
import org.archai4j.run.directory.RunDirectory;
import org.archai4j.run.spec.EvaluatorKind;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.run.spec.SpecException;
import org.archai4j.run.spec.SpecMap;
import org.archai4j.run.spec.SpecNamed;
import org.archai4j.search.Limits;
import org.archai4j.search.Searcher;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.file.SpaceFiles;

/**
 * The search a {@link RunSpec} describes, assembled: the space file's tree, the networks, the objectives with their
 * evaluators ({@link EvaluatorKind}), and the algorithm ({@link SearchAlgorithm}) with its parameters. Algorithm
 * parameters are the builder's methods in snake case ({@code init_num_models} is {@code initNumModels(int)}), so
 * every parameter of every algorithm can be set and an unknown one is an error listing the known ones. The
 * coordinator of a search and a cluster worker assemble their networks and evaluators here alike.
 *
 * <pre>{@code
 * try (SearchAssembly search = SearchAssembly.prepare(spec, data.search(), outputDir)) {
 *     search.searcher().search();
 * }
 * }</pre>
 */
public final class SearchAssembly implements AutoCloseable {
    /**
     * The largest count an algorithm parameter may be (iterations, population sizes, samples): a search that
     * would build more models than this in one go would run out of memory long before it finished.
     */
    static final int MAX_COUNT = 100_000;

    /** The sizes a prescreen can group its pool by: measures of the architecture alone, cheap to take. */
    private static final List<EvaluatorKind> PRESCREEN_GROUPS = List.of(EvaluatorKind.PARAMETERS, EvaluatorKind.MACS,
            EvaluatorKind.ACTIVATIONS);

    /** The keys of {@code algorithm:} that are neither builder parameters nor extras. */
    private static final List<String> OWN_KEYS = List.of("name", "mutation_prob");

    private final ConfigSearchSpace<DjlNetwork> space;
    private final SearchObjectives<DjlNetwork> objectives;
    private final Searcher<DjlNetwork> searcher;
    private final DnnEnsemble surrogate;
    private final DominancePruner<DjlNetwork> pruner;
    private final NetworkSource networks;
    private final SearchTimeLimit timeLimit;

    private SearchAssembly(ConfigSearchSpace<DjlNetwork> space, SearchObjectives<DjlNetwork> objectives,
                           Searcher<DjlNetwork> searcher, DnnEnsemble surrogate, DominancePruner<DjlNetwork> pruner,
                           NetworkSource networks, SearchTimeLimit timeLimit) {
        this.space = space;
        this.objectives = objectives;
        this.searcher = searcher;
        this.surrogate = surrogate;
        this.pruner = pruner;
        this.networks = networks;
        this.timeLimit = timeLimit;
    }

    /** The pruner of the spec's {@code training.pruning} in this process, if there is one. */
    public Optional<DominancePruner<DjlNetwork>> pruner() {
        return Optional.ofNullable(pruner);
    }

    /** The search space (it builds networks from arch files too). */
    public ConfigSearchSpace<DjlNetwork> space() {
        return space;
    }

    public SearchObjectives<DjlNetwork> objectives() {
        return objectives;
    }

    public Searcher<DjlNetwork> searcher() {
        return searcher;
    }

    /**
     * The search's time limit as it stood when last asked, in seconds of the run's clock: the job's budget less
     * what the final stage was left (see {@link SearchTimeLimit}); empty without a time budget.
     */
    public OptionalDouble searchSeconds() {
        return timeLimit == null ? OptionalDouble.empty() : OptionalDouble.of(timeLimit.limitSeconds());
    }

    /**
     * Prepares the search of {@code spec} on {@code data}, writing to {@code outputDir}, evaluating locally; a final
     * stage would train on the split's samples.
     */
    public static SearchAssembly prepare(RunSpec spec, LabelledData.Split data, Path outputDir) {
        return prepare(spec, data, data.train().size() + data.validation().size(), outputDir, null, null);
    }

    /**
     * Prepares the search of {@code spec}, evaluating expensive objectives on the {@code cluster} when there is
     * one (cheap ones, and constraints, stay local), and running under {@code lock}, the output directory's lock
     * the caller holds (null: the search locks it).
     *
     * @param finalTrainingSize the samples the final stage trains each model on (what its time is planned by)
     */
    public static SearchAssembly prepare(RunSpec spec, LabelledData.Split data, int finalTrainingSize,
                                         Path outputDir, ClusterCoordinator cluster, RunLock lock) {
        SpecMap parameters = spec.algorithm().parameters();
        SearchAlgorithm algorithm = SpecNamed.of(SearchAlgorithm.class, spec.algorithm().name())
                .orElseThrow(() -> parameters.error("name", "is '" + spec.algorithm().name() + "'; expected one of "
                        + String.join(", ", SpecNamed.names(SearchAlgorithm.class))));
        for (SearchAlgorithm.Extra extra : SearchAlgorithm.Extra.values()) {
            if (parameters.has(extra.key()) && !algorithm.extras().contains(extra)) {
                throw parameters.error(extra.key(), extra.purpose() + "; expected it only there");
            }
        }
        ArchParamTree tree = SpaceFiles.readTree(spec.space());
        NetworkSource networks = networkSource(spec);
        DnnEnsemble surrogate = null;
        SearchTimeLimit timeLimit = null;
        try {
            ConfigSearchSpace<DjlNetwork> space = ConfigSearchSpace.builder(modelFactory(spec, networks, data.train(),
                    device(spec)), tree).modelKwargs(spec.model().kwargs()).weightStore(new DjlWeightStore())
                    .seed(spec.seed()).mutationProb(mutationProb(parameters)).build();
            DominancePruner<DjlNetwork> pruner = pruner(spec);
            SearchObjectives<DjlNetwork> objectives = objectives(spec, data, cluster, outputDir, pruner);
            surrogate = algorithm.needsSurrogate() ? DnnEnsemble.builder().seed((int) spec.seed()).build() : null;
            SearchAlgorithm.Extras extras = new SearchAlgorithm.Extras(
                    parameters.map(SearchAlgorithm.Extra.TIERS.key()).map(t -> tiers(t, spec)),
                    parameters.map(SearchAlgorithm.Extra.SCREENING.key()).map(s -> screening(s, parameters)),
                    parameters.map(SearchAlgorithm.Extra.PRESCREEN.key()).map(p -> prescreen(p,
                            parameters.integer("init_num_models", 10), spec, data)));
            AlgorithmBuilder<DjlNetwork, ?> builder = algorithm.builder(new SearchAlgorithm.Inputs(space, objectives,
                    outputDir, surrogate), extras);
            configure(builder, parameters);
            builder.seed(spec.seed()).runIdentity(spec.identity());
            if (lock != null) {
                builder.runLock(lock);
            }
            RunSpec.Budget budget = spec.budget();
            if (spec.searchTime() != null) {
                timeLimit = SearchTimeLimit.of(spec, data, finalTrainingSize);
                builder.limit(timeLimit);
            }
            if (budget.evaluations() != null) {
                builder.limit(Limits.byEvaluations(budget.evaluations()));
            }
            if (budget.stalledIterations() != null) {
                builder.limit(Limits.byFrontierStagnation(budget.stalledIterations()));
            }
            Searcher<DjlNetwork> searcher = builder.build();
            searcher.addListener(new ParetoPlots<>(outputDir));
            searcher.addListener(new ConfigLog<>(RunDirectory.of(outputDir)));
            return new SearchAssembly(space, objectives, searcher, surrogate, pruner, networks, timeLimit);
        } catch (RuntimeException e) {
            if (surrogate != null) {
                surrogate.close();
            }
            networks.close();
            throw e;
        }
    }

    /** The networks of the spec's {@code model:}; a family or class that cannot be had is a spec error. */
    public static NetworkSource networkSource(RunSpec spec) {
        try {
            return spec.model().open();
        } catch (IllegalArgumentException e) {
            throw new SpecException(spec.file() + ": model." + (spec.model().family() != null ? "family" : "class")
                    + ": " + e.getMessage(), e);
        }
    }

    /** The spec's device. */
    public static Device device(RunSpec spec) {
        try {
            return Devices.parse(spec.device());
        } catch (IllegalArgumentException e) {
            throw new SpecException(spec.file() + ": device: " + e.getMessage(), e);
        }
    }

    /** The networks of the spec for samples like {@code train}'s, on {@code device}. */
    public static ModelFactory<DjlNetwork> modelFactory(RunSpec spec, NetworkSource networks, LabelledData train,
                                                        Device device) {
        Shape sample = train.sampleShape();
        int classes = train.numClasses();
        RunSpec.Model model = spec.model();
        return (config, kwargs) -> {
            Map<String, Object> options = new LinkedHashMap<>(kwargs == null ? Map.of() : kwargs);
            if (model.family() != null) {
                options.put("stem_stride", model.stemStride());
            }
            return new DjlNetwork(networks.block(config, sample, classes, options), sample, device, 0);
        };
    }

    private static SearchObjectives<DjlNetwork> objectives(RunSpec spec, LabelledData.Split data,
                                                           ClusterCoordinator cluster, Path outputDir,
                                                           DominancePruner<DjlNetwork> pruner) {
        SearchObjectives<DjlNetwork> objectives = new SearchObjectives<>();
        WorkerLog workers = cluster == null ? null : new WorkerLog(RunDirectory.of(outputDir));
        for (RunSpec.Objective o : spec.objectives()) {
            ModelEvaluator<DjlNetwork> evaluator = o.kind().create(o, spec, data, pruner);
            boolean expensive = o.isExpensive();
            Constraint constraint = o.constrained() ? constraint(o) : null;
            if (expensive && cluster != null) {
                objectives.addObjective(o.name(), cluster.<DjlNetwork>evaluator(o.name(), spec.identity())
                        .onEvaluated(workers).build(), Direction.of(o.higherIsBetter()), Cost.EXPENSIVE, null);
            } else if (expensive && spec.parallel() > 1) {
                objectives.addObjective(o.name(), ParallelEvaluator.of(evaluator).threads(spec.parallel()).build(),
                        Direction.of(o.higherIsBetter()), Cost.EXPENSIVE, null);
            } else {
                objectives.addObjective(o.name(), evaluator, Direction.of(o.higherIsBetter()), Cost.of(expensive),
                        constraint);
            }
        }
        for (RunSpec.Objective c : spec.constraints()) {
            objectives.addConstraint(c.name(), c.kind().create(c, spec, data, null), constraint(c));
        }
        return objectives;
    }

    private static Constraint constraint(RunSpec.Objective o) {
        return Constraint.between(o.min() == null ? Double.NEGATIVE_INFINITY : o.min(),
                o.max() == null ? Double.POSITIVE_INFINITY : o.max());
    }

    /**
     * The evaluator of each objective of {@code spec}, by name, as a cluster worker runs them: locally, each
     * accuracy evaluation stopped by this process's pruner.
     */
    public static Map<String, ModelEvaluator<DjlNetwork>> workerEvaluators(RunSpec spec, LabelledData.Split data) {
        DominancePruner<DjlNetwork> pruner = pruner(spec);
        Map<String, ModelEvaluator<DjlNetwork>> evaluators = new LinkedHashMap<>();
        for (RunSpec.Objective o : spec.objectives()) {
            evaluators.put(o.name(), o.kind().create(o, spec, data, pruner));
        }
        return evaluators;
    }

    /**
     * {@code prescreen: {proxy: naswot, pool: 240, batch: 64, group_by: parameters}}: the first {@code n} models
     * are the best by NASWOT score among {@code pool} random ones, one per group of neighbouring sizes.
     */
    private static ProxyScreening<DjlNetwork> prescreen(SpecMap p, int n, RunSpec spec, LabelledData.Split data) {
        p.requireOnly("proxy", "pool", "batch", "group_by");
        String proxy = p.string("proxy", "naswot");
        if (!proxy.equals("naswot")) {
            throw p.error("proxy", "is '" + proxy + "'; expected naswot");
        }
        int pool = p.integer("pool", 5 * n, n);
        if (pool > MAX_COUNT) {
            throw p.error("pool", "is " + pool + "; expected at most " + MAX_COUNT);
        }
        int batch = p.integer("batch", 64, 2);
        if (batch > Math.min(1024, data.train().size())) {
            throw p.error("batch", "is " + batch + "; expected at most " + Math.min(1024, data.train().size())
                    + " images");
        }
        String groupBy = p.string("group_by", EvaluatorKind.PARAMETERS.specName());
        EvaluatorKind size = SpecNamed.of(EvaluatorKind.class, groupBy).filter(PRESCREEN_GROUPS::contains).orElseThrow(() -> p.error(
                "group_by", "is '" + groupBy + "'; expected " + String.join(", ", PRESCREEN_GROUPS.stream()
                        .map(EvaluatorKind::specName).toList())));
        return new ProxyScreening<>(n, pool, new DjlNaswot(data.train(), batch, spec.seed()), size.create(null, spec,
                null, null),
                AlgorithmBuilder.DEFAULT_SAMPLING_ROUNDS);
    }

    /**
     * {@code mutation_prob}: the probability that a mutation redraws each parameter (the space's, Archai's 0.3 by
     * default); smaller gives nearer neighbours.
     */
    private static double mutationProb(SpecMap parameters) {
        double p = parameters.number("mutation_prob", 0.3);
        if (!(p > 0 && p <= 1)) {
            throw parameters.error("mutation_prob", "is " + p + "; expected a probability above 0, at most 1");
        }
        return p;
    }

    /**
     * {@code screening: {candidates: 16, gamma: 0.25}}: local search with tiers makes {@code candidates} mutations
     * of each leader and trains the most promising by a Parzen (TPE) score, whose good networks are the best
     * {@code gamma} of each band.
     */
    private static SearchAlgorithm.Screening screening(SpecMap s, SpecMap parameters) {
        s.requireOnly("candidates", "gamma");
        if (!parameters.has(SearchAlgorithm.Extra.TIERS.key())) {
            throw parameters.error("screening", SearchAlgorithm.Extra.SCREENING.purpose() + "; expected it only "
                    + "there");
        }
        int candidates = s.integer("candidates", 16, 2);
        if (candidates > MAX_COUNT) {
            throw s.error("candidates", "is " + candidates + "; expected at most " + MAX_COUNT);
        }
        double gamma = s.number("gamma", 0.25);
        if (!(gamma > 0 && gamma < 1)) {
            throw s.error("gamma", "is " + gamma + "; expected a fraction between 0 and 1");
        }
        int keep = parameters.integer("mutations_per_parent", 1, 0);
        if (candidates <= keep) {
            throw s.error("candidates", "is " + candidates + "; expected more than the " + keep
                    + " mutations_per_parent it keeps");
        }
        return new SearchAlgorithm.Screening(candidates, gamma);
    }

    /**
     * {@code tiers: {by: parameters, ceilings: [15000, 50000], leaders: 2, sampling: stratified}}: evolution,
     * local search and MO-BANANAS breed the {@code leaders} most accurate networks (by the spec's primary
     * objective) of each band of {@code by} between the ceilings, keeping each mutation in its parent's band, and
     * draw their random networks in equal shares from each band ({@code plain}: as without tiers; {@code covered}:
     * plain, then each band short of its leaders topped up).
     */
    private static SizeTiers<DjlNetwork> tiers(SpecMap t, RunSpec spec) {
        t.requireOnly("by", "ceilings", "leaders", "sampling");
        String by = t.string("by", "parameters");
        if (spec.objectives().stream().noneMatch(o -> o.name().equals(by))) {
            throw t.error("by", "is '" + by + "'; expected one of the objectives ("
                    + String.join(", ", spec.objectives().stream().map(RunSpec.Objective::name).toList()) + ")");
        }
        List<Double> ceilings = t.numberList("ceilings");
        if (ceilings.isEmpty() || ceilings.stream().anyMatch(c -> !Double.isFinite(c))) {
            throw t.error("ceilings", "is " + ceilings + "; expected a list of at least one number");
        }
        int leaders = t.integer("leaders", 2, 1);
        if (leaders > MAX_COUNT) {
            throw t.error("leaders", "is " + leaders + "; expected at most " + MAX_COUNT);
        }
        String sampling = t.string("sampling", "stratified");
        List<String> names = Arrays.stream(SizeTiers.Sampling.values())
                .map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
        if (!names.contains(sampling)) {
            throw t.error("sampling", "is '" + sampling + "'; expected one of " + String.join(", ", names));
        }
        return new SizeTiers<>(spec.primaryObjective(), by, ceilings, leaders,
                SizeTiers.Sampling.valueOf(sampling.toUpperCase(Locale.ROOT)));
    }

    /**
     * The pruner of {@code training.pruning} (null without one, or without an accuracy objective): accuracy so far
     * against the spec's objectives that training does not change (parameters, MACs, ...), each in its direction.
     * One per process: a cluster's workers each prune from the reports they see.
     */
    private static DominancePruner<DjlNetwork> pruner(RunSpec spec) {
        RunSpec.Pruning pruning = spec.training().pruning();
        Optional<RunSpec.Objective> found = spec.objectives().stream()
                .filter(o -> o.kind() == EvaluatorKind.ACCURACY).findFirst();
        if (pruning == null || found.isEmpty()) {
            return null;
        }
        RunSpec.Objective accuracy = found.get();
        DominancePruner.Builder<DjlNetwork> pruner = DominancePruner.<DjlNetwork>builder(
                Direction.of(accuracy.higherIsBetter())).dominatedBy(pruning.dominatedBy())
                .minReports(pruning.minReports());
        for (RunSpec.Objective o : spec.objectives()) {
            if (o.kind().measure() == EvaluatorKind.Measure.FIXED) {
                pruner.fixedObjective(o.kind().create(o, spec, null, null), Direction.of(o.higherIsBetter()));
            }
        }
        return pruner.build();
    }

    /** Sets each parameter through the builder method of the same name in camel case. */
    private static void configure(AlgorithmBuilder<DjlNetwork, ?> builder, SpecMap parameters) {
        for (String key : parameters.keys()) {
            if (OWN_KEYS.contains(key) || Arrays.stream(SearchAlgorithm.Extra.values()).anyMatch(e -> e.key()
                    .equals(key))) {
                continue;
            }
            if (key.equals("seed")) {
                throw parameters.error(key, "the seed is set at the top of the spec");
            }
            Method setter = setter(builder, camel(key));
            if (setter == null) {
                throw parameters.error(key, "unknown parameter of " + parameters.string("name", "") + "; expected "
                        + "one of " + String.join(", ", knownParameters(builder)));
            }
            Class<?> type = setter.getParameterTypes()[0];
            Object value;
            if (type == int.class || type == long.class) {
                int n = parameters.integer(key, 0);
                if (n > MAX_COUNT) {
                    throw parameters.error(key, "is " + n + "; expected at most " + MAX_COUNT);
                }
                value = type == int.class ? (Object) n : (Object) (long) n;
            } else if (type == double.class) {
                value = parameters.number(key, 0);
            } else if (type == boolean.class) {
                value = parameters.bool(key, false);
            } else {
                throw parameters.error(key, "cannot be set from a run spec");
            }
            try {
                setter.invoke(builder, value);
            } catch (InvocationTargetException e) {
                throw parameters.error(key, e.getCause().getMessage());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Method setter(Object builder, String name) {
        for (Method m : builder.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1 && settable(m.getParameterTypes()[0])) {
                return m;
            }
        }
        return null;
    }

    private static boolean settable(Class<?> type) {
        return type == int.class || type == long.class || type == double.class || type == boolean.class;
    }

    private static List<String> knownParameters(Object builder) {
        TreeSet<String> names = new TreeSet<>();
        for (Method m : builder.getClass().getMethods()) {
            if (m.getParameterCount() == 1 && settable(m.getParameterTypes()[0]) && !m.getName().equals("seed")) {
                names.add(m.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(names);
    }

    private static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    /** Closes the search (its evaluation service: the journal and the evaluators' threads) and the surrogate. */
    @Override
    public void close() {
        try {
            searcher.close();
            if (surrogate != null) {
                surrogate.close();
            }
        } finally {
            networks.close();
        }
    }
}
