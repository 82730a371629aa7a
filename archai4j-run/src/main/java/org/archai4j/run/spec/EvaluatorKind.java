package org.archai4j.run.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.evaluators.DjlActivations;
import org.archai4j.djl.evaluators.DjlLatency;
import org.archai4j.djl.evaluators.DjlMacs;
import org.archai4j.djl.evaluators.DjlNumParameters;
import org.archai4j.djl.evaluators.DjlPeakMemory;
import org.archai4j.djl.evaluators.DjlTrainedAccuracy;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.pruning.DominancePruner;

/**
 * The evaluators an objective or constraint can name ({@code evaluator:}): what each measures, whether training
 * changes it, whether it is expensive by default, and how it is built. The search, the final stage and the cluster
 * worker all build their evaluators here.
 *
 * <pre>{@code
 * ModelEvaluator<DjlNetwork> e = EvaluatorKind.PARAMETERS.create(objective, spec, data, null);
 * }</pre>
 */
public enum EvaluatorKind implements SpecNamed {
    /** Validation accuracy after training for the evaluation's budget (epochs). */
    ACCURACY("accuracy", Measure.TRAINED),
    /** Trainable parameters. */
    PARAMETERS("parameters", Measure.FIXED),
    /** Multiply-accumulates of one forward pass. */
    MACS("macs", Measure.FIXED),
    /** Floating-point operations of one forward pass. */
    FLOPS("flops", Measure.FIXED),
    /** Activations the layers write per sample. */
    ACTIVATIONS("activations", Measure.FIXED),
    /** Peak memory of a forward pass. */
    MEMORY("memory", Measure.FIXED),
    /** Batch-1 latency in seconds. */
    LATENCY("latency", Measure.TIMED),
    /** Batch-1 latency in milliseconds. */
    LATENCY_MS("latency_ms", Measure.TIMED),
    /** Batch-1 latency in seconds in ONNX Runtime on the CPU, as Archai's {@code AvgOnnxLatency}. */
    ONNX_LATENCY("onnx_latency", Measure.TIMED),
    /** Batch-1 latency in milliseconds in ONNX Runtime on the CPU. */
    ONNX_LATENCY_MS("onnx_latency_ms", Measure.TIMED);

    /** What an evaluator's value depends on. */
    public enum Measure {
        /** The architecture alone: training does not change it, so a pruner can compare along it. */
        FIXED,
        /** The trained weights. */
        TRAINED,
        /** The machine's speed at the time of the measurement. */
        TIMED
    }

    /**
     * Warm-ups before a latency is timed: a fresh JVM's first passes are 2-3 times slower (scripts/bench-latency:
     * medians of 2.1-3.2 ms after 3 warm-ups, 0.8-1.1 ms after 500); a warm-up costs a millisecond, next to seconds
     * of training.
     */
    private static final int LATENCY_WARMUPS = 30;
    /** The timed passes of a final model's latency at least: it is reported once, so it is measured closely. */
    private static final int FINAL_LATENCY_SAMPLES = 50;

    private final String specName;
    private final Measure measure;

    EvaluatorKind(String specName, Measure measure) {
        this.specName = specName;
        this.measure = measure;
    }

    @Override
    public String specName() {
        return specName;
    }

    public Measure measure() {
        return measure;
    }

    /** Whether an objective of this evaluator is expensive unless the spec says otherwise: training is. */
    public boolean expensiveByDefault() {
        return measure == Measure.TRAINED;
    }



    /**
     * The evaluator of objective {@code o} ({@code o} may be null for a {@link Measure#FIXED} evaluator, which
     * takes no settings).
     *
     * @param data the search's training subset and validation split (only accuracy reads it; may be null otherwise)
     * @param pruner stops the trainings it prunes (accuracy only; null: none)
     */
    public ModelEvaluator<DjlNetwork> create(RunSpec.Objective o, RunSpec spec, LabelledData.Split data,
                                             DominancePruner<DjlNetwork> pruner) {
        return switch (this) {
            case ACCURACY -> {
                DjlTrainedAccuracy.Builder accuracy = DjlTrainedAccuracy.builder(data.train(), data.validation())
                        .recipe(spec.training().recipe()).defaultEpochs(spec.training().epochs()).seed(spec.seed())
                        .folds(spec.training().folds());
                if (pruner != null) {
                    RunSpec.Pruning pruning = spec.training().pruning();
                    accuracy.pruner(pruner, pruning.reportEvery(), pruning.validationSize());
                }
                yield accuracy.build();
            }
            case PARAMETERS -> new DjlNumParameters();
            case MACS -> DjlMacs.macs();
            case FLOPS -> DjlMacs.flops();
            case ACTIVATIONS -> new DjlActivations();
            case MEMORY -> new DjlPeakMemory(1);
            case LATENCY, ONNX_LATENCY -> latency(o.samples(), o.timing(), runtime());
            case LATENCY_MS, ONNX_LATENCY_MS -> {
                DjlLatency latency = latency(o.samples(), o.timing(), runtime());
                yield (model, budget) -> 1e3 * latency.evaluate(model, budget);
            }
        };
    }

    /** What a latency evaluator times its passes in. */
    private DjlLatency.Runtime runtime() {
        return this == ONNX_LATENCY || this == ONNX_LATENCY_MS ? DjlLatency.Runtime.ONNX_RUNTIME
                : DjlLatency.Runtime.DJL;
    }

    /**
     * The latency evaluators of a final model, by the key of {@code final.json} they fill ({@code latency_ms}, and
     * {@code onnx_latency_ms} when an objective or constraint times ONNX Runtime): the spec's latency objective's
     * timing and samples (at least {@value #FINAL_LATENCY_SAMPLES}), or calibrated timing without one. Their values
     * are in seconds.
     */
    public static Map<String, DjlLatency> finalLatencies(RunSpec spec) {
        List<RunSpec.Objective> timed = new ArrayList<>(spec.objectives());
        timed.addAll(spec.constraints());
        timed.removeIf(o -> o.kind().measure() != Measure.TIMED);
        Optional<RunSpec.Objective> objective = timed.stream().findFirst();
        int samples = Math.max(objective.map(RunSpec.Objective::samples).orElse(0), FINAL_LATENCY_SAMPLES);
        DjlLatency.Timing timing = objective.map(RunSpec.Objective::timing).orElse(DjlLatency.Timing.CALIBRATED);
        Map<String, DjlLatency> out = new LinkedHashMap<>();
        out.put(LATENCY_MS.specName, latency(samples, timing, DjlLatency.Runtime.DJL));
        if (timed.stream().anyMatch(o -> o.kind().runtime() == DjlLatency.Runtime.ONNX_RUNTIME)) {
            out.put(ONNX_LATENCY_MS.specName, latency(samples, timing, DjlLatency.Runtime.ONNX_RUNTIME));
        }
        return out;
    }

    private static DjlLatency latency(int samples, DjlLatency.Timing timing, DjlLatency.Runtime runtime) {
        return DjlLatency.builder().numWarmups(LATENCY_WARMUPS).numSamples(samples).useMedian(true).timing(timing)
                .runtime(runtime).build();
    }
}
