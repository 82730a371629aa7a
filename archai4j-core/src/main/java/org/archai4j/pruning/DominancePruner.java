package org.archai4j.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.archai4j.objectives.Direction;
import org.archai4j.pareto.Pareto;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.space.ArchaiModel;

/**
 * The median rule for several objectives: a training stops at a step when at least a fraction ({@code dominatedBy},
 * one half by default) of the models that reported at that same step dominate it. A model's point at a step is the
 * reported value together with its fixed objectives (parameters, MACs: whatever does not change with training),
 * measured once. With no fixed objective and one half this is Optuna's {@code MedianPruner}: stop when worse than
 * the median of the others at this step. With fixed objectives a small network that learns slowly is not stopped
 * for being behind large ones; it is stopped only when networks at least as small are ahead of it too, which is
 * what "clearly bad" means on a frontier.
 *
 * <p>Nothing is stopped at a step until {@code minReports} models have reported there. Reports are kept in memory
 * for the life of the pruner: a resumed search starts with none, so it prunes less until it has seen enough.
 *
 * <pre>{@code
 * DominancePruner<DjlNetwork> pruner = DominancePruner.<DjlNetwork>builder(Direction.MAXIMIZE)
 *         .fixedObjective(new DjlNumParameters(), Direction.MINIMIZE).minReports(8).build();
 * }</pre>
 *
 * @param <M> the type of the built models
 * @implNote Thread-safe: reports are recorded and compared under the pruner's lock; fixed objectives are measured
 *     outside it and cached by archid.
 */
public final class DominancePruner<M> implements Pruner<M> {
    private final Direction direction;
    private final List<ModelEvaluator<M>> fixed;
    private final List<Direction> fixedDirections;
    private final double dominatedBy;
    private final int minReports;
    private final Map<String, double[]> fixedValues = new ConcurrentHashMap<>();
    /** Per step (rounded to 1e-9, so that 0.1 + 0.2 meets 0.3), the points reported there, minimised. */
    private final Map<Long, List<double[]>> reports = new TreeMap<>();
    private int pruned;

    private DominancePruner(Builder<M> b) {
        this.direction = b.direction;
        this.fixed = List.copyOf(b.fixed);
        this.fixedDirections = List.copyOf(b.fixedDirections);
        this.dominatedBy = b.dominatedBy;
        this.minReports = b.minReports;
    }

    /** A builder for a reported value that has {@code direction}. */
    public static <M> Builder<M> builder(Direction direction) {
        return new Builder<>(direction);
    }

    @Override
    public boolean shouldPrune(ArchaiModel<M> model, double step, double value) {
        double[] point = point(model, value);
        long key = Math.round(step * 1e9);
        synchronized (this) {
            List<double[]> earlier = reports.computeIfAbsent(key, k -> new ArrayList<>());
            boolean prune = false;
            if (earlier.size() >= minReports) {
                int dominating = 0;
                for (double[] other : earlier) {
                    if (Pareto.dominates(other, point)) {
                        dominating++;
                    }
                }
                prune = dominating >= Math.max(1, Math.ceil(dominatedBy * earlier.size()));
            }
            earlier.add(point);
            if (prune) {
                pruned++;
            }
            return prune;
        }
    }

    /** How many trainings this pruner has stopped. */
    public synchronized int pruned() {
        return pruned;
    }

    /** The model's point with every objective turned into one to minimise. */
    private double[] point(ArchaiModel<M> model, double value) {
        double[] constants = fixedValues.computeIfAbsent(model.archid(), id -> {
            double[] v = new double[fixed.size()];
            for (int i = 0; i < v.length; i++) {
                try {
                    v[i] = minimised(fixedDirections.get(i), fixed.get(i).evaluate(model, null));
                } catch (Exception e) {
                    throw new IllegalStateException("pruning " + id + ": " + e.getMessage(), e);
                }
            }
            return v;
        });
        double[] point = new double[constants.length + 1];
        point[0] = minimised(direction, value);
        System.arraycopy(constants, 0, point, 1, constants.length);
        return point;
    }

    private static double minimised(Direction direction, double value) {
        return direction == Direction.MAXIMIZE ? -value : value;
    }

    /** Builds a {@link DominancePruner}. */
    public static final class Builder<M> {
        private final Direction direction;
        private final List<ModelEvaluator<M>> fixed = new ArrayList<>();
        private final List<Direction> fixedDirections = new ArrayList<>();
        private double dominatedBy = 0.5;
        private int minReports = 5;

        private Builder(Direction direction) {
            this.direction = Objects.requireNonNull(direction, "direction");
        }

        /** An objective that training does not change (parameters, MACs), measured once per architecture. */
        public Builder<M> fixedObjective(ModelEvaluator<M> evaluator, Direction direction) {
            fixed.add(Objects.requireNonNull(evaluator, "evaluator"));
            fixedDirections.add(Objects.requireNonNull(direction, "direction"));
            return this;
        }

        /** The fraction of the models reported at a step that must dominate a model to stop it (default 0.5). */
        public Builder<M> dominatedBy(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("dominatedBy is " + fraction + "; expected more than 0, at most 1");
            }
            this.dominatedBy = fraction;
            return this;
        }

        /** How many models must have reported at a step before any is stopped there (default 5). */
        public Builder<M> minReports(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("minReports is " + n + "; expected at least 1");
            }
            this.minReports = n;
            return this;
        }

        public DominancePruner<M> build() {
            return new DominancePruner<>(this);
        }
    }
}
