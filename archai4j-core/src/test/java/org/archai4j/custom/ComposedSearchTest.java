package org.archai4j.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.archai4j.algos.ComposedSearch;
import org.archai4j.algos.EvolutionParetoSearch;
import org.archai4j.config.ArchConfig;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.Crossover;
import org.archai4j.operators.Mutation;
import org.archai4j.operators.ParetoParents;
import org.archai4j.operators.RandomSampling;
import org.archai4j.operators.ShuffleTruncation;
import org.archai4j.search.Limits;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user assembles an algorithm from the components, outside archai4j's packages. */
class ComposedSearchTest {
    private static ConfigSearchSpace<Integer> space() {
        return ConfigSearchSpace.builder(ModelFactory.of((ArchConfig c) -> ImageClassificationSpace.outputChannels(c)),
                ImageClassificationSpace.tree()).seed(11).build();
    }

    private static SearchObjectives<Integer> objectives() {
        return new SearchObjectives<Integer>()
                .addObjective("channels", (m, b) -> m.arch(), Direction.MINIMIZE, Cost.CHEAP)
                .addObjective("score", (m, b) -> (m.archid().hashCode() & 0xffff) / 65536.0, Direction.MAXIMIZE);
    }

    @Test
    void evolutionParetoRebuiltFromComponentsFollowsTheSameTrajectory(@TempDir Path dir) {
        Mutation<Integer> mutation = new Mutation<>(1, 20, Mutation.TryCounting.EVERY_ATTEMPT);
        Crossover<Integer> crossover = new Crossover<>(5, 30);
        RandomSampling<Integer> randomMix = new RandomSampling<>(5, 5, false);
        ShuffleTruncation<Integer> survival = new ShuffleTruncation<>(100);
        SearchResults<Integer> composed = ComposedSearch.builder(space(), objectives(), dir.resolve("composed"))
                .initialPopulation(new RandomSampling<>(10, 5, false))
                .breeding((ctx, evaluated) -> {
                    List<ArchaiModel<Integer>> parents = new ParetoParents<Integer>().select(ctx);
                    List<ArchaiModel<Integer>> mutated = mutation.vary(ctx, parents);
                    List<ArchaiModel<Integer>> children = new ArrayList<>(crossover.vary(ctx, parents));
                    children.addAll(mutated);
                    children.addAll(randomMix.vary(ctx, parents));
                    return survival.survive(ctx, children);
                })
                .numIters(4).seed(3).build().search();
        SearchResults<Integer> builtIn = EvolutionParetoSearch.builder(space(), objectives(), dir.resolve("builtin"))
                .numIters(4).seed(3).build().search();
        for (int i = 0; i < 4; i++) {
            assertThat(composed.results().get(i).archids()).isEqualTo(builtIn.results().get(i).archids());
        }
        assertThat(composed.searchStateTable().columns()).contains("parent", "parents");
    }

    @Test
    void aComposedSearchHasLimitsAndValidatesItsParts(@TempDir Path dir) {
        ComposedSearch<Integer> search = ComposedSearch.builder(space(), objectives(), dir)
                .initialPopulation(new RandomSampling<>(6, 5, false))
                .breeding((ctx, evaluated) -> new Mutation<Integer>(2, 20, Mutation.TryCounting.VALID_ATTEMPTS)
                        .vary(ctx, evaluated))
                .numIters(50).limit(Limits.byEvaluations(20)).build();
        SearchResults<Integer> r = search.search();
        int total = r.results().stream().mapToInt(it -> it.models().size()).sum();
        int last = r.results().get(r.iterationNum() - 1).models().size();
        assertThat(total).as("stopped at the first iteration that reached 20 evaluations").isGreaterThanOrEqualTo(20);
        assertThat(total - last).isLessThan(20);
        assertThatThrownBy(() -> ComposedSearch.builder(space(), objectives(), dir).build())
                .hasMessageContaining("initialPopulation");
    }
}
