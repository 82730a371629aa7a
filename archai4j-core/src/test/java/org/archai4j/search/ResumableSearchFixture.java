package org.archai4j.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.archai4j.evaluation.EvaluationService;
import org.archai4j.objectives.Constraint;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.outputs.ResultsWriter;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;

/**
 * A small seeded search with a journal, run in its own JVM by {@link ResumeAfterKillTest}: four iterations of
 * five new valid models, a cheap constrained objective and a slow expensive one.
 * Arguments: output directory, milliseconds per expensive evaluation.
 */
public final class ResumableSearchFixture {
    private ResumableSearchFixture() {
    }

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        long delay = Long.parseLong(args[1]);
        ConfigSearchSpace<Integer> space = ConfigSearchSpace.builder(
                ModelFactory.of(ImageClassificationSpace::outputChannels), ImageClassificationSpace.tree()).seed(7)
                .build();
        SearchObjectives<Integer> objectives = new SearchObjectives<>();
        objectives.addObjective("channels", (m, b) -> m.arch(), Direction.MINIMIZE, Cost.CHEAP, Constraint.between(0, 100));
        objectives.addObjective("slow", (m, b) -> {
            Thread.sleep(delay);
            return new PyRandom(m.archid().hashCode()).random();
        }, Direction.MAXIMIZE);
        EvaluationService<Integer> evaluations = new EvaluationService<>(objectives);
        evaluations.attachJournal(out);
        SearchResults<Integer> results = new SearchResults<>(space, objectives);
        Set<String> seen = new HashSet<>();
        for (int it = 1; it <= 4; it++) {
            List<ArchaiModel<Integer>> batch = new ArrayList<>();
            while (batch.size() < 5) {
                ArchaiModel<Integer> m = space.randomSample();
                if (evaluations.isModelValid(m) && seen.add(m.archid())) {
                    batch.add(m);
                }
            }
            results.addIterationResults(batch, evaluations.evalAllObjs(batch));
            ResultsWriter.saveSearchState(results, out.resolve("search_state_" + it + ".csv"));
        }
        evaluations.close();
    }
}
