package org.archai4j.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.imageio.ImageIO;
import org.archai4j.algos.MoBananasSearch;
import org.archai4j.algos.RandomSearch;
import org.archai4j.config.ArchParamTree;
import org.archai4j.config.DiscreteChoice;
import org.archai4j.config.ParamTrees;
import org.archai4j.io.RunLock;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.predictors.MeanVar;
import org.archai4j.predictors.Predictor;
import org.archai4j.search.SearchListener;
import org.archai4j.search.SearchResults;
import org.archai4j.search.Searcher;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference's plots as a background listener: drawn, coalesced, and complete before search() returns. */
class ParetoPlotsTest {
    private static ConfigSearchSpace<int[]> space() {
        return ConfigSearchSpace.builder(ModelFactory.of(c -> new int[] {c.pickInt("a"), c.pickInt("b")}),
                new ArchParamTree(ParamTrees.dict("a", DiscreteChoice.range(0, 50), "b", DiscreteChoice.range(0, 50))))
                .seed(3).build();
    }

    private static SearchObjectives<int[]> objectives() {
        return new SearchObjectives<int[]>()
                .addObjective("a value", (m, b) -> m.arch()[0], Direction.MINIMIZE, Cost.CHEAP)
                .addObjective("b/value", (m, b) -> m.arch()[1], Direction.MINIMIZE, Cost.CHEAP)
                .addObjective("sum", (m, b) -> m.arch()[0] + m.arch()[1], Direction.MAXIMIZE);
    }

    private static List<String> listing(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RunLock.FILE_NAME)).sorted().toList();
        }
    }

    @Test
    void everyPairOfObjectivesIsPlottedWithTheReferenceFileNames(@TempDir Path out) throws Exception {
        Searcher<int[]> search = RandomSearch.builder(space(), objectives(), out).numIters(2).samplesPerIter(5).build();
        search.addListener(new ParetoPlots<>(out));
        search.search();
        assertThat(listing(out)).containsExactly("evaluations.jsonl", "pareto_a_value_vs_bvalue.png",
                "pareto_a_value_vs_sum.png", "pareto_bvalue_vs_sum.png", "pareto_models_iter_1",
                "pareto_models_iter_2", "search_state_1.csv", "search_state_2.csv");
        for (String name : List.of("pareto_a_value_vs_bvalue.png", "pareto_a_value_vs_sum.png",
                "pareto_bvalue_vs_sum.png")) {
            BufferedImage image = ImageIO.read(out.resolve(name).toFile());
            assertThat(image).as(name).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1000);
            assertThat(image.getHeight()).isEqualTo(500);
        }
    }

    @Test
    void moBananasPlotsBesideItsZeroBasedStates(@TempDir Path out) throws Exception {
        Predictor mean = new Predictor() {
            @Override
            public void fit(double[][] x, double[][] y) {
            }

            @Override
            public MeanVar predict(double[][] x) {
                double[][] m = new double[x.length][1];
                double[][] v = new double[x.length][1];
                for (double[] row : v) {
                    row[0] = 1;
                }
                return new MeanVar(m, v);
            }
        };
        Searcher<int[]> search = MoBananasSearch.builder(space(), objectives(), out, mean).numIters(2)
                .initNumModels(5).numParents(3).mutationsPerParent(2).numCandidates(4).build();
        search.addListener(new ParetoPlots<>(out));
        search.search();
        assertThat(listing(out)).containsExactly("evaluations.jsonl", "pareto_a_value_vs_bvalue.png",
                "pareto_a_value_vs_sum.png", "pareto_bvalue_vs_sum.png", "search_state_0.csv", "search_state_1.csv");
    }

    @Test
    void plotsRequestedWhileOneIsDrawnAreCoalescedIntoTheNewest(@TempDir Path out) {
        List<Integer> drawn = new CopyOnWriteArrayList<>();
        CountDownLatch firstDrawing = new CountDownLatch(1);
        ParetoPlots<int[]> plots = new ParetoPlots<>(out, 1, Duration.ZERO, (objectives, iterations, dir) -> {
            drawn.add(iterations.size());
            try {
                firstDrawing.await(); // iteration 1 is drawn until iteration 20 has finished
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Searcher<int[]> search = RandomSearch.builder(space(), objectives(), out).numIters(20).samplesPerIter(2)
                .build();
        search.addListener(plots);
        search.addListener(new SearchListener<>() {
            @Override
            public void iterationFinished(int iteration, SearchResults<int[]> results, List<ArchaiModel<int[]>> next) {
                if (iteration == 20) {
                    firstDrawing.countDown();
                }
            }
        });
        search.search();
        assertThat(drawn).as("iterations 2 to 19 were replaced by 20 while 1 was drawn").containsExactly(1, 20);
    }

    @Test
    void everyKthIterationAndTheLast(@TempDir Path out) {
        List<Integer> drawn = new CopyOnWriteArrayList<>();
        ParetoPlots<int[]> plots = new ParetoPlots<>(out, 3, Duration.ZERO, (objectives, iterations, dir) -> drawn.add(
                iterations.size()));
        Searcher<int[]> search = RandomSearch.builder(space(), objectives(), out).numIters(7).samplesPerIter(2)
                .build();
        search.addListener(plots);
        search.search();
        assertThat(drawn).isSubsetOf(3, 6, 7).endsWith(7);
    }

    @Test
    void whileTheSearchRunsPlotsAreDrawnAtMostOncePerIntervalAndTheLastAtOnce(@TempDir Path out) {
        List<Integer> drawn = new CopyOnWriteArrayList<>();
        ParetoPlots<int[]> plots = new ParetoPlots<>(out, 1, Duration.ofHours(1), (objectives, iterations, dir) ->
                drawn.add(iterations.size()));
        Searcher<int[]> search = RandomSearch.builder(space(), objectives(), out).numIters(10).samplesPerIter(2)
                .build();
        search.addListener(plots);
        long start = System.nanoTime();
        search.search();
        assertThat(drawn).as("the first iteration at once, then nothing for an hour but the final state")
                .containsExactly(1, 10);
        assertThat(System.nanoTime() - start).as("the final drawing did not wait for the interval")
                .isLessThan(Duration.ofMinutes(10).toNanos());
    }
}
