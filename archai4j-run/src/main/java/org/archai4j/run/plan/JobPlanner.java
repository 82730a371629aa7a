package org.archai4j.run.plan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import ai.djl.ndarray.types.Shape;
import org.archai4j.config.ArchConfig;
import org.archai4j.config.ArchParamTree;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.evaluators.DjlActivations;
import org.archai4j.djl.evaluators.DjlNumParameters;
import org.archai4j.djl.training.FinalTraining;
import org.archai4j.djl.training.LearningRateSchedule;
import org.archai4j.djl.training.TrainingRecipe;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.file.SpaceFiles;

/**
 * Plans a whole job from data and a time budget, so that a user needs no spec: a model family and a space sized to
 * the input (images: compact CNNs whose every member keeps at least a 1x1 feature map, tables: MLPs), widths suited
 * to the classes, budgets in optimizer steps (so 1,500 and 60,000 samples both get informative looks and enough
 * final training), and the split of the budget between search and final stage from a measured training speed on
 * this machine. The final stage fills what is left of the budget ({@code final.length: fill}), so the job ends on
 * it.
 *
 * <pre>{@code
 * Plan plan = JobPlanner.plan(DataSource.of("digits/train", Path.of("digits/test"), null),
 *         Duration.ofMinutes(5), 1, Path.of("runs/digits"), 0);
 * plan.summary().forEach(System.out::println);
 * }</pre>
 */
public final class JobPlanner {
    /** Optimizer steps of a network's first look in the search (the main job's half epoch of 16,000 at 128). */
    static final int SCREENING_STEPS = 60;
    /** A leader's longer look is this many times as long as a first look. */
    static final int PROMOTION_FACTOR = 3;
    /**
     * Networks worth a first look: where the budget allows more, each look gets longer instead (up to
     * {@value #MAX_SCREENING_STEPS} steps), since a longer look ranks networks more like their final training does.
     */
    static final int ENOUGH_NETWORKS = 200;
    static final int MAX_SCREENING_STEPS = 600;
    /**
     * A network's first look costs its steps times this (its share of the leaders' longer looks), plus a fixed
     * overhead in seconds.
     */
    static final double LOOK_COST = 1.6;
    static final double LOOK_OVERHEAD_SECONDS = 0.3;
    /**
     * Small data (a validation split of fewer than {@value #SMALL_VALIDATION} samples) is cross-validated over this
     * many folds, where the budget still gives {@value #ENOUGH_NETWORKS} networks a first look of
     * {@value #SCREENING_STEPS} steps per fold: one split of a few dozen samples ties many networks, and the tie goes
     * to the smallest.
     */
    static final int FOLDS = 5;
    static final int SMALL_VALIDATION = 500;
    /** Concurrent trainings must give this much more throughput than one before the plan runs them. */
    static final double PARALLEL_GAIN = 1.2;
    /** Each final model trains at least this many steps, and at least {@value #FINAL_EPOCHS} epochs. */
    static final int FINAL_STEPS = 1500;
    static final int FINAL_EPOCHS = 5;
    static final int FINAL_MODELS = 3;
    /** The largest share of the budget the final stage is planned to take. */
    static final double FINAL_SHARE = 0.55;
    private static final int SPACE_SAMPLES = 60;

    private JobPlanner() {
    }

    /**
     * A planned job.
     *
     * @param spec the run spec, YAML, with comments that say why
     * @param space the search space, YAML
     * @param summary the plan in a few lines, for the user
     */
    public record Plan(String spec, String space, List<String> summary) {
    }

    /**
     * Plans a job of {@code budget} on {@code data}, written to {@code out}.
     *
     * @param out the run's output directory: the spec is written there, and names its space file beside it
     * @param workerSlots the evaluation slots of the cluster's workers that evaluate the search (0: it is
     *                    evaluated here); each counts as one training at a time on a machine like this one
     */
    public static Plan plan(DataSource data, Duration budget, long seed, Path out, int workerSlots) {
        LabelledData training = data.kind().readTraining(data.toData());
        boolean ownTest = data.kind().hasTestSet(data.toData());
        int available = ownTest ? training.size() : (int) Math.round(training.size() * 0.8);
        // 15% validates, but at least 30% (up to 500 samples) of small data: a few dozen would tie many networks.
        int validation = Math.max(1, Math.min(5000, (int) Math.round(Math.max(available * 0.15,
                Math.min(SMALL_VALIDATION, available * 0.3)))));
        int subset = Math.min(16000, available - validation);
        int batch = subset >= 8000 ? 128 : subset >= 2000 ? 64 : 32;
        Shape shape = training.sampleShape();
        boolean images = shape.dimension() == 3;
        int classes = training.numClasses();

        SpaceDesign design = images ? SpaceDesign.images(shape, classes)
                : SpaceDesign.table((int) shape.get(0), classes);
        ArchParamTree tree = new ArchParamTree(SpaceFiles.parse(design.yaml(), "the planned space"));
        Sampled sampled = sample(tree, design, shape, classes, seed);
        long[] parameters = sampled.parameters();
        // The speed of a network of the space's median size: what the search's networks cost, on average.
        ArchConfig typical = sampled.configs().get(sampled.configs().size() / 2);

        TrainingRecipe recipe = TrainingRecipe.DEFAULT.withBatchSize(batch).withLearningRate(0.01)
                .withSchedule(LearningRateSchedule.ONE_CYCLE).withWeightDecay(5e-4).withLabelSmoothing(0.1);
        Speed speed = Speed.measure(design, typical, shape, classes, training, recipe, seed);
        double evaluationsAtOnce = workerSlots > 0 ? workerSlots : speed.gain();
        double secondsPerStep = speed.secondsPerStep();

        double total = budget.toMillis() / 1e3;
        int trainImages = available;
        long finalSteps = Math.min((long) FinalTraining.MAX_EPOCHS * trainImages / batch, Math.max(FINAL_STEPS,
                (long) Math.ceil(FINAL_EPOCHS * (double) trainImages / batch)));
        double perModel = finalSteps * secondsPerStep * 1.3 + 3;
        double reserve = FINAL_MODELS * perModel;
        if (reserve > FINAL_SHARE * total) {
            reserve = FINAL_SHARE * total;
            finalSteps = Math.max(1, (long) ((reserve / FINAL_MODELS - 3) / 1.3 / secondsPerStep));
        }
        double finalEpochs = round2(Math.min(FinalTraining.MAX_EPOCHS, Math.max(0.05,
                finalSteps * (double) batch / trainImages)));
        double searchSeconds = total - reserve;
        boolean crossValidate = validation < SMALL_VALIDATION && available >= FOLDS
                && searchSeconds * evaluationsAtOnce / ENOUGH_NETWORKS / LOOK_COST / secondsPerStep / FOLDS
                >= SCREENING_STEPS;
        int folds = crossValidate ? FOLDS : 1;
        if (crossValidate) {
            // The split is one fold's worth, so that each fold's training set is the size of the subset.
            validation = Math.max(1, available / FOLDS);
            subset = available - validation;
        }
        double lookSteps = searchSeconds * evaluationsAtOnce / ENOUGH_NETWORKS / LOOK_COST / secondsPerStep / folds;
        int screeningSteps = (int) Math.max(SCREENING_STEPS, Math.min(MAX_SCREENING_STEPS, lookSteps));
        int promotionSteps = PROMOTION_FACTOR * screeningSteps;
        int expected = (int) (searchSeconds * evaluationsAtOnce / (folds * screeningSteps * secondsPerStep * LOOK_COST
                + LOOK_OVERHEAD_SECONDS));
        double screeningEpochs = round2(screeningSteps * (double) batch / subset);
        double promotionEpochs = round2(promotionSteps * (double) batch / subset);
        int initial = Math.max(8, Math.min(36, expected / 3));
        // Over distinct sizes: the one linear model of a table's space is drawn a quarter of the time, and would
        // otherwise make a band of its own that the search cannot mutate within.
        long[] sizes = Arrays.stream(parameters).distinct().toArray();
        long[] ceilings = {round2Significant(quantile(sizes, 0.25)), round2Significant(quantile(sizes, 0.5)),
                round2Significant(quantile(sizes, 0.75))};

        String spec = spec(data, out, seed, budget, design, subset, validation, folds, recipe,
                new Look(screeningSteps, screeningEpochs), new Look(promotionSteps, promotionEpochs), finalEpochs,
                (long) Math.ceil(reserve), ceilings, initial, speed);
        List<String> summary = List.of(
                String.format(Locale.ROOT, "plan: %s %s, %,d training samples of %s, %d classes, %s",
                        data.kind().specName(), data.train(), training.size(), shape, classes, !ownTest
                                ? "20% kept aside for the test" : data.test() != null ? "test set " + data.test()
                                : "its own test set"),
                String.format(Locale.ROOT, "plan: family %s, %s; %,d to %,d parameters", design.family(),
                        design.description(), parameters[0], parameters[parameters.length - 1]),
                String.format(Locale.ROOT, "plan: measured %.1f ms per training step of %d, %s; search %s: each "
                        + "network screened on %d steps (%.2f epochs of %,d)%s, leaders on %d, about %d networks",
                        secondsPerStep * 1e3, batch, workerSlots > 0 ? workerSlots + " worker slot(s) of the "
                        + "cluster" : speed.describe(), clock(searchSeconds), screeningSteps, screeningEpochs, subset,
                        folds > 1 ? String.format(Locale.ROOT, " in each of %d folds of %,d (cross-validated)", folds,
                        subset + validation) : "", promotionSteps, expected),
                String.format(Locale.ROOT, "plan: final stage %s: %d models (the most accurate of at most %,d "
                        + "and of at most %,d parameters, then the most accurate), %,d steps (%.2f epochs) each, "
                        + "stretched to fill the budget, and their ensemble", clock(reserve), FINAL_MODELS,
                        ceilings[2], ceilings[0], finalSteps, finalEpochs));
        return new Plan(spec, design.yaml(), summary);
    }

    /**
     * The final epochs the spec asks for at least: half of the plan's. With {@code length: fill} the models are
     * stretched to the time left, which the reserve sized for the whole plan; the half is the slack for a network
     * slower than the typical one the speed was measured on, before one is left out.
     */
    static double minimumEpochs(double planned) {
        return Math.max(0.01, round2(planned / 2));
    }

    /** A look at a network in the search: optimizer steps, and what they are in epochs of the subset. */
    private record Look(int steps, double epochs) {
    }

    private static String spec(DataSource data, Path out, long seed, Duration budget, SpaceDesign design,
                               int subset, int validation, int folds, TrainingRecipe recipe, Look screening,
                               Look promotion, double finalEpochs, long reserve, long[] ceilings, int initial,
                               Speed speed) {
        String tiers = Arrays.stream(ceilings).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return "# Planned by archai4j from the data and the time budget (archai4j search --data ...). Edit it and\n"
                + "# run it with: archai4j search " + out.resolve(PlannedJob.SPEC_FILE) + "\n"
                + "seed: " + seed + "\n"
                + "time_budget: " + budget.toSeconds() + "s\n"
                + "output: " + DataSource.yamlString(out.toAbsolutePath().normalize().toString()) + "\n"
                + "space: " + PlannedJob.SPACE_FILE + "\n"
                + "model: {family: " + design.family() + "}\n"
                + data.specSection(subset, validation)
                + "training:                      # the search's recipe; budgets are epochs of the subset\n"
                + "  epochs: 1\n"
                + "  batch_size: " + recipe.batchSize() + "\n"
                + "  learning_rate: 0.01\n"
                + "  schedule: one_cycle\n"
                + "  weight_decay: 0.0005\n"
                + "  label_smoothing: 0.1\n"
                + (folds > 1 ? "  folds: " + folds + "                      # cross-validated: each network trains "
                + "once per fold of the subset and validation split pooled\n" : "")
                + "final:\n"
                + "  models: " + FINAL_MODELS + "\n"
                + "  best_within: {parameters: [" + ceilings[2] + ", " + ceilings[0] + "]}\n"
                + "  epochs: " + minimumEpochs(finalEpochs) + "           # at least: half of the planned "
                + finalEpochs + " (" + FINAL_STEPS + " steps or " + FINAL_EPOCHS + " epochs, as the measured speed "
                + "allows),\n"
                + "  length: fill                  # stretched to the time left, so the plan's is used and what it "
                + "did not need goes to longer training\n"
                + "  ensemble: mean                # the final models together, measured and exportable as one\n"
                + "  reserve: " + reserve + "s\n"
                + "objectives:\n"
                + "  accuracy: {evaluator: accuracy, higher_is_better: true}\n"
                + "  parameters: {evaluator: parameters, higher_is_better: false}\n"
                + design.constraints()
                + "algorithm:\n"
                + "  name: local\n"
                + "  init_num_models: " + initial + "\n"
                + "  budget: " + screening.epochs() + "                   # " + screening.steps() + " steps\n"
                + "  promotion_budget: " + promotion.epochs() + "         # " + promotion.steps() + " steps\n"
                + "  mutations_per_parent: 1\n"
                + "  num_iters: 100000\n"
                + "  tiers: {by: parameters, ceilings: [" + tiers + "], leaders: 2, sampling: plain}\n"
                + "  screening: {candidates: 16, gamma: 0.25}\n"
                + "parallel: " + speed.parallel() + "                   # " + speed.describe() + "\n";
    }

    /** A seeded sample of the space's networks that meet the design's constraints, by parameters. */
    private record Sampled(List<ArchConfig> configs, long[] parameters) {
    }

    private static Sampled sample(ArchParamTree tree, SpaceDesign design, Shape shape, int classes, long seed) {
        PyRandom random = new PyRandom(seed);
        List<long[]> found = new ArrayList<>();
        List<ArchConfig> configs = new ArrayList<>();
        for (int attempt = 0; attempt < 10 * SPACE_SAMPLES && configs.size() < SPACE_SAMPLES; attempt++) {
            ArchConfig config = tree.sampleConfig(random);
            try (DjlNetwork net = new DjlNetwork(design.block(config, classes), shape)) {
                ArchaiModel<DjlNetwork> model = new ArchaiModel<>(net, "plan");
                long parameters = (long) new DjlNumParameters().evaluate(model, null);
                if (design.admits(parameters, (long) new DjlActivations().evaluate(model, null))) {
                    found.add(new long[] {parameters, configs.size()});
                    configs.add(config);
                }
            }
        }
        if (configs.isEmpty()) {
            throw new IllegalStateException("no network of the planned space meets its constraints");
        }
        found.sort((a, b) -> Long.compare(a[0], b[0]));
        List<ArchConfig> sorted = found.stream().map(f -> configs.get((int) f[1])).toList();
        return new Sampled(sorted, found.stream().mapToLong(f -> f[0]).toArray());
    }

    private static long quantile(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    /** {@code n} rounded to two significant digits (12,345 -> 12,000). */
    static long round2Significant(long n) {
        if (n < 100) {
            return n;
        }
        long scale = (long) Math.pow(10, (int) Math.log10(n) - 1);
        return Math.round((double) n / scale) * scale;
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? s / 60 + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
