package org.archai4j.algos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.archai4j.journal.EvaluationJournal;
import org.archai4j.objectives.Constraint;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.random.PyRandom;
import org.archai4j.search.SearchResults;
import org.archai4j.search.Searcher;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every algorithm, crashed part-way (an evaluator throws an {@link Error}, as a killed process would stop) and run
 * again over the same directory, ends in the state of an uninterrupted run; and no algorithm hangs when valid
 * models are rare.
 */
class AlgorithmResumeTest {
    /** Stands for the process dying: not an Exception, so nothing in the search catches it. */
    static final class Crash extends Error {
        Crash() {
            super("simulated crash");
        }
    }

    enum Algo {
        RANDOM, EVOLUTION_PARETO, LOCAL, REGULARIZED_EVOLUTION, SUCCESSIVE_HALVING, MO_BANANAS;

        Searcher<Integer> build(ConfigSearchSpace<Integer> space, SearchObjectives<Integer> so, Path out) {
            return build(space, so, out, status -> false);
        }

        Searcher<Integer> build(ConfigSearchSpace<Integer> space, SearchObjectives<Integer> so, Path out,
                                org.archai4j.search.Limit limit) {
            return switch (this) {
                case RANDOM -> RandomSearch.builder(space, so, out).numIters(3).samplesPerIter(6).limit(limit).build();
                case EVOLUTION_PARETO -> EvolutionParetoSearch.builder(space, so, out).numIters(3).initNumModels(6)
                        .numRandomMix(3).numCrossovers(3).seed(5).limit(limit).build();
                case LOCAL -> LocalSearch.builder(space, so, out).numIters(3).initNumModels(6).mutationsPerParent(2)
                        .seed(5).limit(limit).build();
                case REGULARIZED_EVOLUTION -> RegularizedEvolutionSearch.builder(space, so, out).numIters(3)
                        .initNumModels(6).paretoSampleSize(4).historySize(8).seed(5).limit(limit).build();
                case SUCCESSIVE_HALVING -> SuccessiveHalvingSearch.builder(space, so, out).numIters(4).initNumModels(8)
                        .seed(5).limit(limit).build();
                case MO_BANANAS -> MoBananasSearch.builder(space, so, out, new MeanPredictor()).numIters(3)
                        .initNumModels(6).numParents(3).mutationsPerParent(2).numCandidates(4).seed(5).limit(limit)
                        .build();
            };
        }
    }

    /** A deterministic surrogate: the mean of what it was fitted on, variance one. */
    static final class MeanPredictor implements org.archai4j.predictors.Predictor {
        private double[] mean = new double[0];

        @Override
        public void fit(double[][] x, double[][] y) {
            mean = new double[y.length == 0 ? 0 : y[0].length];
            for (double[] row : y) {
                for (int k = 0; k < row.length; k++) {
                    mean[k] += row[k] / y.length;
                }
            }
        }

        @Override
        public org.archai4j.predictors.MeanVar predict(double[][] x) {
            double[][] m = new double[x.length][];
            double[][] v = new double[x.length][mean.length];
            for (int i = 0; i < x.length; i++) {
                m[i] = mean.clone();
                java.util.Arrays.fill(v[i], 1.0);
            }
            return new org.archai4j.predictors.MeanVar(m, v);
        }
    }

    static ConfigSearchSpace<Integer> space() {
        return ConfigSearchSpace.builder(ModelFactory.of(ImageClassificationSpace::outputChannels),
                ImageClassificationSpace.tree()).seed(3).build();
    }

    /** Deterministic objectives of the model alone; "score" crashes the run after {@code crashAfter} calls. */
    static SearchObjectives<Integer> objectives(int crashAfter, double maxChannels) {
        AtomicInteger calls = new AtomicInteger();
        SearchObjectives<Integer> so = new SearchObjectives<>();
        so.addObjective("channels", (m, b) -> m.arch(), Direction.MINIMIZE, Cost.CHEAP, Constraint.between(0, maxChannels));
        so.addObjective("score", (m, b) -> {
            if (calls.incrementAndGet() > crashAfter) {
                throw new Crash();
            }
            return new PyRandom(m.archid().hashCode()).random();
        }, Direction.MAXIMIZE);
        return so;
    }

    static List<String> finalState(Path out) throws Exception {
        Path last = null;
        for (int i = 0; i < 100; i++) {
            if (Files.exists(out.resolve("search_state_" + i + ".csv"))) {
                last = out.resolve("search_state_" + i + ".csv");
            }
        }
        return finalStateOf(last);
    }

    /** The rows of a search-state CSV without the wall-time column, which differs between runs. */
    static List<String> finalStateOf(Path csv) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(cells.size() - 2); // search_walltime_hours differs between runs
            rows.add(String.join(",", cells));
        }
        return rows;
    }

    private static int journalSize(Path out) {
        try (EvaluationJournal j = EvaluationJournal.open(out.resolve(EvaluationJournal.FILE_NAME))) {
            return j.records().size();
        }
    }

    @ParameterizedTest
    @EnumSource(Algo.class)
    void resumesToTheStateOfAnUninterruptedRun(Algo algo, @TempDir Path dir) throws Exception {
        Path reference = dir.resolve("reference");
        SearchObjectives<Integer> full = objectives(Integer.MAX_VALUE, 1e9);
        SearchResults<Integer> expected = algo.build(space(), full, reference).search();
        int expensive = (int) expected.results().stream().mapToLong(r -> r.models().size()).sum();

        Path resumed = dir.resolve("resumed");
        SearchObjectives<Integer> crashing = objectives(expensive / 2, 1e9);
        assertThatThrownBy(() -> algo.build(space(), crashing, resumed).search()).isInstanceOf(Crash.class);
        int before = journalSize(resumed);
        assertThat(before).isPositive();

        SearchObjectives<Integer> again = objectives(Integer.MAX_VALUE, 1e9);
        algo.build(space(), again, resumed).search();
        assertThat(finalState(resumed)).isEqualTo(finalState(reference));
        assertThat(journalSize(resumed)).as("nothing evaluated twice").isEqualTo(journalSize(reference));
    }

    @ParameterizedTest
    @EnumSource(Algo.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against hanging, not a speed target
    void noAlgorithmHangsWhenValidModelsAreRare(Algo algo, @TempDir Path dir) {
        // Only base 8 with one small block is below 9 channels: about 1 architecture in 60 qualifies.
        SearchObjectives<Integer> rare = objectives(Integer.MAX_VALUE, 9);
        SearchResults<Integer> r = algo.build(space(), rare, dir).search();
        r.results().forEach(it -> assertThat(java.util.Arrays.stream(it.evaluationResults().get("channels")).max()
                .orElse(0)).isLessThanOrEqualTo(9));
        SearchObjectives<Integer> none = objectives(Integer.MAX_VALUE, 1);
        SearchResults<Integer> nothing = algo.build(space(), none, dir.resolve("none")).search();
        assertThat(nothing.iterationNum()).isZero();
    }
}
