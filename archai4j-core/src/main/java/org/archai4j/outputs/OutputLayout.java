package org.archai4j.outputs;

/**
 * Where an algorithm's reference files go, as each Archai algorithm names them.
 *
 * <pre>{@code
 * OutputLayout.STANDARD;             // search_state_1.csv, pareto_models_iter_1/, ... (Random, Evolution-Pareto, ...)
 * OutputLayout.SUCCESSIVE_HALVING;   // search_state_0.csv, models_iter_0/ (every evaluated model)
 * }</pre>
 *
 * @param firstIndex the number in the file names of the first iteration (1 or 0)
 * @param paretoModelDirs whether {@code pareto_models_iter_<n>/} holds the frontier's arch files (and weights)
 * @param evaluatedModelDirs whether {@code models_iter_<n>/} holds the arch file of every model evaluated
 * @param onlyWhenBred whether an iteration's files are written only when the algorithm bred a next population
 *                     from it (MO-BANANAS saves at the end of an iteration, so the one it stops in has none)
 */
public record OutputLayout(int firstIndex, boolean paretoModelDirs, boolean evaluatedModelDirs,
                           boolean onlyWhenBred) {
    /** Random, Evolution-Pareto, Local Search, Regularized Evolution. */
    public static final OutputLayout STANDARD = new OutputLayout(1, true, false, false);
    /** Successive Halving. */
    public static final OutputLayout SUCCESSIVE_HALVING = new OutputLayout(0, false, true, false);
    /** MO-BANANAS. */
    public static final OutputLayout MO_BANANAS = new OutputLayout(0, false, false, true);
}
