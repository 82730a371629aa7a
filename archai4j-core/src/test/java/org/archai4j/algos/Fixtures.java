package org.archai4j.algos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.archai4j.evaluation.EvaluationService;
import org.archai4j.objectives.Constraint;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.EvaluationFunction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.random.PyRandom;
import org.archai4j.search.SearchResults;
import org.archai4j.search.SearchStateTable;
import org.archai4j.space.ArchaiModel;

/** Archai's algorithm test fixtures (spec section 6.2) and the invariants its tests assert. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * {@code Random1}: {@code Random(1).random()} made anew on every call (a constant), cheap, minimised, in
     * [0, 0.4]; {@code Random2}: the {@code Random(2)} stream, expensive, maximised; {@code Random3 constraint}:
     * the {@code Random(3)} stream in [0, 0.6].
     */
    static SearchObjectives<Void> objectives() {
        PyRandom r2 = new PyRandom(2);
        PyRandom r3 = new PyRandom(3);
        SearchObjectives<Void> so = new SearchObjectives<>();
        so.addObjective("Random1", EvaluationFunction.of((m, b) -> new PyRandom(1).random()), Direction.MINIMIZE, Cost.CHEAP,
                Constraint.between(0.0, 0.4));
        so.addObjective("Random2", EvaluationFunction.of((m, b) -> r2.random()), Direction.MAXIMIZE, Cost.EXPENSIVE);
        so.addConstraint("Random3 constraint", EvaluationFunction.of((m, b) -> r3.random()),
                Constraint.between(0.0, 0.6));
        return so;
    }

    /** The invariants of the reference's algorithm tests. */
    static void assertInvariants(Path out, SearchResults<Void> results, EvaluationService<Void> so) throws Exception {
        try (var files = Files.list(out)) {
            assertThat(files.count()).isGreaterThan(0);
        }
        SearchStateTable table = results.searchStateTable();
        for (Object v : table.column("Random1")) {
            assertThat((Double) v).isBetween(0.0, 0.4);
        }
        List<ArchaiModel<Void>> all = results.results().stream().flatMap(r -> r.models().stream()).toList();
        assertThat(so.validateConstraints(all).validIndices()).hasSize(all.size());
    }
}
