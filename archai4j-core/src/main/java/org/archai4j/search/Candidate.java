package org.archai4j.search;

import java.util.Objects;
import java.util.Optional;
import org.archai4j.config.ArchConfig;
import org.archai4j.space.ArchaiModel;

/**
 * A model a search asks to be evaluated: which architecture, with which budget, in which iteration. Hand it back
 * to {@link Searcher#tell} with its result.
 *
 * <pre>{@code
 * for (Candidate<MyNet> c : searcher.ask()) {
 *     searcher.tell(c, ModelResult.of(Map.of("accuracy", myTraining(c.config().orElseThrow(), c.budget()))));
 * }
 * }</pre>
 *
 * @param iteration the (1-based) iteration that asks for it
 * @param index its position in that iteration's batch
 * @param model the model (its archid, config and, until it is cleared, the built network)
 * @param budget the budget to evaluate it with (such as epochs), or {@code null} for none
 * @param <M> the type of the built models
 */
public record Candidate<M>(int iteration, int index, ArchaiModel<M> model, Double budget) {
    public Candidate {
        Objects.requireNonNull(model, "model");
    }

    /** The architecture id. */
    public String archid() {
        return model.archid();
    }

    /** The architecture's config, for config search spaces. */
    public Optional<ArchConfig> config() {
        return model.config();
    }
}
