package org.archai4j.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.archai4j.objectives.AsyncModelEvaluator;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.pareto.MultiObjective;
import org.archai4j.pareto.ParetoFrontier;
import org.archai4j.space.ArchaiModel;
import org.junit.jupiter.api.Test;

/** Archai's API tests of spec sections 6.3 and 6.4 not covered elsewhere. */
class SearchApiPortTest {
    @Test
    void modelEvaluators() throws Exception {
        ModelEvaluator<Void> evaluator = (model, budget) -> 0.0;
        assertThat(evaluator.evaluate(new ArchaiModel<>(null, "a"), null)).isZero();
        AsyncModelEvaluator<Void> async = new AsyncModelEvaluator<>() {
            @Override
            public void send(ArchaiModel<Void> model, Double budget) {
            }

            @Override
            public List<Double> fetchAll() {
                return List.of();
            }
        };
        async.send(new ArchaiModel<>(null, "a"), null);
        assertThat(async.fetchAll()).isEmpty();
    }

    @Test
    void searcherReturnsResultsAndCallsIterationCallbacks() {
        List<Integer> started = new ArrayList<>();
        List<SearchProgress> progress = new ArrayList<>();
        Searcher<Void> searcher = new Searcher<>() {
            @Override
            public List<Candidate<Void>> ask() {
                return List.of();
            }

            @Override
            public void tell(Candidate<Void> candidate, org.archai4j.evaluation.ModelResult result) {
                throw new IllegalArgumentException("nothing was asked");
            }

            @Override
            public boolean isDone() {
                return true;
            }

            @Override
            public java.util.Optional<StopReason> stopReason() {
                return java.util.Optional.of(StopReason.COMPLETED);
            }

            @Override
            public SearchResults<Void> results() {
                return new SearchResults<>(null, new SearchObjectives<>());
            }

            @Override
            public SearchResults<Void> search() {
                for (int i = 1; i <= 2; i++) {
                    onStartIteration(i);
                    reportProgress(new SearchProgress(i, 2, i * 5L, 10, List.of()));
                }
                return new SearchResults<>(null, new SearchObjectives<>());
            }
        };
        searcher.subscribeStartIteration(started::add);
        searcher.addProgressListener(progress::add);
        assertThat(searcher.search()).isInstanceOf(SearchResults.class);
        assertThat(started).containsExactly(1, 2);
        assertThat(progress).extracting(SearchProgress::evaluationsDone).containsExactly(5L, 10L);
    }

    /** {@code tests/discrete_search/utils/test_multi_objective.py}. */
    @Test
    void multiObjectiveUtilities() {
        List<ArchaiModel<Void>> models = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            models.add(new ArchaiModel<>(null, "m" + i));
        }
        SearchObjectives<Void> objectives = new SearchObjectives<>();
        objectives.addObjective("obj1", (m, b) -> 0, Direction.MAXIMIZE);
        objectives.addObjective("obj2", (m, b) -> 0, Direction.MINIMIZE);
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("obj1", new double[] {1, 2, 3, 4, 5});
        values.put("obj2", new double[] {5, 4, 3, 2, 1});
        ParetoFrontier<Void> frontier = MultiObjective.paretoFrontier(models, values, objectives);
        assertThat(frontier.models()).hasSize(frontier.indices().length);
        assertThat(frontier.evaluationResults().get("obj1")).hasSize(frontier.indices().length);
        assertThat(frontier.archids()).containsExactly("m4");
        List<ParetoFrontier<Void>> fronts = MultiObjective.nonDominatedSorting(models, values, objectives);
        assertThat(fronts).hasSize(5);
        for (ParetoFrontier<Void> front : fronts) {
            assertThat(front.models()).hasSize(front.indices().length);
            assertThat(front.evaluationResults().get("obj2")).hasSize(front.indices().length);
        }
        assertThat(fronts.get(0).archids()).containsExactly("m4");
    }
}
