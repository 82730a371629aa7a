package org.archai4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archai4j.cli.spec.RunSpec;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.DjlWeightStore;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.evaluators.DjlLatency;
import org.archai4j.djl.evaluators.DjlMacs;
import org.archai4j.djl.evaluators.DjlNumParameters;
import org.archai4j.djl.training.FinalTraining;
import org.archai4j.io.AtomicFiles;
import org.archai4j.search.FrontierSelection;
import org.archai4j.search.ParetoFrontier;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;

/**
 * The final stage of a run: the spec's {@code final.models} frontier models (the best within each of
 * {@code final.best_within}'s size tiers, the most accurate, then spread along the frontier; trained in that
 * order) trained from scratch on every training sample, measured once on the test split, and written to
 * {@code final.json} and {@code final/<archid>/} (arch file, weights, result). The test split is loaded only
 * here, after the choice. Each model's result is written as soon as it is known, so a rerun of a finished or
 * interrupted job trains only what is missing. A model whose training would end after the job's deadline is left
 * out, and said so: its time is predicted by training a throwaway copy for a few steps.
 */
final class FinalStage {
    static final String FILE_NAME = "final.json";
    static final String DIRECTORY = "final";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunSpec spec;
    private final Path runDirectory;
    private final PrintStream out;

    FinalStage(RunSpec spec, Path runDirectory, PrintStream out) {
        this.spec = spec;
        this.runDirectory = runDirectory;
        this.out = out;
    }

    /**
     * Runs the stage over {@code results}' frontier.
     *
     * @param allTraining every training image (loaded when needed)
     * @param test the test split (loaded only once the models are chosen)
     * @param deadlineNanos the {@code System.nanoTime()} by which every model's training must end
     *     ({@code Long.MAX_VALUE}: none)
     */
    ObjectNode run(ConfigSearchSpace<DjlNetwork> space, SearchResults<DjlNetwork> results,
                   Supplier<LabelledData> allTraining, Supplier<LabelledData> test, long deadlineNanos) {
        RunSpec.Final stage = spec.finalStage();
        String primary = spec.primaryObjective();
        ParetoFrontier<DjlNetwork> frontier = results.getParetoFrontier();
        // Trained in the order chosen (the best of each size tier, the most accurate, then the spread): when time
        // runs short, what is left out is what was asked for last.
        List<ArchaiModel<DjlNetwork>> chosen = FrontierSelection.spread(frontier, results.objectives().objectives(),
                primary, stage.models(), stage.spreadOver().isEmpty()
                        ? spec.objectives().stream().map(RunSpec.Objective::name).toList() : stage.spreadOver(),
                stage.bestWithin());
        long start = System.nanoTime();
        out.println("final training: " + chosen.size() + " of the " + frontier.models().size() + " Pareto models, "
                + stage.epochs() + " epochs each on every training sample, then the test split");
        LabelledData trainImages = null;
        LabelledData testImages = null;
        ArrayNode models = JSON.createArrayNode();
        List<String> skipped = new ArrayList<>();
        for (ArchaiModel<DjlNetwork> model : chosen) {
            Optional<ObjectNode> done = recorded(model.archid());
            if (done.isPresent()) {
                models.add(done.get());
                continue;
            }
            if (trainImages == null) {
                trainImages = allTraining.get();
                testImages = test.get();
            }
            FinalTraining training = new FinalTraining(trainImages, stage.recipe(), stage.epochs(), spec.seed());
            // Fresh networks of the same architecture: the search's copy was trained on a subset (and may be
            // closed); one to time a few steps on, one to train.
            ArchaiModel<DjlNetwork> fresh = rebuild(space, model);
            double predicted;
            try (DjlNetwork probe = space.loadArch(archFile(model.archid())).arch()) {
                predicted = deadlineNanos == Long.MAX_VALUE ? 0 : training.estimateSeconds(probe);
            }
            if (System.nanoTime() + (long) (predicted * 1e9) > deadlineNanos) {
                fresh.arch().close();
                skipped.add(model.archid());
                out.printf("  %s: left out, its training would take about %.0f s%n", model.archid().substring(0, 12),
                        predicted);
                continue;
            }
            ObjectNode result = train(fresh, training, valueOf(frontier, primary, model), testImages);
            models.add(result);
            out.printf("  %s: test accuracy %.4f, %,d parameters, %.0f s%n", model.archid().substring(0, 12),
                    result.path("test_accuracy").asDouble(), result.path("parameters").asLong(),
                    result.path("train_seconds").asDouble());
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.set("models", models);
        summary.put("seconds", (System.nanoTime() - start) / 1e9);
        summary.put("primary_objective", primary);
        if (!skipped.isEmpty()) {
            ArrayNode left = summary.putArray("skipped_for_time");
            skipped.forEach(left::add);
            out.println("final training: " + skipped.size() + " model(s) left out: they would not finish within the "
                    + "time budget; rerun with a larger --time-budget to train them");
        }
        write(runDirectory.resolve(FILE_NAME), summary);
        return summary;
    }

    private static double valueOf(ParetoFrontier<DjlNetwork> frontier, String objective,
                                  ArchaiModel<DjlNetwork> model) {
        int i = frontier.archids().indexOf(model.archid());
        return frontier.evaluationResults().get(objective)[i];
    }

    /** The arch file {@code final/<archid>/arch.json} of {@code searched}, written, and a new network from it. */
    private ArchaiModel<DjlNetwork> rebuild(ConfigSearchSpace<DjlNetwork> space, ArchaiModel<DjlNetwork> searched) {
        Path dir = runDirectory.resolve(DIRECTORY).resolve(searched.archid());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        space.saveArch(searched, archFile(searched.archid()));
        return space.loadArch(archFile(searched.archid()));
    }

    private Path archFile(String archid) {
        return runDirectory.resolve(DIRECTORY).resolve(archid).resolve("arch.json");
    }

    private ObjectNode train(ArchaiModel<DjlNetwork> model, FinalTraining training, double validationAccuracy,
                             LabelledData testImages) {
        RunSpec.Final stage = spec.finalStage();
        Path dir = runDirectory.resolve(DIRECTORY).resolve(model.archid());
        try (DjlNetwork net = model.arch()) {
            FinalTraining.Outcome outcome = training.train(net);
            double testAccuracy = training.testAccuracy(net, testImages);
            new DjlWeightStore().save(net, dir.resolve("weights.params"));
            ObjectNode result = JSON.createObjectNode();
            result.put("archid", model.archid());
            result.put("parameters", (long) new DjlNumParameters().evaluate(model, null));
            result.put("macs", (long) DjlMacs.macs().evaluate(model, null));
            result.put("latency_ms", 1e3 * latency().evaluate(model, null));
            result.put("validation_accuracy", validationAccuracy);
            result.put("test_accuracy", testAccuracy);
            result.put("epochs", outcome.epochs());
            result.put("train_seconds", outcome.seconds());
            result.put("train_images", training.images());
            result.put("final_loss", outcome.meanLoss());
            outcome.epochLosses().forEach(result.putArray("epoch_losses")::add);
            result.put("recipe", stage.recipe().toString());
            result.put("arch_file", runDirectory.relativize(archFile(model.archid())).toString());
            result.put("weights_file", runDirectory.relativize(dir.resolve("weights.params")).toString());
            write(dir.resolve("result.json"), result);
            return result;
        }
    }

    /** The latency evaluator of the spec's latency objective (its samples, at least 50, and timing), or 50 samples. */
    private DjlLatency latency() {
        Optional<RunSpec.Objective> objective = spec.objectives().stream()
                .filter(o -> o.evaluator().startsWith("latency")).findFirst();
        int samples = objective.map(RunSpec.Objective::samples).orElse(50);
        return DjlLatency.builder().numWarmups(30).numSamples(Math.max(samples, 50)).useMedian(true)
                .timing(objective.map(RunSpec.Objective::timing).orElse(DjlLatency.Timing.CALIBRATED)).build();
    }

    /** The result a previous run recorded for {@code archid} with this very recipe and length, if any. */
    private Optional<ObjectNode> recorded(String archid) {
        Path file = runDirectory.resolve(DIRECTORY).resolve(archid).resolve("result.json");
        if (!Files.isRegularFile(file) || !Files.isRegularFile(file.resolveSibling("weights.params"))) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            RunSpec.Final stage = spec.finalStage();
            if (node instanceof ObjectNode o && archid.equals(o.path("archid").asText())
                    && o.path("epochs").asDouble() == stage.epochs()
                    && stage.recipe().toString().equals(o.path("recipe").asText())
                    && o.path("test_accuracy").isNumber()) {
                return Optional.of(o);
            }
        } catch (IOException e) {
            out.println("final training: " + file + " is unreadable (" + e.getMessage().split("\n")[0]
                    + "); training that model again");
        }
        return Optional.empty();
    }

    private static void write(Path file, JsonNode node) {
        try {
            AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
