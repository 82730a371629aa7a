package org.archai4j.algos;

import static org.archai4j.config.ParamTrees.dict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.archai4j.config.ArchParamTree;
import org.archai4j.config.DiscreteChoice;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.ProgressiveTraining;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.SizeTiers;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches with size tiers (local search, Evolution-Pareto, MO-BANANAS), on a space whose models are {@code 100 x + 10 y + z}: size is {@code x} (bands up
 * to 2, up to 5, above), score {@code y + z}, the higher the better.
 */
class SizeTiersSearchTest {
    private static ConfigSearchSpace<Integer> space(long seed) {
        return ConfigSearchSpace.builder(ModelFactory.of(c -> 100 * c.pickInt("x") + 10 * c.pickInt("y")
                        + c.pickInt("z")), new ArchParamTree(dict("x", DiscreteChoice.range(0, 10), "y",
                        DiscreteChoice.range(0, 10), "z", DiscreteChoice.range(0, 10)))).seed(seed).build();
    }

    private static SearchObjectives<Integer> objectives() {
        return new SearchObjectives<Integer>()
                .addObjective("score", (m, b) -> m.arch() / 10 % 10 + m.arch() % 10, Direction.MAXIMIZE)
                .addObjective("size", (m, b) -> m.arch() / 100, Direction.MINIMIZE, Cost.CHEAP);
    }

    private static final SizeTiers<Integer> TIERS = new SizeTiers<>("score", "size", List.of(2.0, 5.0), 1);

    /** The best score found in each band. */
    private static int[] bestPerBand(List<ArchaiModel<Integer>> models) {
        int[] best = {-1, -1, -1};
        for (ArchaiModel<Integer> m : models) {
            int band = TIERS.tier(m.arch() / 100);
            best[band] = Math.max(best[band], m.arch() / 10 % 10 + m.arch() % 10);
        }
        return best;
    }

    /** The first iteration has an equal share of each band; every mutation is in its parent's band. */
    private static void assertTiered(SearchResults<Integer> results, int perBand, String what) {
        List<ArchaiModel<Integer>> first = results.results().get(0).models();
        assertThat(List.of(0, 1, 2).stream().map(b -> first.stream().filter(m -> TIERS.tier(m.arch() / 100) == b)
                .count())).as(what).containsOnly((long) perBand);
        Map<String, ArchaiModel<Integer>> byArchid = new HashMap<>();
        for (ArchaiModel<Integer> m : results.allModels()) {
            Object parent = m.metadata().get("parent");
            if (parent != null) {
                ArchaiModel<Integer> p = byArchid.get((String) parent);
                assertThat(p).as("%s: the parent of %s was evaluated before it", what, m.archid()).isNotNull();
                assertThat(TIERS.tier(m.arch() / 100)).as(what).isEqualTo(TIERS.tier(p.arch() / 100));
            }
            byArchid.putIfAbsent(m.archid(), m);
        }
        assertThat(results.iterationNum()).as(what).isGreaterThan(1);
    }

    @Test
    void evolutionAndMoBananasBreedTheBandsLeadersWithinTheirBands(@TempDir Path dir) {
        for (int seed = 0; seed < 5; seed++) {
            assertTiered(EvolutionParetoSearch.builder(space(seed), objectives(), dir.resolve("e" + seed))
                    .initNumModels(6).numIters(4).mutationsPerParent(2).numCrossovers(2).numRandomMix(3)
                    .maxUnseenPopulation(8).tiers(TIERS).clearEvaluatedModels(false).seed(seed).build().search(), 2,
                    "evolution, seed " + seed);
            SearchResults<Integer> bananas = MoBananasSearch.builder(space(seed), objectives(), dir.resolve("b" + seed),
                    new DummyPredictor(1)).initNumModels(6).numIters(4).mutationsPerParent(4).numCandidates(6)
                    .tiers(TIERS).clearEvaluatedModels(false).seed(seed).build().search();
            assertTiered(bananas, 2, "MO-BANANAS, seed " + seed);
            // Each band gets its share of the candidates (2 of 6) when its leaders have that many new mutations.
            for (int i = 1; i < bananas.iterationNum(); i++) {
                List<ArchaiModel<Integer>> candidates = bananas.results().get(i).models();
                assertThat(candidates.stream().filter(m -> TIERS.tier(m.arch() / 100) == 0).count()).as("seed %d", seed)
                        .isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void promotionTrainsTheBandsLeadersAtTheSearchBudgetOnToTheLargerBudget(@TempDir Path dir) {
        List<String> trainings = new ArrayList<>();
        ProgressiveTraining<Integer, Double> training = new ProgressiveTraining<>((model, budget, previous) -> {
            trainings.add(model.archid() + "@" + budget + (previous.isPresent() ? "+warm" : ""));
            return new ProgressiveTraining.Step<>(model.arch() / 10 % 10 + model.arch() % 10 + budget, budget);
        });
        SearchObjectives<Integer> objectives = new SearchObjectives<Integer>()
                .addObjective("score", training, Direction.MAXIMIZE)
                .addObjective("size", (m, b) -> m.arch() / 100, Direction.MINIMIZE, Cost.CHEAP);
        SearchResults<Integer> results = LocalSearch.builder(space(3), objectives, dir).initNumModels(9).numIters(4)
                .mutationsPerParent(2).tiers(TIERS).budget(1).promotionBudget(3).clearEvaluatedModels(false).seed(3)
                .build().search();
        Set<String> promoted = new HashSet<>();
        for (int i = 0; i < results.iterationNum(); i++) {
            SearchResults.IterationResult<Integer> it = results.results().get(i);
            List<ArchaiModel<Integer>> earlier = new ArrayList<>();
            results.results().subList(0, i).forEach(r -> earlier.addAll(r.models()));
            for (int j = 0; j < it.models().size(); j++) {
                ArchaiModel<Integer> m = it.models().get(j);
                if (it.modelResults().get(j).budget() == 3.0) {
                    assertThat(promoted.add(m.archid())).as("promoted once: %s", m.archid()).isTrue();
                    assertThat(trainings).contains(m.archid() + "@3.0+warm");
                    // It led its band at budget 1 among everything evaluated before it.
                    int band = TIERS.tier(m.arch() / 100);
                    int score = m.arch() / 10 % 10 + m.arch() % 10;
                    assertThat(earlier.stream().filter(e -> TIERS.tier(e.arch() / 100) == band)
                            .mapToInt(e -> e.arch() / 10 % 10 + e.arch() % 10).max().orElseThrow()).isEqualTo(score);
                } else {
                    assertThat(it.modelResults().get(j).budget()).isEqualTo(1.0);
                }
            }
        }
        assertThat(promoted).hasSizeGreaterThanOrEqualTo(3);
        // Promotions come first in their iteration, before its mutations.
        for (SearchResults.IterationResult<Integer> it : results.results().subList(1, results.iterationNum())) {
            assertThat(it.modelResults().stream().map(r -> r.budget()).toList())
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }
        assertThat(results.results().get(1).modelResults()).anyMatch(r -> r.budget() == 3.0);
        assertThatThrownBy(() -> LocalSearch.builder(space(3), objectives, dir)
                .tiers(TIERS).promotionBudget(3).build()).hasMessageContaining("needs size tiers and a smaller budget");
    }

    @Test
    void samplesEachBandEquallyMutatesItsLeaderWithinItAndClimbsFasterThanRandomSearch(@TempDir Path dir) {
        int localTotal = 0;
        int randomTotal = 0;
        for (int seed = 0; seed < 20; seed++) {
            SearchResults<Integer> local = LocalSearch.builder(space(seed), objectives(), dir.resolve("l" + seed))
                    .initNumModels(9).numIters(5).mutationsPerParent(2).tiers(TIERS).clearEvaluatedModels(false).seed(seed).build().search();
            List<ArchaiModel<Integer>> first = local.results().get(0).models();
            assertThat(first).hasSize(9);
            assertThat(List.of(0, 1, 2).stream().map(b -> first.stream().filter(m -> TIERS.tier(m.arch() / 100) == b)
                    .count())).as("seed %d", seed).containsOnly(3L);
            Map<String, ArchaiModel<Integer>> byArchid = new HashMap<>();
            for (ArchaiModel<Integer> m : local.allModels()) {
                Object parent = m.metadata().get("parent");
                if (parent != null) {
                    ArchaiModel<Integer> p = byArchid.get((String) parent);
                    assertThat(p).as("seed %d: the parent of %s was evaluated before it", seed, m.archid())
                            .isNotNull();
                    assertThat(TIERS.tier(m.arch() / 100)).isEqualTo(TIERS.tier(p.arch() / 100));
                }
                byArchid.putIfAbsent(m.archid(), m);
            }
            int evaluations = local.allModels().size();
            SearchResults<Integer> random = RandomSearch.builder(space(seed), objectives(), dir.resolve("r" + seed))
                    .numIters(1).samplesPerIter(evaluations).clearEvaluatedModels(false).seed(seed).build()
                    .search();
            localTotal += java.util.Arrays.stream(bestPerBand(local.allModels())).sum();
            randomTotal += java.util.Arrays.stream(bestPerBand(random.allModels())).sum();
        }
        // Over 20 seeds and the same number of evaluations, the bands' best scores are higher.
        assertThat(localTotal).isGreaterThan(randomTotal);
    }

    @Test
    void screeningTheLeadersMutationsByAParzenScoreClimbsFasterThanTrainingThemAll(@TempDir Path dir) {
        int screenedTotal = 0;
        int plainTotal = 0;
        for (int seed = 0; seed < 20; seed++) {
            SearchResults<Integer> screened = LocalSearch.builder(space(seed), objectives(), dir.resolve("s" + seed))
                    .initNumModels(9).numIters(6).tiers(TIERS).screening(8, 0.25).clearEvaluatedModels(false)
                    .seed(seed).build().search();
            SearchResults<Integer> plain = LocalSearch.builder(space(seed), objectives(), dir.resolve("p" + seed))
                    .initNumModels(9).numIters(6).tiers(TIERS).clearEvaluatedModels(false).seed(seed).build()
                    .search();
            assertTiered(screened, 3, "screened, seed " + seed);
            // One mutation per leader is trained, as without screening: the same number of evaluations.
            assertThat(screened.results().get(1).models()).as("seed %d", seed).hasSizeLessThanOrEqualTo(3);
            assertThat(screened.allModels()).hasSameSizeAs(plain.allModels());
            screenedTotal += java.util.Arrays.stream(bestPerBand(screened.allModels())).sum();
            plainTotal += java.util.Arrays.stream(bestPerBand(plain.allModels())).sum();
        }
        assertThat(screenedTotal).isGreaterThan(plainTotal);
        assertThatThrownBy(() -> LocalSearch.builder(space(3), objectives(), dir).screening(8, 0.25).build())
                .hasMessageContaining("needs size tiers");
        assertThatThrownBy(() -> LocalSearch.builder(space(3), objectives(), dir).screening(8, 1.5))
                .hasMessageContaining("gamma is 1.5");
    }
}
