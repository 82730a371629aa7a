package org.archai4j.algos;

import java.nio.file.Path;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.space.DiscreteSearchSpace;

/**
 * The settings of algorithms that mutate their parents: how many mutations of a parent are tried before it is
 * given up (default 20; MO-BANANAS' 30, the reference's).
 *
 * @param <M> the type of the built models
 * @param <B> the concrete builder
 */
public abstract class MutationBuilder<M, B extends MutationBuilder<M, B>> extends AlgorithmBuilder<M, B> {
    int mutationPatience = 20;

    protected MutationBuilder(DiscreteSearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
        super(space, objectives, outputDir);
    }

    /** Mutations tried per parent (at least 1). */
    public B mutationPatience(int n) {
        this.mutationPatience = positive("mutationPatience", n);
        return self();
    }
}
