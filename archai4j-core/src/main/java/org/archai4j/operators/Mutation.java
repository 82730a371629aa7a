package org.archai4j.operators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.archai4j.space.ArchaiModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Up to {@code mutationsPerParent} new valid mutations of each parent, within {@code patience} tries per
 * parent; mutations record {@code parent} and {@code generation}. Mutations of different parents with the same
 * archid count once (the later one replaces the earlier in its place, as Python's dict update does).
 *
 * <pre>{@code
 * new Mutation<MyNet>(1, 20, Mutation.TryCounting.VALID_ATTEMPTS).vary(context, parents);   // Local Search's
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class Mutation<M> implements Variation<M> {
    private static final Logger LOG = LoggerFactory.getLogger(Mutation.class);

    /** With {@link TryCounting#VALID_ATTEMPTS}: the bound on all attempts is this many times the patience. */
    public static final int INVALID_ATTEMPTS_PER_TRY = 50;

    /** How a mutation loop counts its attempts against its patience. */
    public enum TryCounting {
        /** Every attempt counts (Archai's Evolution-Pareto). */
        EVERY_ATTEMPT,
        /**
         * Only attempts that meet the constraints count (Archai's Local Search, Regularized Evolution and
         * MO-BANANAS); invalid ones are also bounded, at {@link #INVALID_ATTEMPTS_PER_TRY} per unit of patience,
         * where Archai would loop forever.
         */
        VALID_ATTEMPTS
    }

    /**
     * Which mutations of a parent may be kept, beyond the constraints (a child in its parent's size band, say,
     * as {@link SizeTiers} asks); a child it refuses counts as one failing the constraints.
     */
    @FunctionalInterface
    public interface Kinship<M> {
        /** Whether {@code child}, a valid mutation of {@code parent}, may be kept. */
        boolean accepts(BreedingContext<M> context, ArchaiModel<M> parent, ArchaiModel<M> child);
    }

    private final int mutationsPerParent;
    private final int patience;
    private final TryCounting counting;
    private final Kinship<M> kinship;

    /**
     * @param mutationsPerParent mutations wanted per parent (0 gives none, as in Archai)
     * @param patience tries per parent
     * @param counting which attempts count as tries
     */
    public Mutation(int mutationsPerParent, int patience, TryCounting counting) {
        this(mutationsPerParent, patience, counting, (context, parent, child) -> true);
    }

    private Mutation(int mutationsPerParent, int patience, TryCounting counting, Kinship<M> kinship) {
        this.mutationsPerParent = Checks.nonNegative("mutationsPerParent", mutationsPerParent);
        this.patience = Checks.positive("mutationPatience", patience);
        this.counting = Objects.requireNonNull(counting, "counting");
        this.kinship = Objects.requireNonNull(kinship, "kinship");
    }

    /** The same mutation, keeping only the children {@code kinship} accepts. */
    public Mutation<M> keeping(Kinship<M> kinship) {
        return new Mutation<>(mutationsPerParent, patience, counting, kinship);
    }

    @Override
    public List<ArchaiModel<M>> vary(BreedingContext<M> context, List<ArchaiModel<M>> parents) {
        Map<String, ArchaiModel<M>> mutations = new LinkedHashMap<>();
        int maxAttempts = counting == TryCounting.EVERY_ATTEMPT ? patience : patience * INVALID_ATTEMPTS_PER_TRY;
        for (ArchaiModel<M> parent : parents) {
            Map<String, ArchaiModel<M>> candidates = new LinkedHashMap<>();
            int tries = 0;
            int attempts = 0;
            while (candidates.size() < mutationsPerParent && tries < patience && attempts < maxAttempts) {
                attempts++;
                if (counting == TryCounting.EVERY_ATTEMPT) {
                    tries++;
                }
                ArchaiModel<M> child = context.evolutionarySpace().mutate(parent);
                child.metadata().put("parent", parent.archid());
                if (!context.evaluations().isModelValid(child) || !kinship.accepts(context, parent, child)) {
                    continue;
                }
                if (counting == TryCounting.VALID_ATTEMPTS) {
                    tries++;
                }
                if (!context.seen(child.archid())) {
                    child.metadata().put("generation", context.iteration());
                    candidates.put(child.archid(), child);
                }
            }
            if (attempts >= maxAttempts && counting == TryCounting.VALID_ATTEMPTS) {
                LOG.warn("parent {}: gave up after {} mutations, {} of them failing the constraints or refused",
                        parent.archid(), attempts, attempts - tries);
            }
            mutations.putAll(candidates);
        }
        if (mutations.isEmpty() && !parents.isEmpty() && mutationsPerParent > 0) {
            LOG.warn("no new valid mutations of {} parents after {} tries each", parents.size(), patience);
        }
        return new ArrayList<>(mutations.values());
    }
}
