package org.archai4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import ai.djl.ndarray.types.Shape;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.search.SearchResults;
import org.archai4j.search.SearchStatus;
import org.archai4j.space.ArchaiModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search's time limit: the job's budget less the final stage's reserve, and less only what the final stage
 * will use once the search's longer looks show that it will not stretch its training.
 */
class SearchTimeLimitTest {
    @TempDir
    Path dir;

    private RunSpec spec(String length) throws IOException {
        return spec(length, "training: {epochs: 1, batch_size: 32, learning_rate: 0.002}");
    }

    private RunSpec spec(String length, String training) throws IOException {
        return RunSpec.read(Files.writeString(dir.resolve("spec.yaml"), RunSpecTest.valid(
                "{name: local, budget: 60, promotion_budget: 180, tiers: {by: parameters, ceilings: [1000]}}")
                .replace("training: {epochs: 1, batch_size: 32, learning_rate: 0.002}", training)
                + "time_budget: 300s\nparallel: 2\nfinal: {models: 3, epochs: 50, length: " + length
                + ", reserve: 30s}\n"));
    }

    /** A search's subset of {@code train} samples and validation split of {@code validation}. */
    private static LabelledData.Split split(int train, int validation) {
        return new LabelledData.Split(samples(train), samples(validation));
    }

    private static LabelledData samples(int n) {
        return new LabelledData(new float[n], new int[n], new Shape(1), 2);
    }

    /**
     * 500 first looks at networks of 1 to 500 parameters, the first four of them on the frontier, then second looks
     * at the first networks that changed their accuracy by {@code gains}.
     */
    private static SearchResults<Void> results(double... gains) {
        SearchObjectives<Void> objectives = new SearchObjectives<>();
        objectives.addObjective("accuracy", (m, b) -> 0, Direction.MAXIMIZE);
        objectives.addObjective("parameters", (m, b) -> 0, Direction.MINIMIZE);
        SearchResults<Void> results = new SearchResults<>(null, objectives);
        List<ArchaiModel<Void>> first = IntStream.range(0, 500)
                .mapToObj(i -> new ArchaiModel<Void>(null, "n" + i)).toList();
        results.addIterationResults(first, Map.of("accuracy", IntStream.range(0, 500)
                .mapToDouble(i -> Math.min(i, 3) / 10.0).toArray(), "parameters", IntStream.range(0, 500)
                .mapToDouble(i -> i + 1).toArray()));
        if (gains.length > 0) {
            results.addIterationResults(first.subList(0, gains.length), Map.of("accuracy", IntStream.range(0,
                    gains.length).mapToDouble(i -> i / 10.0 + gains[i]).toArray(), "parameters",
                    IntStream.range(0, gains.length).mapToDouble(i -> i + 1).toArray()));
        }
        return results;
    }

    @Test
    void theReserveStaysUntilTheLongerLooksShowThatLongerTrainingDoesNotPay() throws IOException {
        // The subset has 700 samples, the final models train on 1,000.
        SearchTimeLimit limit = SearchTimeLimit.of(spec("fill"), split(700, 300), 1000);
        assertThat(limit.reserveSeconds(results(), 500, 250)).as("no second look yet").isEqualTo(30);
        assertThat(limit.reserveSeconds(results(0.02, 0.01), 502, 250)).as("longer looks paid").isEqualTo(30);
        // Longer looks paid, but even the longest training (1,000 epochs) of the three takes less than the
        // reserve when the search looks at a thousand networks a second (and each needs a second besides).
        assertThat(limit.reserveSeconds(results(0.02, 0.01), 502_000, 250)).isCloseTo(3 * (1000 * (1000.0 / 700)
                / 60 * (250.0 * 2 / 502_000) + 1) * 1.25, within(1e-9));
        // They lowered accuracy: 250 s for 502 looks two at a time is about 1 s a look, and each final model
        // trains 50 epochs of 1,000 samples, 1.19 looks of 60 epochs of 700, plus a second; three final models
        // (of the frontier's four), 1.25 times.
        double look = 250.0 * 2 / 502;
        double expected = 3 * (50 * (1000.0 / 700) / 60 * look + 1) * 1.25;
        assertThat(limit.reserveSeconds(results(-0.02, 0.01), 502, 250)).isCloseTo(expected, within(1e-9))
                .isLessThan(15);
        // Past the planned 270 s, the search goes on (the pace is measured anew at each question).
        assertThat(limit.reached(new SearchStatus(1, 502, 280, results(-0.02, 0.01)))).isFalse();
        double later = 280.0 * 2 / 502;
        assertThat(limit.limitSeconds()).as("a look now takes more than a second, and so does what a model needs "
                + "besides training").isCloseTo(300 - 3 * (50 * (1000.0 / 700) / 60 + 1) * later * 1.25, within(1e-9));
        assertThat(limit.reached(new SearchStatus(1, 502, 292, results(-0.02, 0.01)))).isTrue();
        // A frontier of one network: one final model to plan for.
        SearchResults<Void> one = results(-0.02, 0.01);
        one.addIterationResults(List.of(new ArchaiModel<>(null, "best")), Map.of("accuracy", new double[] {0.9},
                "parameters", new double[] {0.5}));
        assertThat(limit.reserveSeconds(one, 503, 250)).isCloseTo((50 * (1000.0 / 700) / 60 * (250.0 * 2 / 503) + 1)
                * 1.25, within(1e-9));
        // A slow search (10 s a look) would need more than the reserve: never less time for the final stage.
        assertThat(limit.reserveSeconds(results(-0.02, 0.01), 50, 250)).isEqualTo(30);
    }

    @Test
    void aCrossValidatedLookIsOneTrainingPerFoldOnAllFoldsButOne() throws IOException {
        // Five folds of the 1,000 pooled samples: each look is five trainings on 800 samples, of 0.2 s each, and
        // the test split and files take a second.
        SearchTimeLimit limit = SearchTimeLimit.of(spec("fill", "training: {epochs: 1, batch_size: 32, folds: 5}"),
                split(700, 300), 1000);
        double training = 250.0 * 2 / 502 / 5;
        double expected = 3 * (50 * (1000.0 / 800) / 60 * training + 1) * 1.25;
        assertThat(limit.reserveSeconds(results(-0.02, 0.01), 502, 250)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void aFinalStageOfFixedLengthKeepsItsReserve() throws IOException {
        SearchTimeLimit limit = SearchTimeLimit.of(spec("epochs"), split(700, 300), 1000);
        assertThat(limit.reserveSeconds(results(-0.02, -0.01), 502, 250)).isEqualTo(30);
        assertThat(limit.reached(new SearchStatus(1, 502, 269.9, results(-0.02, -0.01)))).isFalse();
        assertThat(limit.reached(new SearchStatus(1, 502, 270, results(-0.02, -0.01)))).isTrue();
    }
}
