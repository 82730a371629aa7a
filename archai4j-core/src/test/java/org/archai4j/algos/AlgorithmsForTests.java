package org.archai4j.algos;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.search.Searcher;

/** Small searches for tests outside this package. */
public final class AlgorithmsForTests {
    private AlgorithmsForTests() {
    }

    /** A two-iteration random search of 3 models each; {@code evaluations} counts the expensive evaluations. */
    public static Searcher<Integer> random(Path out, AtomicInteger evaluations) {
        SearchObjectives<Integer> so = new SearchObjectives<Integer>()
                .addObjective("channels", (m, b) -> m.arch(), Direction.MINIMIZE, Cost.CHEAP)
                .addObjective("score", (m, b) -> evaluations.incrementAndGet(), Direction.MAXIMIZE);
        return RandomSearch.builder(AlgorithmResumeTest.space(), so, out).numIters(2).samplesPerIter(3).build();
    }
}
