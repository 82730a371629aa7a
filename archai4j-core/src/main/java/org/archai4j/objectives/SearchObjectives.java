package org.archai4j.objectives;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The objectives and constraints of a search: what is measured, which way is better and what a valid model
 * must meet. Archai's {@code SearchObjectives}, as a definition only: measuring them (cache, journal, replay,
 * thread pools) is the job of an {@code org.archai4j.evaluation.EvaluationService} built over it.
 *
 * <pre>{@code
 * SearchObjectives<MyNet> objectives = new SearchObjectives<MyNet>()
 *         .addObjective("params", paramCount, Direction.MINIMIZE, Cost.CHEAP, Constraint.between(0, 1e6))
 *         .addObjective("accuracy", ParallelEvaluator.of(train).build(), Direction.MAXIMIZE);  // expensive
 * }</pre>
 *
 * @implNote Not thread-safe while it is being defined; a search only reads it.
 * @param <M> the type of the built models
 */
public final class SearchObjectives<M> {
    private final Map<String, SearchObjective<M>> objectives = new LinkedHashMap<>();
    private final Map<String, SearchConstraint<M>> constraints = new LinkedHashMap<>();

    /** An expensive objective (Archai's default). */
    public SearchObjectives<M> addObjective(String name, ModelEvaluator<M> evaluator, Direction direction) {
        return addObjective(name, evaluator, direction, Cost.EXPENSIVE, null);
    }

    /** An objective, expensive or cheap. */
    public SearchObjectives<M> addObjective(String name, ModelEvaluator<M> evaluator, Direction direction,
                                            Cost cost) {
        return addObjective(name, evaluator, direction, cost, null);
    }

    /**
     * An objective; a cheap one may carry a constraint that models must meet to be valid.
     *
     * @throws IllegalArgumentException for a name already used, or a constraint on an expensive objective
     */
    public SearchObjectives<M> addObjective(String name, ModelEvaluator<M> evaluator, Direction direction,
                                            Cost cost, Constraint constraint) {
        return add(new SearchObjective<>(checkName(name), Objects.requireNonNull(evaluator, "evaluator"), null,
                direction, cost, constraint));
    }

    /** An expensive objective measured asynchronously. */
    public SearchObjectives<M> addObjective(String name, AsyncModelEvaluator<M> evaluator, Direction direction) {
        return addObjective(name, evaluator, direction, Cost.EXPENSIVE, null);
    }

    /** An objective measured asynchronously. */
    public SearchObjectives<M> addObjective(String name, AsyncModelEvaluator<M> evaluator, Direction direction,
                                            Cost cost, Constraint constraint) {
        return add(new SearchObjective<>(checkName(name), null, Objects.requireNonNull(evaluator, "evaluator"),
                direction, cost, constraint));
    }

    /**
     * An expensive objective measured outside archai4j: a search driven by {@code ask}/{@code tell} receives
     * its values with {@code tell}; {@code search()} reports each of its evaluations as failed.
     */
    public SearchObjectives<M> addReportedObjective(String name, Direction direction) {
        return add(new SearchObjective<>(checkName(name), null, null, direction, Cost.EXPENSIVE, null));
    }

    private SearchObjectives<M> add(SearchObjective<M> objective) {
        objectives.put(objective.name(), objective);
        return this;
    }

    /** A constraint that is not an objective. */
    public SearchObjectives<M> addConstraint(String name, ModelEvaluator<M> evaluator, Constraint constraint) {
        constraints.put(checkName(name), new SearchConstraint<>(name, Objects.requireNonNull(evaluator, "evaluator"),
                null, Objects.requireNonNull(constraint, "constraint")));
        return this;
    }

    /** A constraint measured asynchronously. */
    public SearchObjectives<M> addConstraint(String name, AsyncModelEvaluator<M> evaluator, Constraint constraint) {
        constraints.put(checkName(name), new SearchConstraint<>(name, null,
                Objects.requireNonNull(evaluator, "evaluator"), Objects.requireNonNull(constraint, "constraint")));
        return this;
    }

    private String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (objectives.containsKey(name)) {
            throw new IllegalArgumentException("There is already an objective " + name + ".");
        }
        if (constraints.containsKey(name)) {
            throw new IllegalArgumentException("There is already an constraint named " + name + ".");
        }
        return name;
    }

    /** All objectives, in the order they were added. */
    public Map<String, SearchObjective<M>> objectives() {
        return Collections.unmodifiableMap(objectives);
    }

    /** The objective names, in order. */
    public List<String> objectiveNames() {
        return List.copyOf(objectives.keySet());
    }

    /** The cheap objectives, in order. */
    public Map<String, SearchObjective<M>> cheapObjectives() {
        return withCost(Cost.CHEAP);
    }

    /** The expensive objectives, in order. */
    public Map<String, SearchObjective<M>> expensiveObjectives() {
        return withCost(Cost.EXPENSIVE);
    }

    private Map<String, SearchObjective<M>> withCost(Cost cost) {
        Map<String, SearchObjective<M>> out = new LinkedHashMap<>();
        objectives.forEach((name, o) -> {
            if (o.cost() == cost) {
                out.put(name, o);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** The extra constraints (not objectives), in order. */
    public Map<String, SearchConstraint<M>> constraints() {
        return Collections.unmodifiableMap(constraints);
    }
}
