package org.archai4j.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.random.PyRandom;

/** The incrementally kept frontier of {@link SearchResults} is exactly the full computation's. */
class FrontierCacheProperties {
    @Property(tries = 200)
    void incrementalFrontierEqualsTheFullOne(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int iterations) {
        PyRandom rng = new PyRandom(seed);
        SearchObjectives<Void> so = new SearchObjectives<>();
        so.addObjective("a", (m, b) -> 0, false);
        so.addObjective("b", (m, b) -> 0, rng.random() < 0.5);
        SearchResults<Void> results = new SearchResults<>(null, so);
        int id = 0;
        for (int it = 0; it < iterations; it++) {
            int n = 1 + rng.nextInt(6);
            List<ArchaiModel<Void>> models = new ArrayList<>();
            Map<String, double[]> values = new LinkedHashMap<>();
            values.put("a", new double[n]);
            values.put("b", new double[n]);
            for (int i = 0; i < n; i++) {
                models.add(new ArchaiModel<>(null, "m" + id++));
                values.get("a")[i] = rng.random() < 0.05 ? Double.NaN : rng.nextInt(5);
                values.get("b")[i] = rng.nextInt(5);
            }
            results.addIterationResults(models, values);
            ParetoFrontier<Void> cached = results.getParetoFrontier();
            ParetoFrontier<Void> full = results.getParetoFrontier(0, results.iterationNum());
            assertThat(cached.archids()).isEqualTo(full.archids());
            assertThat(cached.indices()).containsExactly(full.indices());
            assertThat(cached.iterationNums()).containsExactly(full.iterationNums());
            assertThat(cached.evaluationResults().get("a")).containsExactly(full.evaluationResults().get("a"));
            assertThat(cached.evaluationResults().get("b")).containsExactly(full.evaluationResults().get("b"));
        }
    }
}
