package org.archai4j.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.archai4j.algos.AlgorithmBuilder;
import org.archai4j.algos.EvolutionParetoSearch;
import org.archai4j.algos.LocalSearch;
import org.archai4j.algos.MoBananasSearch;
import org.archai4j.algos.RandomSearch;
import org.archai4j.algos.RegularizedEvolutionSearch;
import org.archai4j.algos.SuccessiveHalvingSearch;
import org.archai4j.cli.spec.RunSpec;
import org.archai4j.cli.spec.SpecException;
import org.archai4j.cli.spec.SpecMap;
import org.archai4j.config.ArchConfig;
import org.archai4j.config.ArchParamTree;
import org.archai4j.djl.Devices;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.DjlWeightStore;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.evaluators.DjlActivations;
import org.archai4j.djl.evaluators.DjlLatency;
import org.archai4j.djl.evaluators.DjlMacs;
import org.archai4j.djl.evaluators.DjlNaswot;
import org.archai4j.djl.evaluators.DjlNumParameters;
import org.archai4j.djl.evaluators.DjlPeakMemory;
import org.archai4j.djl.evaluators.DjlTrainedAccuracy;
import org.archai4j.djl.models.ModelFamily;
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
import org.archai4j.search.Limits;
import org.archai4j.search.Searcher;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.spacefile.SpaceFiles;

/**
 * Builds a search from a {@link RunSpec}: the space file's tree, the networks, the data, the objectives and the
 * algorithm with its parameters. Algorithm parameters are the builder's methods in snake case
 * ({@code init_num_models} is {@code initNumModels(int)}), so every parameter of every algorithm can be set and
 * an unknown one is an error listing the known ones.
 *
 * <pre>{@code
 * SearchRun run = SearchRun.prepare(spec, data, outputDir);
 * run.searcher().search();
 * }</pre>
 */
public final class SearchRun implements AutoCloseable {
    /** The evaluators whose values training does not change: a pruner compares accuracy so far along them. */
    private static final List<String> FIXED_EVALUATORS = List.of("parameters", "macs", "flops", "activations",
            "memory");

    public static final List<String> ALGORITHMS = List.of("random", "evolution_pareto", "local",
            "regularized_evolution", "successive_halving", "mo_bananas");

    /**
     * The largest count an algorithm parameter may be (iterations, population sizes, samples): a search that
     * would build more models than this in one go would run out of memory long before it finished.
     */
    static final int MAX_COUNT = 100_000;

    private final ConfigSearchSpace<DjlNetwork> space;
    private final SearchObjectives<DjlNetwork> objectives;
    private final Searcher<DjlNetwork> searcher;
    private final DnnEnsemble surrogate;
    private final DominancePruner<DjlNetwork> pruner;

    private SearchRun(ConfigSearchSpace<DjlNetwork> space, SearchObjectives<DjlNetwork> objectives,
                      Searcher<DjlNetwork> searcher, DnnEnsemble surrogate, DominancePruner<DjlNetwork> pruner) {
        this.space = space;
        this.objectives = objectives;
        this.searcher = searcher;
        this.surrogate = surrogate;
        this.pruner = pruner;
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

    /** Prepares the search of {@code spec} on {@code data}, writing to {@code outputDir}, evaluating locally. */
    public static SearchRun prepare(RunSpec spec, LabelledData.Split data, Path outputDir) {
        return prepare(spec, data, outputDir, null);
    }

    /**
     * Prepares the search of {@code spec}; with a {@code cluster}, expensive objectives are evaluated by its
     * workers (cheap ones, and constraints, stay local).
     */
    public static SearchRun prepare(RunSpec spec, LabelledData.Split data, Path outputDir,
                                    ClusterCoordinator cluster) {
        return prepare(spec, data, outputDir, cluster, null);
    }

    /**
     * Prepares the search of {@code spec}, evaluating expensive objectives on the {@code cluster} when there is
     * one, and running under {@code lock}, the output directory's lock the caller holds (null: the search locks it).
     */
    public static SearchRun prepare(RunSpec spec, LabelledData.Split data, Path outputDir,
                                    ClusterCoordinator cluster, RunLock lock) {
        ArchParamTree tree = SpaceFiles.readTree(spec.space());
        Device device = device(spec);
        ConfigSearchSpace<DjlNetwork> space = ConfigSearchSpace.builder(modelFactory(spec, data.train(), device), tree)
                .modelKwargs(spec.model().kwargs()).weightStore(new DjlWeightStore()).seed(spec.seed())
                .mutationProb(mutationProb(spec.algorithm().parameters())).build();
        DominancePruner<DjlNetwork> pruner = pruner(spec);
        SearchObjectives<DjlNetwork> objectives = objectives(spec, data, cluster, outputDir, pruner);
        DnnEnsemble surrogate = null;
        Object builder = switch (spec.algorithm().name()) {
            case "random" -> RandomSearch.builder(space, objectives, outputDir);
            case "evolution_pareto" -> EvolutionParetoSearch.builder(space, objectives, outputDir);
            case "local" -> LocalSearch.builder(space, objectives, outputDir);
            case "regularized_evolution" -> RegularizedEvolutionSearch.builder(space, objectives, outputDir);
            case "successive_halving" -> SuccessiveHalvingSearch.builder(space, objectives, outputDir);
            case "mo_bananas" -> {
                surrogate = DnnEnsemble.builder().seed((int) spec.seed()).build();
                yield MoBananasSearch.builder(space, objectives, outputDir, surrogate);
            }
            default -> throw spec.algorithm().parameters().error("name", "is '" + spec.algorithm().name()
                    + "'; expected one of " + String.join(", ", ALGORITHMS));
        };
        configure(builder, spec.algorithm().parameters());
        SpecMap parameters = spec.algorithm().parameters();
        if (parameters.has("prescreen")) {
            if (!(builder instanceof SuccessiveHalvingSearch.Builder<?>)) {
                throw parameters.error("prescreen", "screens the first models of successive_halving; expected it "
                        + "only there");
            }
            @SuppressWarnings("unchecked")
            SuccessiveHalvingSearch.Builder<DjlNetwork> halving = (SuccessiveHalvingSearch.Builder<DjlNetwork>) builder;
            halving.initialModels(prescreen(parameters.requireMap("prescreen"), parameters.integer("init_num_models",
                    10), spec, data));
        }
        if (parameters.has("tiers")) {
            setTiers(builder, tiers(parameters.requireMap("tiers"), spec), parameters);
        }
        if (parameters.has("screening")) {
            screening(builder, parameters);
        }
        invoke(builder, "seed", spec.seed());
        invoke(builder, "runIdentity", spec.identity());
        if (lock != null) {
            invoke(builder, "runLock", lock);
        }
        RunSpec.Budget budget = spec.budget();
        if (spec.searchTime() != null) {
            invoke(builder, "limit", Limits.byTime(spec.searchTime()));
        }
        if (budget.evaluations() != null) {
            invoke(builder, "limit", Limits.byEvaluations(budget.evaluations()));
        }
        if (budget.stalledIterations() != null) {
            invoke(builder, "limit", Limits.byFrontierStagnation(budget.stalledIterations()));
        }
        @SuppressWarnings("unchecked")
        Searcher<DjlNetwork> searcher = (Searcher<DjlNetwork>) invoke(builder, "build");
        searcher.addListener(new ParetoPlots<>(outputDir));
        searcher.addListener(new ConfigLog<>(outputDir));
        return new SearchRun(space, objectives, searcher, surrogate, pruner);
    }

    static Device device(RunSpec spec) {
        try {
            return Devices.parse(spec.device());
        } catch (IllegalArgumentException e) {
            throw new SpecException(spec.file() + ": device: " + e.getMessage(), e);
        }
    }

    static ModelFactory<DjlNetwork> modelFactory(RunSpec spec, LabelledData train, Device device) {
        Shape sample = train.sampleShape();
        int classes = train.numClasses();
        RunSpec.Model model = spec.model();
        if (model.family() != null) {
            ModelFamily family = ModelFamily.find(model.family(), model.classLoader()).orElseThrow(
                    () -> new SpecException(spec.file() + ": model.family: no family '" + model.family() + "'"));
            return (config, kwargs) -> {
                Map<String, Object> options = new LinkedHashMap<>(kwargs == null ? Map.of() : kwargs);
                options.put("stem_stride", model.stemStride());
                return new DjlNetwork(family.block(config, new ModelFamily.Input(sample, classes, options)), sample,
                        device, 0);
            };
        }
        Constructor<?>[] found = blockConstructors(spec, model);
        return (config, kwargs) -> new DjlNetwork(newBlock(found, config, kwargs), sample, device, 0);
    }

    /** The {@code (ArchConfig, Map)} and {@code (ArchConfig)} constructors of a block class (either may be null). */
    private static Constructor<?>[] blockConstructors(RunSpec spec, RunSpec.Model model) {
        String className = model.className();
        Class<?> type;
        try {
            type = Class.forName(className, true, model.classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SpecException(spec.file() + ": model.class: no class " + className + " on the classpath"
                    + (model.classpath().isEmpty() ? " (add its jar to model.classpath)" : " or in "
                    + model.classpath()), e);
        }
        if (!Block.class.isAssignableFrom(type)) {
            throw new SpecException(spec.file() + ": model.class: " + className + " is not a DJL Block");
        }
        Constructor<?> withKwargs = null;
        Constructor<?> plain = null;
        try {
            withKwargs = type.getConstructor(ArchConfig.class, Map.class);
        } catch (NoSuchMethodException e) {
            // the other form may exist
        }
        try {
            plain = type.getConstructor(ArchConfig.class);
        } catch (NoSuchMethodException e) {
            // the other form may exist
        }
        if (withKwargs == null && plain == null) {
            throw new SpecException(spec.file() + ": model.class: " + className + " has no public constructor "
                    + "(ArchConfig) or (ArchConfig, Map)");
        }
        return new Constructor<?>[] {withKwargs, plain};
    }

    private static Block newBlock(Constructor<?>[] constructors, ArchConfig config, Map<String, Object> kwargs) {
        try {
            return (Block) (constructors[0] != null ? constructors[0].newInstance(config, kwargs)
                    : constructors[1].newInstance(config));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SearchObjectives<DjlNetwork> objectives(RunSpec spec, LabelledData.Split data,
                                                           ClusterCoordinator cluster, Path outputDir,
                                                           DominancePruner<DjlNetwork> pruner) {
        SearchObjectives<DjlNetwork> objectives = new SearchObjectives<>();
        WorkerLog workers = cluster == null ? null : new WorkerLog(outputDir);
        for (RunSpec.Objective o : spec.objectives()) {
            ModelEvaluator<DjlNetwork> evaluator = evaluator(o, spec, data, pruner);
            boolean expensive = o.expensive() != null ? o.expensive() : o.evaluator().equals("accuracy");
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
            objectives.addConstraint(c.name(), evaluator(c, spec, data, null), constraint(c));
        }
        return objectives;
    }

    private static Constraint constraint(RunSpec.Objective o) {
        return Constraint.between(o.min() == null ? Double.NEGATIVE_INFINITY : o.min(),
                o.max() == null ? Double.POSITIVE_INFINITY : o.max());
    }

    /**
     * The evaluator of objective {@code o}; an accuracy evaluator stops the trainings {@code pruner} prunes (null:
     * none).
     */
    static ModelEvaluator<DjlNetwork> evaluator(RunSpec.Objective o, RunSpec spec, LabelledData.Split data,
                                                DominancePruner<DjlNetwork> pruner) {
        return switch (o.evaluator()) {
            case "accuracy" -> {
                DjlTrainedAccuracy.Builder accuracy = DjlTrainedAccuracy.builder(data.train(), data.validation())
                        .recipe(spec.training().recipe()).defaultEpochs(spec.training().epochs()).seed(spec.seed());
                if (pruner != null) {
                    RunSpec.Pruning pruning = spec.training().pruning();
                    accuracy.pruner(pruner, pruning.reportEvery(), pruning.validationSize());
                }
                yield accuracy.build();
            }
            case "parameters" -> new DjlNumParameters();
            case "macs" -> DjlMacs.macs();
            case "flops" -> DjlMacs.flops();
            case "activations" -> new DjlActivations();
            case "memory" -> new DjlPeakMemory(1);
            case "latency", "latency_ms" -> {
                // A fresh JVM's first passes are 2-3 times slower (scripts/bench-latency: medians of 2.1-3.2 ms after
                // 3 warm-ups, 0.8-1.1 ms after 500): warm-ups cost a millisecond each, next to seconds of training.
                DjlLatency latency = DjlLatency.builder().numWarmups(30).numSamples(o.samples()).useMedian(true)
                        .timing(o.timing()).build();
                double scale = o.evaluator().equals("latency_ms") ? 1e3 : 1;
                yield (model, budget) -> scale * latency.evaluate(model, budget);
            }
            default -> throw new SpecException(spec.file() + ": unknown evaluator " + o.evaluator());
        };
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
        String groupBy = p.string("group_by", "parameters");
        ModelEvaluator<DjlNetwork> size = switch (groupBy) {
            case "parameters" -> new DjlNumParameters();
            case "macs" -> DjlMacs.macs();
            case "activations" -> new DjlActivations();
            default -> throw p.error("group_by", "is '" + groupBy + "'; expected parameters, macs or activations");
        };
        return new ProxyScreening<>(n, pool, new DjlNaswot(data.train(), batch, spec.seed()), size,
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

    @SuppressWarnings("unchecked")
    private static void setTiers(Object builder, SizeTiers<DjlNetwork> tiers, SpecMap parameters) {
        if (builder instanceof LocalSearch.Builder<?> local) {
            ((LocalSearch.Builder<DjlNetwork>) local).tiers(tiers);
        } else if (builder instanceof MoBananasSearch.Builder<?> bananas) {
            ((MoBananasSearch.Builder<DjlNetwork>) bananas).tiers(tiers);
        } else if (builder instanceof EvolutionParetoSearch.Builder<?> evolution) {
            ((EvolutionParetoSearch.Builder<DjlNetwork>) evolution).tiers(tiers);
        } else {
            throw parameters.error("tiers", "chooses the parents of evolution_pareto, local and mo_bananas; "
                    + "expected it only there");
        }
    }

    /**
     * {@code screening: {candidates: 16, gamma: 0.25}}: local search with tiers makes {@code candidates} mutations
     * of each leader and trains the most promising by a Parzen (TPE) score, whose good networks are the best
     * {@code gamma} of each band.
     */
    @SuppressWarnings("unchecked")
    private static void screening(Object builder, SpecMap parameters) {
        SpecMap s = parameters.requireMap("screening");
        s.requireOnly("candidates", "gamma");
        if (!(builder instanceof LocalSearch.Builder<?> local) || !parameters.has("tiers")) {
            throw parameters.error("screening", "screens the mutations of local search with tiers; expected it only "
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
        ((LocalSearch.Builder<DjlNetwork>) local).screening(candidates, gamma);
    }

    /**
     * {@code tiers: {by: parameters, ceilings: [15000, 50000], leaders: 2, sampling: stratified}}: evolution,
     * local search and MO-BANANAS breed the {@code leaders} most accurate networks (by the spec's primary
     * objective) of each band of {@code by} between the ceilings, keeping each mutation in its parent's band, and
     * draw their random networks in equal shares from each band ({@code plain}: as without tiers).
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
        if (!List.of("stratified", "plain").contains(sampling)) {
            throw t.error("sampling", "is '" + sampling + "'; expected stratified or plain");
        }
        return new SizeTiers<>(spec.primaryObjective(), by, ceilings, leaders,
                SizeTiers.Sampling.valueOf(sampling.toUpperCase(Locale.ROOT)));
    }

    /**
     * The pruner of {@code training.pruning} (null without one, or without an accuracy objective): accuracy so far
     * against the spec's objectives that training does not change (parameters, MACs, ...), each in its direction.
     * One per process: a cluster's workers each prune from the reports they see.
     */
    static DominancePruner<DjlNetwork> pruner(RunSpec spec) {
        RunSpec.Pruning pruning = spec.training().pruning();
        Optional<RunSpec.Objective> found = spec.objectives().stream().filter(o -> o.evaluator().equals("accuracy"))
                .findFirst();
        if (pruning == null || found.isEmpty()) {
            return null;
        }
        RunSpec.Objective accuracy = found.get();
        DominancePruner.Builder<DjlNetwork> pruner = DominancePruner.<DjlNetwork>builder(
                Direction.of(accuracy.higherIsBetter())).dominatedBy(pruning.dominatedBy())
                .minReports(pruning.minReports());
        for (RunSpec.Objective o : spec.objectives()) {
            if (FIXED_EVALUATORS.contains(o.evaluator())) {
                pruner.fixedObjective(evaluator(o, spec, null, null), Direction.of(o.higherIsBetter()));
            }
        }
        return pruner.build();
    }

    /** Sets each parameter through the builder method of the same name in camel case. */
    private static void configure(Object builder, SpecMap parameters) {
        for (String key : parameters.keys()) {
            if (List.of("name", "prescreen", "tiers", "screening", "mutation_prob").contains(key)) {
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

    private static Object invoke(Object target, String method, Object... args) {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException(target.getClass() + " has no " + method);
    }

    /** Closes the search (its evaluation service: the journal and the evaluators' threads) and the surrogate. */
    @Override
    public void close() {
        searcher.close();
        if (surrogate != null) {
            surrogate.close();
        }
    }
}
