package org.archai4j.operators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.archai4j.pareto.MultiObjective;
import org.archai4j.space.ArchaiModel;

/**
 * Regularized Evolution's parents: a random sample of {@code sampleSize} of the last {@code historySize}
 * evaluated models (the search's random source), and of those the Pareto frontier, compared as the reference
 * does on 32-bit floats.
 *
 * <pre>{@code
 * new WindowTournament<MyNet>(40, 100).select(context);
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class WindowTournament<M> implements ParentSelection<M> {
    private final int sampleSize;
    private final int historySize;

    /** A sample of {@code sampleSize} from the last {@code historySize} models (both at least 1). */
    public WindowTournament(int sampleSize, int historySize) {
        this.sampleSize = Checks.positive("paretoSampleSize", sampleSize);
        this.historySize = Checks.positive("historySize", historySize);
    }

    @Override
    public List<ArchaiModel<M>> select(BreedingContext<M> context) {
        List<ArchaiModel<M>> all = context.results().allModels();
        int end = all.size();
        List<Integer> window = new ArrayList<>();
        for (int j = Math.max(0, end - historySize); j < end; j++) {
            window.add(j);
        }
        List<Integer> sampled = context.rng().sample(window, Math.min(sampleSize, window.size()));
        Map<String, double[]> values = new LinkedHashMap<>();
        context.results().allEvaluatedObjs().forEach((name, v) ->
                values.put(name, sampled.stream().mapToDouble(j -> v[j]).toArray()));
        List<ArchaiModel<M>> candidates = new ArrayList<>();
        for (int j : sampled) {
            candidates.add(all.get(j));
        }
        return MultiObjective.paretoFrontier(candidates, values, context.results().objectives()).models();
    }
}
