package org.archai4j.algos;

import java.nio.file.Path;
import java.util.Objects;
import org.archai4j.evaluation.EvaluationService;
import org.archai4j.io.RunLock;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.Checks;
import org.archai4j.search.Limit;
import org.archai4j.search.Searcher;
import org.archai4j.space.DiscreteSearchSpace;

/**
 * The settings every algorithm has, with the reference's defaults: 10 iterations, seed 1, evaluated models
 * cleared after each iteration, Pareto model weights saved (when the space can), the reference's files written;
 * and no other limit. Builders validate every parameter as it is set.
 *
 * @param <M> the type of the built models
 * @param <B> the concrete builder
 */
public abstract class AlgorithmBuilder<M, B extends AlgorithmBuilder<M, B>> {
    final DiscreteSearchSpace<M> searchSpace;
    final SearchObjectives<M> objectives;
    final Path outputDir;
    int numIters = 10;
    long seed = 1;
    boolean clearEvaluatedModels = true;
    boolean saveParetoModelWeights = true;
    boolean referenceFiles = true;
    /** The rounds of random sampling at most when looking for models that meet the constraints. */
    public static final int DEFAULT_SAMPLING_ROUNDS = 100;

    int samplingRounds = DEFAULT_SAMPLING_ROUNDS;
    Double budget;
    Limit limit;
    EvaluationService<M> evaluations;
    RunLock runLock;
    String runIdentity;

    protected AlgorithmBuilder(DiscreteSearchSpace<M> searchSpace, SearchObjectives<M> objectives, Path outputDir) {
        this.searchSpace = Objects.requireNonNull(searchSpace, "searchSpace");
        this.objectives = Objects.requireNonNull(objectives, "objectives");
        this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
    }

    @SuppressWarnings("unchecked")
    protected B self() {
        return (B) this;
    }

    /** The number of iterations (at least 1). */
    public B numIters(int numIters) {
        this.numIters = positive("numIters", numIters);
        return self();
    }

    /** The seed of the search's own random source. */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** Whether built models are dropped once evaluated, to save memory (default true). */
    public B clearEvaluatedModels(boolean clear) {
        this.clearEvaluatedModels = clear;
        return self();
    }

    /** Whether weights of Pareto models are saved with their arch files (default true; skipped if impossible). */
    public B saveParetoModelWeights(boolean save) {
        this.saveParetoModelWeights = save;
        return self();
    }

    /**
     * The budget every evaluation gets (epochs, for a training evaluator; none by default): a smaller one looks
     * at more networks, less closely. Successive Halving sets its budgets with {@code initBudget} instead.
     */
    public B budget(double budget) {
        if (!(budget > 0) || Double.isInfinite(budget)) {
            throw new IllegalArgumentException("budget is " + budget + "; expected a positive number");
        }
        this.budget = budget;
        return self();
    }

    /**
     * A limit that also stops the search (time, evaluations, a stalled frontier, a predicate); several calls
     * combine with {@link Limit#or}: the first reached stops it.
     */
    public B limit(Limit limit) {
        Objects.requireNonNull(limit, "limit");
        this.limit = this.limit == null ? limit : this.limit.or(limit);
        return self();
    }

    /**
     * Rounds of random sampling before the search settles, with a warning, for fewer valid models than it asked
     * for (default 100; Evolution-Pareto's 5, the reference's).
     */
    public B samplingRounds(int rounds) {
        this.samplingRounds = positive("samplingRounds", rounds);
        return self();
    }

    /**
     * Whether the reference's per-iteration files ({@code search_state_<n>.csv}, Pareto arch files) are written
     * (default true).
     */
    public B referenceFiles(boolean write) {
        this.referenceFiles = write;
        return self();
    }

    /**
     * The evaluation service to use (its cache, journal and listeners), which the caller then owns and closes; by
     * default the search makes one from the objectives, with its journal in the output directory, and closes it
     * (and the evaluators' thread pools) when it ends.
     */
    public B evaluations(EvaluationService<M> evaluations) {
        if (evaluations.objectives() != objectives) {
            throw new IllegalArgumentException("the evaluation service measures other objectives than the search's");
        }
        this.evaluations = evaluations;
        return self();
    }

    /**
     * The output directory's lock, already held by the caller, who releases it (the command line locks the
     * directory before it writes anything there); by default the search locks the directory while it runs.
     */
    public B runLock(RunLock lock) {
        if (!lock.directory().equals(outputDir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the lock is of " + lock.directory() + ", not of the output directory "
                    + outputDir);
        }
        this.runLock = lock;
        return self();
    }

    /**
     * What identifies this search (a hash of its spec, say): written in the journal's header, and a journal of
     * another search in the output directory is refused instead of replayed. By default the journal names no run.
     */
    public B runIdentity(String identity) {
        this.runIdentity = Objects.requireNonNull(identity, "identity");
        return self();
    }

    /** Whether the reference's files are written. */
    /**
     * The search, ready to run: every parameter is checked here, and an impossible combination is an
     * {@link IllegalArgumentException} naming it.
     */
    public abstract Searcher<M> build();

    boolean referenceFiles() {
        return referenceFiles;
    }

    static int positive(String name, int value) {
        return Checks.positive(name, value);
    }
}
