package org.archai4j.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.DjlWeightStore;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.evaluators.DjlMacs;
import org.archai4j.djl.evaluators.DjlNumParameters;
import org.archai4j.djl.nn.EnsembleBlock;
import org.archai4j.djl.training.FinalTraining;
import org.archai4j.djl.training.SupervisedTraining;
import org.archai4j.pareto.FrontierSelection;
import org.archai4j.pareto.ParetoFrontier;
import org.archai4j.run.directory.RunDirectory;
import org.archai4j.run.spec.EvaluatorKind;
import org.archai4j.run.spec.RunSpec;
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
 * out, and said so: its time is predicted by training a throwaway copy for a few steps. With
 * {@code final.ensemble: mean}, the final models together (the mean of their class probabilities, an
 * {@link EnsembleBlock}) are measured on the test split too, and recorded in {@code final.json}'s {@code ensemble}.
 */
final class FinalStage {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * With {@code length: fill}, the seconds each model needs besides its training (the test split, latency, its
     * files) and the factor its predicted training time is inflated by: a prediction from a few timed steps is off
     * by up to about 10%.
     */
    private static final double MARGIN_SECONDS = 3;
    private static final double SAFETY = 1.1;

    private final RunSpec spec;
    private final RunDirectory run;
    private final JobListener listener;

    /**
     * What the stage did.
     *
     * @param models the final models, in the order chosen: trained now or recorded by an earlier run
     * @param leftOut the archids left out for time
     */
    record Outcome(List<FinalModel> models, List<String> leftOut) {
    }

    FinalStage(RunSpec spec, RunDirectory run, JobListener listener) {
        this.spec = spec;
        this.run = run;
        this.listener = listener;
    }

    /**
     * Runs the stage over {@code results}' frontier.
     *
     * @param allTraining every training image (loaded when needed)
     * @param test the test split (loaded only once the models are chosen)
     * @param deadlineNanos the {@code System.nanoTime()} by which every model's training must end
     *     ({@code Long.MAX_VALUE}: none)
     * @param validationSamples the size of the search's validation split (how far its accuracies can be trusted)
     */
    Outcome run(ConfigSearchSpace<DjlNetwork> space, SearchResults<DjlNetwork> results,
                Supplier<LabelledData> allTraining, Supplier<LabelledData> test, long deadlineNanos,
                int validationSamples) {
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
        DoubleSummaryStatistics looks = results.repeatedEvaluationGain(primary);
        boolean stretch = stretches(stage.length(), looks);
        listener.message("final training: " + chosen.size() + " of the " + frontier.models().size()
                + " Pareto models on every training sample, " + (stretch
                ? "at least " + stage.epochs() + " epochs each (longer, in proportion to their need, where time is "
                + "left)" : stage.length() == RunSpec.Length.FILL ? String.format(Locale.ROOT, "%s epochs each (not "
                + "longer: the search's longer looks changed validation %s by %+.4f on average over %d networks)",
                stage.epochs(), primary, looks.getAverage(), looks.getCount())
                : stage.epochs() + " epochs each") + ", then the test split");
        LabelledData trainImages = null;
        LabelledData testImages = null;
        ArrayNode models = JSON.createArrayNode();
        List<FinalModel> finals = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, Optional<ObjectNode>> recorded = new HashMap<>();
        chosen.forEach(m -> recorded.put(m.archid(), recorded(m.archid())));
        // Each model's predicted training time at stage.epochs, for the models still to train: timed before the
        // first is trained, so that with length: fill they share the time left in proportion to what they need.
        Map<String, Double> predicted = new HashMap<>();
        // What the trained models took against what was predicted for them: probes of a few steps misjudge the
        // machine's speed over minutes by much the same factor for every model, so the later ones are corrected
        // by it, and the time the first ones did not need is not left unused at the end.
        double predictedSoFar = 0;
        double tookSoFar = 0;
        for (ArchaiModel<DjlNetwork> model : chosen) {
            Optional<ObjectNode> done = recorded.get(model.archid());
            if (done.isPresent()) {
                models.add(done.get());
                finals.add(FinalModel.of(done.get(), FinalModel.Origin.RECORDED));
                listener.finalModelTrained(finals.get(finals.size() - 1));
                continue;
            }
            if (System.nanoTime() >= deadlineNanos) {
                // No time is left at all (a budget without a reserve): nothing is timed or loaded for nothing.
                skipped.add(model.archid());
                listener.finalModelLeftOut(model.archid(), Double.NaN);
                continue;
            }
            if (trainImages == null) {
                trainImages = allTraining.get();
                testImages = test.get();
                predicted.putAll(predictSeconds(space, chosen, recorded, trainImages, deadlineNanos));
            }
            // Each model sees the data in its own order: models trained alike make the same mistakes, and an
            // ensemble of them cancels none.
            int at = chosen.indexOf(model);
            long seed = spec.seed() + at;
            double correction = predictedSoFar > 0 ? Math.min(2, Math.max(0.5, tookSoFar / predictedSoFar)) : 1;
            double seconds = predicted.get(model.archid()) * correction;
            FinalTraining training = new FinalTraining(trainImages, stage.recipe(), stage.epochs(), seed);
            if (stretch && seconds > 0) {
                // Its part of the time left, in proportion to its predicted time among the models still to train
                // that fit (a large network needs more than a small one): the job ends on its budget. One that
                // does not fit itself, at its planned epochs, is left out below.
                double secondsLeft = (deadlineNanos - System.nanoTime()) / 1e9;
                List<String> toTrain = fitting(chosen.subList(at, chosen.size()).stream().map(ArchaiModel::archid)
                        .filter(predicted::containsKey).toList(), id -> predicted.get(id) * correction, secondsLeft);
                if (toTrain.contains(model.archid())) {
                    double pending = toTrain.stream().mapToDouble(predicted::get).sum() * correction;
                    double epochs = fillEpochs(stage.epochs(), secondsLeft, toTrain.size(), pending);
                    seconds *= epochs / stage.epochs();
                    training = new FinalTraining(trainImages, stage.recipe(), epochs, seed);
                }
            }
            if (System.nanoTime() + (long) (seconds * 1e9) > deadlineNanos) {
                skipped.add(model.archid());
                listener.finalModelLeftOut(model.archid(), seconds);
                continue;
            }
            ArchaiModel<DjlNetwork> fresh = space.loadArch(run.finalModel(model.archid()).arch());
            ObjectNode result = train(fresh, training, valueOf(frontier, primary, model), testImages);
            predictedSoFar += seconds / correction;
            tookSoFar += result.path("train_seconds").asDouble(seconds);
            models.add(result);
            finals.add(FinalModel.of(result, FinalModel.Origin.TRAINED));
            listener.finalModelTrained(finals.get(finals.size() - 1));
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.set("models", models);
        summary.put("seconds", (System.nanoTime() - start) / 1e9);
        summary.put("primary_objective", primary);
        if (!skipped.isEmpty()) {
            ArrayNode left = summary.putArray("skipped_for_time");
            skipped.forEach(left::add);
            listener.message("final training: " + skipped.size() + " model(s) left out: they would not finish "
                    + "within the time budget; rerun with a larger --time-budget to train them");
        }
        List<FinalModel> members = stage.ensemble() == RunSpec.Ensemble.MEAN
                ? ensembleMembers(finals, validationSamples) : List.of();
        if (stage.ensemble() == RunSpec.Ensemble.MEAN && members.size() < 2 && !finals.isEmpty()) {
            listener.message("final ensemble: none, as no other final model is as accurate as the most accurate "
                    + "one on validation (within two standard errors)");
        }
        if (members.size() >= 2) {
            if (testImages == null) {
                testImages = test.get();
            }
            try {
                summary.set("ensemble", ensemble(space, members, testImages));
            } catch (RuntimeException e) {
                // The models stand on their own: an ensemble that cannot be measured is said, not fatal.
                listener.message("final ensemble: not measured: " + Job.oneLine(e));
            }
        }
        RunDirectory.writeJson(run.finals(), summary);
        return new Outcome(finals, skipped);
    }

    /**
     * Whether the models train longer than {@code epochs} to fill the time left: with {@code length: fill}, unless
     * the search's longer looks at the same networks ({@code longerLooks}, their gains in the primary objective)
     * made them worse on average. Longer training pays only where it raised validation accuracy in the search
     * itself; on a few hundred rows it overfits, and the promotions show it.
     */
    static boolean stretches(RunSpec.Length length, DoubleSummaryStatistics longerLooks) {
        return length == RunSpec.Length.FILL && (longerLooks.getCount() == 0 || longerLooks.getAverage() > 0);
    }

    /**
     * The epochs of the next model with {@code length: fill}: {@code planned} stretched by the time left over what
     * the {@code toTrain} models still to train (this one among them) are predicted to need at {@code planned}
     * epochs, {@code pendingSeconds} together, and never shrunk: every one of them gets the same stretch, so each
     * one's part of the time is in proportion to its need. When time is short the models train {@code planned}
     * epochs and the last ones are left out, as without fill: the first ones were chosen first.
     */
    static double fillEpochs(double planned, double secondsLeft, int toTrain, double pendingSeconds) {
        // The safety factor keeps an earlier model's overrun from taking a later one's part; the last model's
        // overrun takes nothing from another, and with it the job ends on its budget rather than a tenth before.
        double stretch = (secondsLeft - MARGIN_SECONDS * toTrain) / (toTrain > 1 ? SAFETY : 1) / pendingSeconds;
        return Math.min(FinalTraining.MAX_EPOCHS, planned * Math.max(1, stretch));
    }

    /**
     * Of the models still to train, in the order chosen, those that fit in {@code secondsLeft} at their predicted
     * {@code seconds} for the planned epochs: each one taken if its training would end in time after the ones taken
     * before it, the test each model meets at its turn. With {@code length: fill} the ones that would not fit are
     * left out before the others train, so that the others' stretch uses their time instead of it going unused.
     */
    static List<String> fitting(List<String> toTrain, ToDoubleFunction<String> seconds, double secondsLeft) {
        List<String> fit = new ArrayList<>();
        double taken = 0;
        for (String archid : toTrain) {
            double need = seconds.applyAsDouble(archid);
            if (taken + need <= secondsLeft) {
                fit.add(archid);
                taken += need;
            }
        }
        return fit;
    }

    /**
     * The final models whose validation accuracy is not measurably below the most accurate one's: within two
     * standard errors of the difference of two accuracies on {@code validationSamples} samples. A clearly weaker
     * member (a tiny network of a size tier) would pull the mean down; ones as good make independent errors that
     * averaging cancels.
     */
    static List<FinalModel> ensembleMembers(List<FinalModel> finals, int validationSamples) {
        double best = finals.stream().mapToDouble(FinalStage::validationAccuracy).max().orElse(Double.NaN);
        List<FinalModel> members = new ArrayList<>();
        for (FinalModel m : finals) {
            double p = validationAccuracy(m);
            double standardError = Math.sqrt((best * (1 - best) + p * (1 - p)) / Math.max(1, validationSamples));
            if (best - p <= 2 * standardError) {
                members.add(m);
            }
        }
        return members;
    }

    private static double validationAccuracy(FinalModel model) {
        return model.result().path("validation_accuracy").asDouble(Double.NaN);
    }

    /**
     * The final models as one classifier, measured on the test split: their networks rebuilt from their files into
     * an {@link EnsembleBlock}, as {@code archai4j export RUN ensemble} ships it.
     */
    private ObjectNode ensemble(ConfigSearchSpace<DjlNetwork> space, List<FinalModel> members, LabelledData test) {
        List<Block> blocks = new ArrayList<>();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode archids = out.putArray("members");
        long parameters = 0;
        long macs = 0;
        for (FinalModel member : members) {
            blocks.add(space.loadArch(run.finalModel(member.archid()).arch()).arch().uninitializedBlock());
            archids.add(member.archid());
            parameters += member.parameters();
            macs += member.result().path("macs").asLong();
        }
        try (DjlNetwork net = new DjlNetwork(new EnsembleBlock(blocks), test.sampleShape())) {
            EnsembleBlock ensemble = (EnsembleBlock) net.block();
            for (int i = 0; i < members.size(); i++) {
                DjlWeightStore.loadParameters(ensemble.members().get(i), net.manager(),
                        run.finalModel(members.get(i).archid()).weights());
            }
            out.put("parameters", parameters);
            out.put("macs", macs);
            out.put("test_accuracy", SupervisedTraining.accuracy(net, test, 256));
        }
        listener.message(String.format(Locale.ROOT, "final ensemble: %d of the final models (those about as "
                + "accurate on validation as the most accurate), the mean of their probabilities: test accuracy "
                + "%.4f, %,d parameters (archai4j export %s ensemble --out DIR)", members.size(),
                out.path("test_accuracy").asDouble(), parameters, run.path()));
        return out;
    }

    /**
     * The seconds each chosen model that no earlier run recorded would take to train for {@code final.epochs}
     * (0 without a deadline: nothing is timed then), its arch file {@code final/<archid>/arch.json} written: a fresh
     * copy of it is trained for a few timed steps and closed.
     */
    private Map<String, Double> predictSeconds(ConfigSearchSpace<DjlNetwork> space,
                                               List<ArchaiModel<DjlNetwork>> chosen,
                                               Map<String, Optional<ObjectNode>> recorded, LabelledData trainImages,
                                               long deadlineNanos) {
        Map<String, Double> seconds = new HashMap<>();
        FinalTraining training = new FinalTraining(trainImages, spec.finalStage().recipe(),
                spec.finalStage().epochs(), spec.seed());
        for (ArchaiModel<DjlNetwork> model : chosen) {
            if (recorded.get(model.archid()).isEmpty()) {
                try (DjlNetwork probe = rebuild(space, model).arch()) {
                    seconds.put(model.archid(), deadlineNanos == Long.MAX_VALUE ? 0 : training.estimateSeconds(probe));
                }
            }
        }
        return seconds;
    }

    private static double valueOf(ParetoFrontier<DjlNetwork> frontier, String objective,
                                  ArchaiModel<DjlNetwork> model) {
        int i = frontier.archids().indexOf(model.archid());
        return frontier.evaluationResults().get(objective)[i];
    }

    /** The arch file {@code final/<archid>/arch.json} of {@code searched}, written, and a new network from it. */
    private ArchaiModel<DjlNetwork> rebuild(ConfigSearchSpace<DjlNetwork> space, ArchaiModel<DjlNetwork> searched) {
        RunDirectory.FinalModelFiles files = run.finalModel(searched.archid());
        try {
            Files.createDirectories(files.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + files.directory() + ": " + e.getMessage(), e);
        }
        space.saveArch(searched, files.arch());
        return space.loadArch(files.arch());
    }

    private ObjectNode train(ArchaiModel<DjlNetwork> model, FinalTraining training, double validationAccuracy,
                             LabelledData testImages) {
        RunSpec.Final stage = spec.finalStage();
        RunDirectory.FinalModelFiles files = run.finalModel(model.archid());
        try (DjlNetwork net = model.arch()) {
            FinalTraining.Outcome outcome = training.train(net);
            double testAccuracy = training.testAccuracy(net, testImages);
            new DjlWeightStore().save(net, files.weights());
            ObjectNode result = JSON.createObjectNode();
            result.put("archid", model.archid());
            result.put("parameters", (long) new DjlNumParameters().evaluate(model, null));
            result.put("macs", (long) DjlMacs.macs().evaluate(model, null));
            EvaluatorKind.finalLatencies(spec).forEach((key, latency) -> result.put(key, 1e3 * latency.evaluate(model,
                    null)));
            result.put("validation_accuracy", validationAccuracy);
            result.put("test_accuracy", testAccuracy);
            result.put("epochs", outcome.epochs());
            result.put("train_seconds", outcome.seconds());
            result.put("train_images", training.images());
            result.put("final_loss", outcome.meanLoss());
            outcome.epochLosses().forEach(result.putArray("epoch_losses")::add);
            result.put("recipe", stage.recipe().toString());
            result.put("arch_file", run.relative(files.arch()));
            result.put("weights_file", run.relative(files.weights()));
            RunDirectory.writeJson(files.result(), result);
            return result;
        }
    }

    /** The result a previous run recorded for {@code archid} with this very recipe and length, if any. */
    private Optional<ObjectNode> recorded(String archid) {
        RunDirectory.FinalModelFiles files = run.finalModel(archid);
        Path file = files.result();
        if (!files.complete()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            RunSpec.Final stage = spec.finalStage();
            if (node instanceof ObjectNode o && archid.equals(o.path("archid").asText())
                    && (stage.length() == RunSpec.Length.FILL || o.path("epochs").asDouble() == stage.epochs())
                    && stage.recipe().toString().equals(o.path("recipe").asText())
                    && o.path("test_accuracy").isNumber()) {
                return Optional.of(o);
            }
        } catch (IOException e) {
            listener.message("final training: " + file + " is unreadable (" + e.getMessage().split("\n")[0]
                    + "); training that model again");
        }
        return Optional.empty();
    }
}
