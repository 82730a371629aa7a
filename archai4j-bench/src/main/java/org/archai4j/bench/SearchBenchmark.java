package org.archai4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.archai4j.algos.EvolutionParetoSearch;
import org.archai4j.algos.LocalSearch;
import org.archai4j.algos.RandomSearch;
import org.archai4j.algos.RegularizedEvolutionSearch;
import org.archai4j.config.ArchConfig;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.pareto.Hypervolume;
import org.archai4j.pareto.ParetoFrontier;
import org.archai4j.plots.ParetoPlots;
import org.archai4j.search.SearchResults;
import org.archai4j.search.Searcher;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace.Cost;
import org.archai4j.space.builtin.ImageClassificationSpace;

/**
 * The search's own cost: algorithms on the tutorial's image-classification tree with two analytic objectives of
 * its cell-35 model (stem stride 2, 3x240x240 input): parameters and multiply-accumulates, both minimised. Every
 * iteration writes the reference's outputs as a real run does: {@code search_state_<n>.csv},
 * {@code pareto_models_iter_<n>/} and the PNG plots (drawn in the background, the last state before the search
 * returns). Seed 1.
 *
 * <p>Prints {@code algo=<name> evaluations=<n> seconds=<s> hypervolume=<hv>} per algorithm. The hypervolume is
 * that of the final frontier with each objective on a log scale from the smallest architecture's cost (0) to the
 * largest's (1), reference point (1, 1); parameters and MACs span four orders of magnitude here.
 *
 * <pre>{@code
 * scripts/bench-search [output directory] [--no-plots]
 * }</pre>
 */
public final class SearchBenchmark {
    private SearchBenchmark() {
    }

    private static ConfigSearchSpace<Cost> space() {
        return ConfigSearchSpace.builder(ModelFactory.of((ArchConfig c) -> ImageClassificationSpace.cost(c, 2, 3, 240,
                240)), ImageClassificationSpace.tree()).seed(1).build();
    }

    private static SearchObjectives<Cost> objectives() {
        SearchObjectives<Cost> so = new SearchObjectives<>();
        so.addObjective("parameters", (m, b) -> m.arch().parameters(), Direction.MINIMIZE,
                org.archai4j.objectives.Cost.CHEAP);
        so.addObjective("macs", (m, b) -> m.arch().macs(), Direction.MINIMIZE, org.archai4j.objectives.Cost.CHEAP);
        return so;
    }

    /** The cost of a uniform architecture: {@code blocks} blocks of {@code convs} convolutions each. */
    private static Cost uniform(int base, int blocks, double multiplier, int convs, int kernel) {
        Map<String, Object> conv = Map.of("kernel_size", kernel, "act_fn", "relu");
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("max_pool_kernel_size", 2);
        block.put("channel_multiplier", multiplier);
        block.put("convs", listOf(conv, convs));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("base_num_channels", base);
        config.put("downsample_blocks", listOf(block, blocks));
        return ImageClassificationSpace.cost(ArchConfig.of(config), 2, 3, 240, 240);
    }

    /** {@code log(v / min) / log(max / min)}: 0 for the smallest architecture, 1 for the largest. */
    private static double logScale(double v, double min, double max) {
        return Math.log(v / min) / Math.log(max / min);
    }

    private static Map<String, Object> listOf(Map<String, Object> item, int n) {
        Map<String, Object> slots = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            slots.put(Integer.toString(i), item);
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("_config_type", "config_list");
        list.put("_share_arch", false);
        list.put("_repeat_times", n);
        list.put("_configs", slots);
        return list;
    }

    /** One timed search. */
    private record Run(SearchResults<Cost> results, double seconds) {
    }

    private static Run run(String name, Path out, boolean plots) {
        ConfigSearchSpace<Cost> space = space();
        SearchObjectives<Cost> so = objectives();
        Searcher<Cost> searcher = switch (name) {
            case "random" -> RandomSearch.builder(space, so, out).numIters(20).samplesPerIter(50).seed(1).build();
            case "evolution_pareto" -> EvolutionParetoSearch.builder(space, so, out).numIters(20)
                    .initNumModels(50).numRandomMix(20).mutationsPerParent(2).numCrossovers(10)
                    .maxUnseenPopulation(50).seed(1).build();
            case "local" -> LocalSearch.builder(space, so, out).numIters(20).initNumModels(50)
                    .mutationsPerParent(2).seed(1).build();
            default -> RegularizedEvolutionSearch.builder(space, so, out).numIters(20).initNumModels(50)
                    .paretoSampleSize(20).historySize(100).seed(1).build();
        };
        if (plots) {
            searcher.addListener(new ParetoPlots<>(out));
        }
        long start = System.nanoTime();
        SearchResults<Cost> results = searcher.search();
        return new Run(results, (System.nanoTime() - start) / 1e9);
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path root = args.length > 0 && !args[0].startsWith("--") ? Path.of(args[0])
                : Files.createTempDirectory("archai4j-bench-search");
        Cost min = uniform(8, 1, 1.0, 1, 3);
        Cost max = uniform(64, 3, 2.0, 5, 7);
        List<String> algos = List.of("random", "evolution_pareto", "local", "regularized_evolution");
        boolean plots = !List.of(args).contains("--no-plots");
        for (String name : algos) {
            // The first run of each algorithm warms the JVM up (class loading, JIT), as JMH's warm-up iterations do;
            // its time is printed too, as cold_seconds.
            double cold = run(name, root.resolve("warmup").resolve(name), plots).seconds();
            Run timed = run(name, root.resolve(name), plots);
            ParetoFrontier<Cost> front = timed.results().getParetoFrontier();
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < front.models().size(); i++) {
                points.add(new double[] {
                    logScale(front.evaluationResults().get("parameters")[i], min.parameters(), max.parameters()),
                    logScale(front.evaluationResults().get("macs")[i], min.macs(), max.macs())});
            }
            double hv = Hypervolume.of(points.toArray(double[][]::new), new double[] {1, 1});
            long evaluations = timed.results().results().stream().mapToLong(r -> r.models().size()).sum();
            System.out.printf(Locale.ROOT, "algo=%s evaluations=%d seconds=%.2f ms_per_evaluation=%.3f "
                    + "cold_seconds=%.2f hypervolume=%.6f%n", name, evaluations, timed.seconds(),
                    1e3 * timed.seconds() / evaluations, cold, hv);
        }
        System.err.println("outputs in " + root);
    }
}
