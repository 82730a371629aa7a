package org.archai4j.run.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.archai4j.djl.data.ImageFolder;
import org.archai4j.djl.evaluators.DjlLatency;
import org.archai4j.djl.models.CodeLoading;
import org.archai4j.djl.models.ModelFamily;
import org.archai4j.djl.models.NetworkSource;
import org.archai4j.djl.training.Augmentation;
import org.archai4j.djl.training.LearningRateSchedule;
import org.archai4j.djl.training.TrainingRecipe;
import org.archai4j.pareto.FrontierSelection;
import org.archai4j.space.file.SpaceFileException;
import org.archai4j.space.file.SpaceFiles;
import org.archai4j.space.file.YamlNodes;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A run spec: everything a search needs, in one YAML file. Unknown keys are errors.
 *
 * <pre>{@code
 * seed: 1
 * output: runs/fashion-mnist            # --out overrides; relative to the working directory
 * space: spaces/image-classification.yaml   # relative to this file
 * model: {family: image-classifier, stem_stride: 1}   # or {class: com.example.MyBlock, kwargs: {...}}
 * device: cpu
 * data: {dataset: fashion-mnist, train_size: 2000, validation_size: 500}
 * training: {epochs: 1, batch_size: 64, learning_rate: 0.001, schedule: one_cycle, weight_decay: 0.0001,
 *            label_smoothing: 0.1, augmentation: {crop_padding: 2, horizontal_flip: true}}
 * final: {models: 4, epochs: 6, reserve: 4m, spread_over: [accuracy, parameters]}
 *                                      # after the search: train the chosen models on all the training data,
 *                                      # measure them on the test split; may override training's keys
 * objectives:
 *   accuracy: {evaluator: accuracy, higher_is_better: true}
 *   macs: {evaluator: macs, higher_is_better: false, max: 1.0e7}
 * constraints:
 *   small: {evaluator: parameters, max: 1.0e6}
 * algorithm: {name: evolution_pareto, num_iters: 5, init_num_models: 10}
 * parallel: 1
 * time_budget: 10m                     # optional limits: 90s, 10m, 1h30m (or seconds); the first reached stops;
 *                                      # with a final stage, the whole job's (the search gets it less the reserve)
 * max_evaluations: 500
 * stop_when_stalled: 5                 # iterations without a better frontier (hypervolume)
 * }</pre>
 *
 * @param file the spec file
 * @param text its text (kept with the run, to recognise it when resuming)
 * @param name the run's name (the file name without extension)
 * @param seed the seed of the search and of the data split
 * @param output the output directory, unless the command line names one
 * @param space the search-space file
 * @param model which networks to build
 * @param device cpu, gpu or gpu:N
 * @param data the dataset
 * @param training how the accuracy evaluator trains
 * @param finalStage the final training of chosen frontier models, or null for none
 * @param objectives the objectives, in order
 * @param constraints constraints that are not objectives
 * @param algorithm the algorithm and its parameters
 * @param parallel how many expensive evaluations run at once
 * @param budget the limits besides the algorithm's iterations
 */
public record RunSpec(Path file, String text, String name, long seed, Path output, Path space, Model model,
                      String device, Data data, Training training, Final finalStage, List<Objective> objectives,
                      List<Objective> constraints, Algorithm algorithm, int parallel, Budget budget) {

    /** This spec with another budget (the command line's). */
    public RunSpec withBudget(Budget other) {
        return new RunSpec(file, text, name, seed, output, space, model, device, data, training, finalStage,
                objectives, constraints, algorithm, parallel, other);
    }

    /** The objective "most accurate" means: the first accuracy objective, else the first objective. */
    public String primaryObjective() {
        return objectives.stream().filter(o -> o.kind() == EvaluatorKind.ACCURACY).findFirst()
                .orElse(objectives.get(0)).name();
    }

    /**
     * The search's own time limit: the whole job's budget less the final stage's reserve (null without a time
     * budget).
     */
    public Duration searchTime() {
        if (budget.time() == null) {
            return null;
        }
        if (finalStage == null || finalStage.reserve() == null) {
            return budget.time();
        }
        return budget.time().minus(finalStage.reserve());
    }

    /** The top-level keys that limit a search; changing them does not make another search. */
    public static final List<String> BUDGET_KEYS = List.of("time_budget", "max_evaluations", "stop_when_stalled");

    /**
     * Limits besides the algorithm's iterations, each {@code null} when absent.
     *
     * @param time a wall-clock budget on the run's clock (a resumed run counts the time already spent)
     * @param evaluations the models to evaluate at most (the iteration that reaches it is completed)
     * @param stalledIterations iterations without a larger frontier hypervolume after which the search stops
     */
    public record Budget(Duration time, Long evaluations, Integer stalledIterations) {
        /** No limit. */
        public static final Budget NONE = new Budget(null, null, null);

        /** This budget with another time limit. */
        public Budget withTime(Duration time) {
            return new Budget(time, evaluations, stalledIterations);
        }

        /** This budget with another evaluation limit. */
        public Budget withEvaluations(Long evaluations) {
            return new Budget(time, evaluations, stalledIterations);
        }
    }

    /**
     * Whether {@code otherText}, the text of a spec (a run directory's copy), describes the same search as this
     * one: the same parsed spec once its limits are set aside (comments, layout, key order and budgets may
     * differ).
     */
    public boolean sameSearch(String otherText, String label) {
        return SpecIdentity.canonical(otherText, label).equals(SpecIdentity.canonical(text, file.toString()));
    }

    /**
     * A duration as written in a spec or on the command line: {@code 90s}, {@code 10m}, {@code 1h30m},
     * {@code 500ms}, or a number of seconds.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static Duration parseDuration(String text) {
        String t = text.strip();
        if (t.matches("\\d+(\\.\\d+)?")) {
            return positiveDuration(text, Duration.ofNanos((long) (Double.parseDouble(t) * 1e9)));
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)").matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            double v = Double.parseDouble(m.group(1));
            double seconds = switch (m.group(2)) {
                case "h" -> v * 3600;
                case "m" -> v * 60;
                case "s" -> v;
                default -> v / 1000;
            };
            total = total.plus(Duration.ofNanos((long) (seconds * 1e9)));
            end = m.end();
        }
        if (end != t.length() || end == 0) {
            throw new IllegalArgumentException("is '" + text + "'; expected a duration such as 90s, 10m or 1h30m");
        }
        return positiveDuration(text, total);
    }

    /** A duration as a spec writes it: {@code 3m25s}, {@code 90s}, {@code 1h30m}. */
    public static String format(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static Duration positiveDuration(String text, Duration d) {
        if (d.isZero() || d.isNegative() || d.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException("is '" + text + "'; expected a duration above 0 and at most a year");
        }
        return d;
    }

    /**
     * The network: a {@link ModelFamily} by name (built in, or from a jar of {@code classpath}), or a DJL block
     * class.
     *
     * @param family the family's name (null when a class is given)
     * @param stemStride the image classifier's stem stride
     * @param className a {@code Block} class with an {@code (ArchConfig)} or {@code (ArchConfig, Map)} constructor
     * @param kwargs the keyword arguments a block class's {@code Map} constructor receives
     * @param classpath jars to load the family or class from (absolute)
     */
    public record Model(String family, int stemStride, String className, Map<String, Object> kwargs,
                        List<Path> classpath) {
        /**
         * The source of the networks, with the {@code classpath} jars open until it is closed.
         *
         * @throws IllegalArgumentException saying what is wrong with the family or class
         */
        public NetworkSource open() {
            // The spec's author chose these jars: their code is theirs to run.
            return family != null ? NetworkSource.family(family, classpath, CodeLoading.ALLOW)
                    : NetworkSource.blockClass(className, classpath, CodeLoading.ALLOW);
        }
    }

    /**
     * Where the labelled data comes from, and how it is split.
     *
     * @param kind fashion-mnist, idx, image-folder or csv
     * @param directory the IDX files' directory (fashion-mnist, idx)
     * @param train the training folder (image-folder) or file (csv)
     * @param test the test folder or file; null to take the test split from the training data
     * @param label the class column (csv)
     * @param images how image folders are read (size, channels)
     * @param testFraction the seeded part of the training data kept as the test split when there is no test set
     * @param trainSize how many training samples the search trains on (0: all that remain)
     * @param validationSize how many samples validate (0: {@code validationFraction} of the training data)
     * @param validationFraction the part of the training data that validates when no size is given
     */
    public record Data(DatasetKind kind, Path directory, Path train, Path test, String label,
                       ImageFolder.Options images, double testFraction, int trainSize, int validationSize,
                       double validationFraction) {
        /** The kind's name in the spec ({@code data.dataset}). */
        public String dataset() {
            return kind.specName();
        }

        /** Whether the test split is a set of its own (else a seeded part of the training data). */
        public boolean hasTestSet() {
            return kind.hasTestSet(this);
        }
    }

    /**
     * How the accuracy evaluator trains.
     *
     * @param epochs the epochs of an evaluation without a budget
     * @param recipe batch size, learning rate and schedule, weight decay, label smoothing, augmentation
     * @param pruning when to stop clearly bad trainings early, or null for never
     * @param folds 1: each network trains on the search's training subset and is validated on its validation
     *     split; more: cross-validated over that many stratified folds of the two pooled (each network trains once
     *     per fold), which small data needs for a validation of more than a few dozen samples
     */
    public record Training(double epochs, TrainingRecipe recipe, Pruning pruning, int folds) {
    }

    /**
     * {@code training.pruning}: the search's trainings report their accuracy on {@code validationSize} validation
     * samples every {@code reportEvery} epochs, and one that at least {@code dominatedBy} of the networks reporting
     * at the same step dominate (in accuracy so far and the spec's cheap objectives) stops there, once
     * {@code minReports} have reported.
     */
    public record Pruning(double reportEvery, double dominatedBy, int minReports, int validationSize) {
    }

    private static Pruning pruning(SpecMap p) {
        p.requireOnly("report_every", "dominated_by", "min_reports", "validation_size");
        double every = positive(p, "report_every", 0.25, 1000);
        double dominatedBy = positive(p, "dominated_by", 0.5, 1);
        return new Pruning(every, dominatedBy, p.integer("min_reports", 5, 1), p.integer("validation_size", 1000, 1));
    }

    /**
     * The final stage: after the search, {@code models} frontier models (the most accurate first, then spread along
     * the frontier) are trained from scratch on every training image and measured once on the test split.
     *
     * @param models how many
     * @param epochs how long each trains
     * @param recipe how (the search's, with the final section's overrides)
     * @param reserve the part of the time budget kept for this stage (null: none)
     * @param spreadOver the objectives the choice spreads over (empty: all)
     * @param bestWithin size tiers whose best model is chosen right after the most accurate one
     * @param length whether each model trains for {@code epochs}, or for its share of the time left
     * @param ensemble whether the final models are also measured, and exportable, as one ensemble
     */
    public record Final(int models, double epochs, TrainingRecipe recipe, Duration reserve, List<String> spreadOver,
                        List<FrontierSelection.Ceiling> bestWithin, Length length, Ensemble ensemble) {
    }

    /** What the final stage makes of its models together ({@code final.ensemble}). */
    public enum Ensemble implements SpecNamed {
        /** Nothing: each final model stands alone. */
        NONE("none"),
        /**
         * The final models (two or more) as one classifier, the mean of their class probabilities: measured on the
         * test split with them, and exported as one model ({@code archai4j export RUN ensemble}).
         */
        MEAN("mean");

        private final String specName;

        Ensemble(String specName) {
            this.specName = specName;
        }

        @Override
        public String specName() {
            return specName;
        }
    }

    /** How long the final stage trains each model ({@code final.length}). */
    public enum Length implements SpecNamed {
        /** {@code epochs} epochs; a model that would not finish before the deadline is left out. */
        EPOCHS("epochs"),
        /**
         * The models still to train share the time left before the deadline, each in proportion to its predicted
         * need and for at least {@code epochs}, so the job ends on its time budget; unless the search's longer
         * looks at the same networks lowered the primary objective on average (longer training overfits this
         * data), when each trains {@code epochs}.
         */
        FILL("fill");

        private final String specName;

        Length(String specName) {
            this.specName = specName;
        }

        @Override
        public String specName() {
            return specName;
        }
    }

    /** The keys of a training recipe, in {@code training:} and {@code final:}. */
    private static final List<String> RECIPE_KEYS = List.of("batch_size", "learning_rate", "schedule",
            "weight_decay", "label_smoothing", "augmentation");

    /**
     * An objective or constraint.
     *
     * @param kind the evaluator: accuracy, parameters, macs, flops, activations, memory, latency (seconds) or
     *     latency_ms
     * @param expensive null for the evaluator's default
     * @param min the lower bound of a constraint (null for none)
     * @param max the upper bound of a constraint (null for none)
     * @param samples timed runs of a latency evaluator
     * @param timing how a latency evaluator times them ({@code timing: calibrated}, the default, or {@code raw})
     */
    public record Objective(String name, EvaluatorKind kind, boolean higherIsBetter, Boolean expensive, Double min,
                            Double max, int samples, DjlLatency.Timing timing) {
        public boolean constrained() {
            return min != null || max != null;
        }

        /** The evaluator's name in the spec. */
        public String evaluator() {
            return kind.specName();
        }

        /** Whether the objective is expensive: as the spec says, else as its evaluator is by default. */
        public boolean isExpensive() {
            return expensive != null ? expensive : kind.expensiveByDefault();
        }
    }

    /** The algorithm's name and its parameters, checked against the algorithm's builder when it is built. */
    public record Algorithm(String name, SpecMap parameters) {
    }

    /**
     * What identifies this search, in its journal and to cluster workers: SHA-1 of the parsed spec without its
     * limits ({@link #BUDGET_KEYS}) and of its space file, so that a rerun with a longer budget continues the same
     * run, and a worker started with another spec (or an edited one) gets no work.
     */
    public String identity() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-1");
            sha.update(SpecIdentity.canonical(text, file.toString()).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(space));
            return name + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new SpecException(file + ": space: cannot read " + space + " (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cluster's name for this spec: workers and coordinators of other specs form other clusters. */
    public String clusterName() {
        return "archai4j-" + name;
    }

    /**
     * A spec that holds only its data and a time budget (and perhaps a seed and an output directory): the job is
     * planned from them ({@code org.archai4j.run.plan}), as {@code archai4j search --data} plans it.
     *
     * <pre>{@code
     * data: {dataset: csv, train: data/rows.csv}
     * time_budget: 10m
     * }</pre>
     *
     * @param output the run's directory ({@code runs/NAME} unless the spec says)
     */
    public record DataOnly(Data data, Duration timeBudget, long seed, Path output) {
    }

    /** The keys a spec of only data may hold. */
    public static final List<String> DATA_ONLY_KEYS = List.of("data", "time_budget", "seed", "output");

    /**
     * The spec in {@code file} when it holds only data and a time budget ({@link #DATA_ONLY_KEYS}), or empty when
     * it is a full spec (for {@link #read}).
     *
     * @throws SpecException when it holds only data but no time budget, or its data is wrong
     */
    public static Optional<DataOnly> readDataOnly(Path file) {
        SpecMap spec = root(YamlNodes.read(file, "the run spec", SpecException::new), file.toString());
        if (!spec.has("data") || !DATA_ONLY_KEYS.containsAll(spec.keys())) {
            return Optional.empty();
        }
        Duration budget = duration(spec, "time_budget");
        if (budget == null) {
            throw new SpecException(file + ": time_budget: missing; a spec of only data: is planned from the data "
                    + "and a time budget (for example time_budget: 10m)");
        }
        SpecMap data = spec.requireMap("data").requireOnly("dataset", "directory", "train", "test", "label");
        return Optional.of(new DataOnly(data(data, file.toAbsolutePath().getParent(), false), budget,
                spec.integer("seed", 1), output(spec, nameOf(file))));
    }

    /** A spec's name: its file name without the extension. */
    private static String nameOf(Path file) {
        return file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    }

    /** The {@code output} key, or {@code runs/NAME}. */
    private static Path output(SpecMap spec, String name) {
        return spec.has("output") ? Path.of(spec.requireString("output")) : Path.of("runs", name);
    }

    /** The spec's top-level mapping. */
    private static SpecMap root(String text, String label) {
        Optional<Node> root = YamlNodes.compose(text, label, SpecException::new);
        if (root.isEmpty() || !(root.get() instanceof MappingNode rootMap)) {
            throw new SpecException(label + ": expected a mapping (seed, space, model, data, objectives, ...)");
        }
        return new SpecMap(label, "", rootMap);
    }

    /** Reads and checks a spec file. */
    public static RunSpec read(Path file) {
        String text = YamlNodes.read(file, "the run spec", SpecException::new);
        SpecMap spec = root(text, file.toString()).requireOnly("seed", "output", "space", "model", "device",
                "data", "training", "final", "objectives", "constraints", "algorithm", "parallel", "time_budget",
                "max_evaluations", "stop_when_stalled");
        String name = nameOf(file);
        Path base = file.toAbsolutePath().getParent();

        Model model = model(spec.requireMap("model"), base);
        Data data = data(spec.requireMap("data"), base, true);
        SpecMap training = spec.map("training").orElse(null);
        if (training != null) {
            List<String> allowed = new ArrayList<>(RECIPE_KEYS);
            allowed.add("epochs");
            allowed.add("pruning");
            allowed.add("folds");
            training.requireOnly(allowed.toArray(String[]::new));
        }
        int folds = training == null ? 1 : training.integer("folds", 1, 1);
        if (folds > 1 && training.has("pruning")) {
            throw training.error("folds", folds + " with pruning: expected one of them (pruning compares one "
                    + "training per network, cross-validation trains " + folds + ")");
        }
        TrainingRecipe recipe = recipe(training, TrainingRecipe.DEFAULT);
        Budget budget = budget(spec);
        Final finalStage = spec.map("final").map(f -> finalStage(f, recipe, budget)).orElse(null);
        List<Objective> objectives = objectives(spec.requireMap("objectives"), true);
        if (finalStage != null) {
            String names = String.join(", ", objectives.stream().map(Objective::name).toList());
            for (String spread : finalStage.spreadOver()) {
                if (objectives.stream().noneMatch(o -> o.name().equals(spread))) {
                    throw spec.requireMap("final").error("spread_over", "names '" + spread + "'; expected objectives: "
                            + names);
                }
            }
            for (FrontierSelection.Ceiling ceiling : finalStage.bestWithin()) {
                if (objectives.stream().noneMatch(o -> o.name().equals(ceiling.objective()))) {
                    throw spec.requireMap("final").error("best_within", "names '" + ceiling.objective()
                            + "'; expected objectives: " + names);
                }
            }
        }
        SpecMap algorithm = spec.requireMap("algorithm");
        String algorithmName = algorithm.requireString("name");
        String device = spec.string("device", "cpu");

        return new RunSpec(file, text, name, spec.integer("seed", 1), output(spec, name),
                space(spec, base),
                model, device, data,
                new Training(training == null ? 1.0 : positive(training, "epochs", 1.0, 1000), recipe,
                        training == null ? null : training.map("pruning").map(RunSpec::pruning).orElse(null),
                        folds),
                finalStage, objectives,
                spec.map("constraints").map(c -> objectives(c, false)).orElse(List.of()),
                new Algorithm(algorithmName, algorithm), spec.integer("parallel", 1, 1), budget);
    }

    private static Model model(SpecMap model, Path base) {
        model.requireOnly("family", "stem_stride", "class", "kwargs", "classpath");
        if (model.has("family") == model.has("class")) {
            throw model.error("family", "give either family (" + String.join(", ", ModelFamily.all(
                    ModelFamily.class.getClassLoader()).stream().map(ModelFamily::name).toList())
                    + ", or one from a jar on model.classpath) or class (a DJL block class)");
        }
        List<Path> classpath = new ArrayList<>();
        for (String jar : model.stringList("classpath")) {
            Path path = base.resolve(jar).normalize();
            if (!Files.isRegularFile(path)) {
                throw model.error("classpath", "names " + jar + ", which is not a file (" + path + "); expected jars");
            }
            classpath.add(path);
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        model.map("kwargs").ifPresent(k -> k.keys().forEach(key -> kwargs.put(key, k.scalar(key).orElse(null))));
        Model out = new Model(model.string("family", null), model.integer("stem_stride", 2, 1),
                model.string("class", null), kwargs, List.copyOf(classpath));
        if (out.family() != null) {
            try (NetworkSource known = out.open()) {
                // a family of that name exists
            } catch (IllegalArgumentException e) {
                throw model.error("family", e.getMessage());
            }
        }
        return out;
    }

    /** @param labelRequired whether a CSV file's class column must be named (a planned job takes the last one) */
    private static Data data(SpecMap data, Path base, boolean labelRequired) {
        String dataset = data.string("dataset", DatasetKind.FASHION_MNIST.specName());
        DatasetKind kind = SpecNamed.of(DatasetKind.class, dataset).orElseThrow(() -> data.error("dataset", "is '" + dataset
                + "'; expected " + String.join(", ", SpecNamed.names(DatasetKind.class))));
        List<String> keys = new ArrayList<>(DatasetKind.COMMON_KEYS);
        keys.addAll(kind.keys());
        data.requireOnly(keys.toArray(String[]::new));
        Path directory = null;
        if (kind.defaultDirectory() != null) {
            // Fashion-MNIST's directory need not exist yet: the job installs it there.
            directory = data.has("directory") ? base.resolve(data.requireString("directory")) : kind.defaultDirectory();
        } else if (kind.keys().contains("directory")) {
            directory = existing(data, "directory", base, true);
        }
        boolean folders = kind == DatasetKind.IMAGE_FOLDER;
        Path train = kind.keys().contains("train") ? existing(data, "train", base, folders) : null;
        Path test = data.has("test") ? existing(data, "test", base, folders) : null;
        ImageFolder.Options images = null;
        if (folders) {
            Integer size = data.has("size") ? data.integer("size", 0, 1) : null;
            Integer channels = data.has("channels") ? data.integer("channels", 0, 1) : null;
            try {
                images = new ImageFolder.Options(size, channels);
            } catch (IllegalArgumentException e) {
                throw data.error(size != null && (size > 1024) ? "size" : "channels", e.getMessage());
            }
        }
        String label = kind.keys().contains("label") && (labelRequired || data.has("label"))
                ? data.requireString("label") : null;
        // Fashion-MNIST keeps the defaults its specs were written with: subsets of 5,000 and 1,000 images.
        boolean mnist = kind == DatasetKind.FASHION_MNIST;
        return new Data(kind, directory, train, test, label, images, fraction(data, "test_fraction", 0.2),
                data.integer("train_size", mnist ? 5000 : 0, mnist ? 1 : 0),
                data.integer("validation_size", mnist ? 1000 : 0, mnist ? 1 : 0),
                fraction(data, "validation_fraction", 0.2));
    }

    /** A path key that must name an existing directory (or file). */
    private static Path existing(SpecMap data, String key, Path base, boolean directory) {
        Path path = base.resolve(data.requireString(key)).normalize();
        if (directory ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
            throw data.error(key, "is " + data.requireString(key) + ", which is not " + (directory ? "a folder"
                    : "a file") + " (" + path + ")");
        }
        return path;
    }

    private static double fraction(SpecMap section, String key, double otherwise) {
        double value = section.number(key, otherwise);
        if (!(value > 0 && value < 1)) {
            throw section.error(key, "is " + value + "; expected a fraction above 0 and below 1");
        }
        return value;
    }

    /** The recipe of a {@code training:} or {@code final:} section: {@code base} with the keys it sets. */
    private static TrainingRecipe recipe(SpecMap section, TrainingRecipe base) {
        if (section == null) {
            return base;
        }
        TrainingRecipe r = base;
        String key = null;
        try {
            key = "batch_size";
            r = r.withBatchSize(section.integer(key, r.batchSize(), 1));
            key = "learning_rate";
            r = r.withLearningRate(positive(section, key, r.learningRate(), 100));
            key = "schedule";
            r = r.withSchedule(LearningRateSchedule.parse(section.string(key, r.schedule().specName())));
            key = "weight_decay";
            r = r.withWeightDecay(section.number(key, r.weightDecay()));
            key = "label_smoothing";
            r = r.withLabelSmoothing(section.number(key, r.labelSmoothing()));
            key = "augmentation";
            if (section.has(key)) {
                SpecMap a = section.requireMap(key).requireOnly("crop_padding", "horizontal_flip");
                int padding = a.integer("crop_padding", 0, 0);
                if (padding > 64) {
                    throw a.error("crop_padding", "is " + padding + "; expected 0 to 64");
                }
                r = r.withAugmentation(new Augmentation(padding, a.bool("horizontal_flip", false)));
            }
        } catch (SpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // The recipe says "weight_decay -1.0: expected ..."; a spec error says "is -1.0; expected ...".
            throw section.error(key, e.getMessage().replaceFirst("^\\S+ (\\S+): ", "is $1; "));
        }
        return r;
    }

    /** The value of {@code key}, one of the two-valued {@code catalogue}'s names, or {@code fallback} without it. */
    private static <E extends Enum<E> & SpecNamed> E either(SpecMap f, String key, Class<E> catalogue, E fallback) {
        String name = f.has(key) ? f.requireString(key) : fallback.specName();
        return SpecNamed.of(catalogue, name).orElseThrow(() -> f.error(key, "is '" + name + "'; expected "
                + String.join(" or ", SpecNamed.names(catalogue))));
    }

    private static Final finalStage(SpecMap f, TrainingRecipe searchRecipe, Budget budget) {
        List<String> allowed = new ArrayList<>(RECIPE_KEYS);
        allowed.addAll(List.of("models", "epochs", "reserve", "spread_over", "best_within", "length", "ensemble"));
        f.requireOnly(allowed.toArray(String[]::new));
        int models = f.integer("models", 4, 1);
        if (models > 100) {
            throw f.error("models", "is " + models + "; expected at most 100");
        }
        Duration reserve = duration(f, "reserve");
        if (reserve != null && (budget.time() == null || reserve.compareTo(budget.time()) >= 0)) {
            throw f.error("reserve", "is " + reserve.toSeconds() + " s; expected less than the time_budget ("
                    + (budget.time() == null ? "none is set" : budget.time().toSeconds() + " s") + ")");
        }
        List<FrontierSelection.Ceiling> ceilings = new ArrayList<>();
        Optional<SpecMap> within = f.map("best_within");
        for (String objective : within.map(SpecMap::keys).orElse(List.of())) {
            within.get().numberList(objective).forEach(max -> ceilings.add(new FrontierSelection.Ceiling(objective,
                    max)));
        }
        Length finalLength = either(f, "length", Length.class, Length.EPOCHS);
        if (finalLength == Length.FILL && budget.time() == null) {
            throw f.error("length", "is fill, which needs a time_budget to fill; none is set");
        }
        Ensemble finalEnsemble = either(f, "ensemble", Ensemble.class, Ensemble.NONE);
        if (finalEnsemble == Ensemble.MEAN && models < 2) {
            throw f.error("ensemble", "is mean, which needs at least 2 models; models is " + models);
        }
        return new Final(models, positive(f, "epochs", 4, 1000), recipe(f, searchRecipe), reserve,
                f.stringList("spread_over"), List.copyOf(ceilings), finalLength, finalEnsemble);
    }

    /**
     * The space file, which must parse as a search space: it is copied into the run directory, and a spec naming
     * some other file (a typo, {@code /etc/passwd}) must not get it echoed or copied.
     */
    private static Path space(SpecMap spec, Path base) {
        Path space = base.resolve(spec.requireString("space"));
        try {
            SpaceFiles.readTree(space);
        } catch (SpaceFileException e) {
            throw spec.error("space", e.getMessage());
        }
        return space;
    }

    private static Budget budget(SpecMap spec) {
        Duration time = duration(spec, "time_budget");
        Long evaluations = spec.has("max_evaluations") ? (long) spec.integer("max_evaluations", 0, 1) : null;
        Integer stalled = spec.has("stop_when_stalled") ? spec.integer("stop_when_stalled", 0, 1) : null;
        return new Budget(time, evaluations, stalled);
    }

    /** The duration under {@code key} ({@link #parseDuration}), or null when the key is absent. */
    private static Duration duration(SpecMap map, String key) {
        if (!map.has(key)) {
            return null;
        }
        try {
            return parseDuration(String.valueOf(map.scalar(key).orElse(null)));
        } catch (IllegalArgumentException e) {
            throw map.error(key, e.getMessage());
        }
    }

    private static double finite(SpecMap map, String key) {
        double v = map.number(key, 0);
        if (!Double.isFinite(v)) {
            throw map.error(key, "is " + v + "; expected a finite number");
        }
        return v;
    }

    /** A finite number in (0, max]: infinity or NaN would train forever or fail every evaluation. */
    private static double positive(SpecMap map, String key, double defaultValue, double max) {
        double v = map.number(key, defaultValue);
        if (!(v > 0) || !(v <= max)) {
            throw map.error(key, "is " + v + "; expected a positive number up to " + max);
        }
        return v;
    }

    private static DjlLatency.Timing latencyTiming(SpecMap o) {
        String timing = o.has("timing") ? o.requireString("timing") : "calibrated";
        return switch (timing) {
            case "calibrated" -> DjlLatency.Timing.CALIBRATED;
            case "raw" -> DjlLatency.Timing.RAW;
            default -> throw o.error("timing", "is '" + timing + "'; expected calibrated or raw");
        };
    }

    private static List<Objective> objectives(SpecMap all, boolean objectives) {
        List<Objective> out = new ArrayList<>();
        for (String name : all.keys()) {
            SpecMap o = all.requireMap(name);
            if (objectives) {
                o.requireOnly("evaluator", "higher_is_better", "expensive", "min", "max", "samples", "timing");
            } else {
                o.requireOnly("evaluator", "min", "max", "samples", "timing");
            }
            String evaluator = o.requireString("evaluator");
            EvaluatorKind kind = SpecNamed.of(EvaluatorKind.class, evaluator).orElseThrow(() -> o.error("evaluator", "is '"
                    + evaluator + "'; expected one of " + String.join(", ", SpecNamed.names(EvaluatorKind.class))));
            Double min = o.has("min") ? finite(o, "min") : null;
            Double max = o.has("max") ? finite(o, "max") : null;
            if (min != null && max != null && min > max) {
                throw o.error("max", "is " + max + ", below min " + min + "; expected min <= max");
            }
            if (!objectives && min == null && max == null) {
                throw o.error("max", "a constraint needs min, max or both");
            }
            Boolean expensive = o.has("expensive") ? o.bool("expensive", false) : null;
            if (Boolean.TRUE.equals(expensive) && (min != null || max != null)) {
                throw o.error("expensive", "only cheap objectives can be constrained (min/max)");
            }
            boolean higher = objectives ? o.bool("higher_is_better", false) : false;
            if (objectives && !o.has("higher_is_better")) {
                throw o.error("higher_is_better", "is missing; say whether larger values are better (true/false)");
            }
            out.add(new Objective(name, kind, higher, expensive, min, max, o.integer("samples", 20, 1),
                    latencyTiming(o)));
        }
        if (objectives && out.isEmpty()) {
            throw all.error("", "no objectives; expected at least one");
        }
        return out;
    }

}
