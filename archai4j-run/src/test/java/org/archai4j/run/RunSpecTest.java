package org.archai4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ai.djl.ndarray.types.Shape;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.training.Augmentation;
import org.archai4j.djl.training.LearningRateSchedule;
import org.archai4j.djl.training.TrainingRecipe;
import org.archai4j.pareto.FrontierSelection;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.run.spec.SpecException;
import org.archai4j.run.spec.SpecNamed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Run specs: what a good one gives, and a located one-line error for each kind of mistake. */
class RunSpecTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("spec.yaml"), text);
    }

    /** The tutorial's image-classification space. */
    static final Path SPACE = Path.of("../examples/spaces/image-classification.yaml").toAbsolutePath().normalize();

    /** A small valid spec with the given algorithm. */
    static String valid(String algorithm) {
        return """
                seed: 3
                output: out
                space: %s
                model: {family: image-classifier, stem_stride: 1}
                data: {train_size: 192, validation_size: 64}
                training: {epochs: 1, batch_size: 32, learning_rate: 0.002}
                objectives:
                  accuracy: {evaluator: accuracy, higher_is_better: true}
                  parameters: {evaluator: parameters, higher_is_better: false}
                  latency_ms: {evaluator: latency_ms, higher_is_better: false, samples: 3}
                constraints:
                  affordable: {evaluator: macs, max: 1.0e7}
                algorithm: %s
                """.formatted(SPACE, algorithm);
    }

    @Test
    void aGoodSpec() throws IOException {
        RunSpec spec = RunSpec.read(write(valid("{name: local, num_iters: 2}")));
        assertThat(spec.seed()).isEqualTo(3);
        assertThat(spec.objectives()).extracting(RunSpec.Objective::name)
                .containsExactly("accuracy", "parameters", "latency_ms");
        assertThat(spec.constraints()).singleElement().satisfies(c -> assertThat(c.max()).isEqualTo(1e7));
        assertThat(spec.model().stemStride()).isEqualTo(1);
        assertThat(spec.name()).isEqualTo("spec");
    }

    @Test
    void theRecipeAndTheFinalStage() throws IOException {
        RunSpec spec = RunSpec.read(write("time_budget: 9m\nfinal: {models: 3, epochs: 5, reserve: 4m, "
                + "best_within: {parameters: [15000, 5.0e4]}, learning_rate: 0.02, augmentation: {crop_padding: 2, horizontal_flip: true}}\n"
                + valid("{name: random}").replace("learning_rate: 0.002}", "learning_rate: 0.01, schedule: "
                + "one_cycle, weight_decay: 0.0005, label_smoothing: 0.1}")));
        org.archai4j.djl.training.TrainingRecipe search = spec.training().recipe();
        assertThat(search).isEqualTo(TrainingRecipe.DEFAULT.withBatchSize(32)
                .withLearningRate(0.01).withSchedule(LearningRateSchedule.ONE_CYCLE)
                .withWeightDecay(0.0005).withLabelSmoothing(0.1));
        RunSpec.Final stage = spec.finalStage();
        assertThat(stage.models()).isEqualTo(3);
        assertThat(stage.epochs()).isEqualTo(5);
        assertThat(stage.bestWithin()).containsExactly(new FrontierSelection.Ceiling("parameters", 15000),
                new FrontierSelection.Ceiling("parameters", 50000));
        assertThat(stage.recipe()).as("the search's recipe with the final section's overrides").isEqualTo(search
                .withLearningRate(0.02).withAugmentation(new Augmentation(2, true)));
        assertThat(spec.searchTime()).as("the job's budget less the reserve").hasMinutes(5);
        assertThat(stage.ensemble()).as("by default").isEqualTo(RunSpec.Ensemble.NONE);
        assertThat(RunSpec.read(write("final: {models: 2, ensemble: mean}\n" + valid("{name: random}")))
                .finalStage().ensemble()).isEqualTo(RunSpec.Ensemble.MEAN);
        assertThat(RunSpec.read(write(valid("{name: random}"))).finalStage()).isNull();
    }

    @Test
    void budgetsAreLimitsAndNotPartOfTheSearchIdentity() throws IOException {
        RunSpec plain = RunSpec.read(write(valid("{name: random}")));
        assertThat(plain.budget()).isEqualTo(RunSpec.Budget.NONE);
        RunSpec budgeted = RunSpec.read(write("time_budget: 1h30m\nmax_evaluations: 500\nstop_when_stalled: 4\n"
                + valid("{name: random}")));
        assertThat(budgeted.budget()).isEqualTo(new RunSpec.Budget(java.time.Duration.ofMinutes(90), 500L, 4));
        assertThat(budgeted.identity()).isEqualTo(plain.identity());
        assertThat(RunSpec.parseDuration("90s")).hasSeconds(90);
        assertThat(RunSpec.parseDuration("500ms")).hasMillis(500);
        assertThat(RunSpec.parseDuration("2.5")).hasMillis(2500);
        assertThat(RunSpec.parseDuration("1h2m3s")).hasSeconds(3723);
        assertThatThrownBy(() -> RunSpec.parseDuration("10 minutes")).hasMessageContaining("expected a duration");
        assertThatThrownBy(() -> RunSpec.parseDuration("m")).hasMessageContaining("expected a duration");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key | seed: 3|seeds: 3                                | spec.yaml:1:1: seeds: unknown key; expected one of seed, output
            syntax error         | objectives:|objectives: [                       | spec.yaml:
            bad number           | seed: 3|seed: one                               | spec.yaml:1:7: seed: is the text 'one'; expected a whole number
            family and class     | 'model: {family: image-classifier, stem_stride: 1}'|'model: {family: image-classifier, class: a.B}' | model.family: give either family
            unknown family       | family: image-classifier|family: resnet          | model.family: is 'resnet'; expected one of image-classifier, compact-cnn
            unknown dataset      | 'data: {train_size'|'data: {dataset: cifar, train_size' | data.dataset: is 'cifar'; expected fashion-mnist
            zero train size      | train_size: 192|train_size: 0                    | data.train_size: is 0; expected at least 1
            zero folds           | 'learning_rate: 0.002}'|'learning_rate: 0.002, folds: 0}' | training.folds: is 0; expected at least 1
            folds with pruning   | 'learning_rate: 0.002}'|'learning_rate: 0.002, folds: 5, pruning: {report_every: 0.5}}' | training.folds: 5 with pruning: expected one of them
            unknown evaluator    | evaluator: parameters,|evaluator: params,        | objectives.parameters.evaluator: is 'params'; expected one of accuracy
            direction missing    | ', higher_is_better: false, samples: 3'|', samples: 3' | objectives.latency_ms.higher_is_better: is missing
            unknown objective key | 'latency_ms: {'|'latency_ms: {unit: ms, '       | objectives.latency_ms.unit: unknown key
            constraint no bounds | '{evaluator: macs, max: 1.0e7}'|'{evaluator: macs}' | constraints.affordable.max: a constraint needs min, max or both
            negative epochs      | 'epochs: 1'|'epochs: -1'                          | training.epochs: is -1.0; expected a positive number up to 1000
            infinite epochs      | 'epochs: 1'|'epochs: .inf'                        | training.epochs: is Infinity; expected a positive number up to 1000
            infinite rate        | 'learning_rate: 0.002'|'learning_rate: .inf'      | training.learning_rate: is Infinity; expected a positive number up to 100
            NaN rate             | 'learning_rate: 0.002'|'learning_rate: .nan'      | training.learning_rate: is NaN; expected a positive number up to 100
            list for a mapping   | 'training: {'|'training: [1]  #{'                 | training: is a list; expected a mapping
            bad time budget      | 'seed: 3'|'seed: 3|time_budget: soon'             | time_budget: is 'soon'; expected a duration such as 90s, 10m or 1h30m
            zero time budget     | 'seed: 3'|'seed: 3|time_budget: 0s'               | time_budget: is '0s'; expected a duration above 0
            zero evaluations     | 'seed: 3'|'seed: 3|max_evaluations: 0'           | max_evaluations: is 0; expected at least 1
            zero stall           | 'seed: 3'|'seed: 3|stop_when_stalled: 0'         | stop_when_stalled: is 0; expected at least 1
            unknown training key | 'epochs: 1,'|'epochs: 1, momentum: 0.9,'          | training.momentum: unknown key; expected one of batch_size, learning_rate, schedule
            unknown schedule     | 'epochs: 1,'|'epochs: 1, schedule: step,'         | training.schedule: is 'step'; expected constant, cosine or one_cycle
            negative decay       | 'epochs: 1,'|'epochs: 1, weight_decay: -1,'       | training.weight_decay: is -1.0; expected a number in [0, 10]
            smoothing of one     | 'epochs: 1,'|'epochs: 1, label_smoothing: 1,'     | training.label_smoothing: is 1.0; expected a number in [0, 1)
            huge crop            | 'epochs: 1,'|'epochs: 1, augmentation: {crop_padding: 99},' | training.augmentation.crop_padding: is 99; expected 0 to 64
            reserve no budget    | 'seed: 3'|'seed: 3|final: {models: 2, reserve: 1m}' | final.reserve: is 60 s; expected less than the time_budget (none is set)
            reserve over budget  | 'seed: 3'|'seed: 3|time_budget: 1m|final: {reserve: 2m}' | final.reserve: is 120 s; expected less than the time_budget (60 s)
            unknown final key    | 'seed: 3'|'seed: 3|final: {modles: 2}'           | final.modles: unknown key; expected one of batch_size
            zero final models    | 'seed: 3'|'seed: 3|final: {models: 0}'           | final.models: is 0; expected at least 1
            unknown ensemble     | 'seed: 3'|'seed: 3|final: {ensemble: vote}'     | final.ensemble: is 'vote'; expected none or mean
            ensemble of one      | 'seed: 3'|'seed: 3|final: {models: 1, ensemble: mean}' | final.ensemble: is mean, which needs at least 2 models; models is 1
            spread over unknown  | 'seed: 3'|'seed: 3|final: {spread_over: [size]}' | final.spread_over: names 'size'; expected objectives: accuracy, parameters, latency_ms
            spread over a number | 'seed: 3'|'seed: 3|final: {spread_over: 3}'    | final.spread_over: is the number '3'; expected a list of names
            tier of unknown      | 'seed: 3'|'seed: 3|final: {best_within: {size: [1]}}' | final.best_within: names 'size'; expected objectives: accuracy, parameters, latency_ms
            tier not a number    | 'seed: 3'|'seed: 3|final: {best_within: {parameters: [small]}}' | final.best_within.parameters: holds the text 'small'; expected a list of numbers
            tiers not a mapping  | 'seed: 3'|'seed: 3|final: {best_within: [1]}'  | final.best_within: is a list; expected a mapping
            """)
    void mistakesAreLocated(String kind, String from, String to, String expected) throws IOException {
        String text = valid("{name: random}").replace(from.replace("|", "\n"), to.replace("|", "\n"));
        if (kind.equals("syntax error")) {
            text = text + "objectives: [\n";
        }
        assertThat(text).as(kind).isNotEqualTo(valid("{name: random}"));
        Path file = write(text);
        assertThatThrownBy(() -> RunSpec.read(file)).as(kind).isInstanceOf(SpecException.class)
                .hasMessageContaining(expected.startsWith("spec.yaml") ? file.getParent().resolve(expected)
                        .toString() : expected)
                .hasMessageNotContaining("\n");
    }

    private static LabelledData.Split tinyData() {
        int n = 8;
        return new LabelledData(new float[n * 28 * 28], new int[n], new Shape(1, 28, 28), 10).split(2, 1);
    }

    @Test
    void algorithmParametersAreTheBuildersAndUnknownOnesAreListed() throws IOException {
        RunSpec unknown = RunSpec.read(write(valid("{name: evolution_pareto, num_iter: 2}")));
        assertThatThrownBy(() -> SearchAssembly.prepare(unknown, tinyData(), dir.resolve("out")))
                .isInstanceOf(SpecException.class).hasMessageContaining("spec.yaml:13:")
                .hasMessageContaining("algorithm.num_iter: unknown parameter of evolution_pareto; expected one of")
                .hasMessageContaining("num_iters").hasMessageContaining("init_num_models");

        RunSpec badValue = RunSpec.read(write(valid("{name: evolution_pareto, num_iters: 0}")));
        assertThatThrownBy(() -> SearchAssembly.prepare(badValue, tinyData(), dir.resolve("out")))
                .isInstanceOf(SpecException.class).hasMessageContaining("algorithm.num_iters: numIters is 0");

        RunSpec badName = RunSpec.read(write(valid("{name: annealing}")));
        assertThatThrownBy(() -> SearchAssembly.prepare(badName, tinyData(), dir.resolve("out")))
                .isInstanceOf(SpecException.class).hasMessageContaining("algorithm.name: is 'annealing'; expected "
                        + "one of random, evolution_pareto");

        RunSpec everyAlgorithm;
        for (String name : SpecNamed.names(SearchAlgorithm.class)) {
            everyAlgorithm = RunSpec.read(write(valid("{name: " + name + ", num_iters: 1}")));
            try (SearchAssembly run = SearchAssembly.prepare(everyAlgorithm, tinyData(), dir.resolve(name))) {
                assertThat(run.searcher()).isNotNull();
            }
        }
    }

    @Test
    void theMainJobSearchesInTheSizeTiersItsFinalStageChoosesFrom() {
        RunSpec spec = RunSpec.read(Path.of("../examples/fashion-mnist.yaml").toAbsolutePath().normalize());
        assertThat(spec.algorithm().name()).isEqualTo("local");
        // Every size the final stage picks the best within is the top of one of the search's bands: a tier's
        // ceiling or, above the last, the size constraint.
        List<Double> bands = new ArrayList<>(spec.algorithm().parameters().requireMap("tiers").numberList("ceilings"));
        spec.constraints().stream().filter(c -> c.evaluator().equals("parameters"))
                .forEach(c -> bands.add(c.max()));
        assertThat(spec.finalStage().bestWithin()).isNotEmpty().extracting(FrontierSelection.Ceiling::max)
                .isSubsetOf(bands);
        assertThat(spec.searchTime()).isPositive();
    }
}
