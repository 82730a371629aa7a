package org.archai4j.operators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.archai4j.space.ArchaiModel;

/**
 * Many mutations of each parent, and only the most promising few kept: a {@link Mutation} makes the candidates
 * (its {@code mutationsPerParent} is the number of candidates), a {@link Surrogate} fitted to the evaluations so
 * far scores them, and the best {@code keepPerParent} of each parent are returned, in the parents' order. The
 * others are cleared. Ties keep the candidate made first.
 *
 * <p>Why: a mutation costs a few milliseconds to make and measure, its training seconds; choosing among sixteen
 * before training one spends the cheap part to spare the dear one (BANANAS' acquisition over mutations, with a
 * surrogate that needs few evaluations).
 *
 * <pre>{@code
 * Variation<MyNet> variation = new ScreenedMutation<>(
 *         new Mutation<MyNet>(16, 40, Mutation.TryCounting.VALID_ATTEMPTS).keeping(tiers),
 *         new ParzenScore<>(tiers, 0.5, 0.25), 1);
 * }</pre>
 *
 * @param <M> the type of the built models
 * @implNote Immutable; as thread-safe as its mutation and surrogate.
 */
public final class ScreenedMutation<M> implements Variation<M> {
    private final Mutation<M> candidates;
    private final Surrogate<M> surrogate;
    private final int keepPerParent;

    /**
     * @param candidates makes the candidates of each parent (recording their parent, as {@link Mutation} does)
     * @param surrogate scores them
     * @param keepPerParent the candidates kept per parent (at least 1)
     */
    public ScreenedMutation(Mutation<M> candidates, Surrogate<M> surrogate, int keepPerParent) {
        this.candidates = Objects.requireNonNull(candidates, "candidates");
        this.surrogate = Objects.requireNonNull(surrogate, "surrogate");
        this.keepPerParent = Checks.positive("keepPerParent", keepPerParent);
    }

    @Override
    public List<ArchaiModel<M>> vary(BreedingContext<M> context, List<ArchaiModel<M>> parents) {
        List<ArchaiModel<M>> made = candidates.vary(context, parents);
        if (made.isEmpty()) {
            return made;
        }
        ToDoubleFunction<ArchaiModel<M>> score = surrogate.fit(context);
        Map<Object, List<ArchaiModel<M>>> byParent = new LinkedHashMap<>();
        for (ArchaiModel<M> parent : parents) {
            byParent.putIfAbsent(parent.archid(), new ArrayList<>());
        }
        for (ArchaiModel<M> child : made) {
            byParent.computeIfAbsent(child.metadata().get("parent"), p -> new ArrayList<>()).add(child);
        }
        List<ArchaiModel<M>> kept = new ArrayList<>();
        for (List<ArchaiModel<M>> children : byParent.values()) {
            Map<ArchaiModel<M>, Double> scores = new LinkedHashMap<>();
            children.forEach(c -> scores.put(c, score.applyAsDouble(c)));
            List<ArchaiModel<M>> best = children.stream()
                    .sorted(Comparator.comparingDouble((ArchaiModel<M> c) -> scores.get(c)).reversed())
                    .limit(keepPerParent).toList();
            kept.addAll(best);
            children.stream().filter(c -> !best.contains(c)).forEach(ArchaiModel::clear);
        }
        return kept;
    }
}
