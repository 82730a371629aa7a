package org.archai4j.operators;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.archai4j.space.ArchaiModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain random models that meet the constraints ({@link RandomSampling}), then more random models for each band of
 * {@link SizeTiers} that holds fewer than its leaders: rounds of {@code n} further samples, each kept when its band is
 * still short, until every band has its leaders or {@code rounds} rounds were drawn (then a warning).
 *
 * <p>Why: plain sampling keeps the lucky draws that the space's own size distribution gives the larger bands, but it
 * can leave the smallest band empty (on the main job's space, two seeds of three drew no network under 5,000
 * parameters among their first 36). A band without a network is never searched, and the final stage's choice from it
 * is lost: a corner of the frontier that decides its hypervolume. The top-up adds only what a band lacks, after the
 * plain draws, so those draws stay as the seed gives them.
 *
 * <pre>{@code
 * new CoveredSampling<>(36, tiers, 100).create(context);   // 36 plain draws, then any band topped up to 2 models
 * }</pre>
 *
 * @implNote Immutable; the models come from the space's random source, in the order drawn.
 * @param <M> the type of the built models
 */
public final class CoveredSampling<M> implements PopulationSource<M> {
    private static final Logger LOG = LoggerFactory.getLogger(CoveredSampling.class);

    private final int n;
    private final SizeTiers<M> tiers;
    private final int rounds;

    /**
     * @param n the number of plain random models, and of the samples in each round of the top-up
     * @param tiers the bands, each topped up to {@link SizeTiers#leadersPerTier()} models
     * @param rounds the rounds of sampling at most, for the plain models and again for the top-up
     */
    public CoveredSampling(int n, SizeTiers<M> tiers, int rounds) {
        this.n = Checks.nonNegative("samples", n);
        this.tiers = Objects.requireNonNull(tiers, "tiers");
        this.rounds = Checks.positive("samplingRounds", rounds);
    }

    @Override
    public List<ArchaiModel<M>> create(BreedingContext<M> context) {
        List<ArchaiModel<M>> models = new RandomSampling<M>(n, rounds, false).create(context);
        if (n == 0) {
            return models;
        }
        int[] missing = new int[tiers.count()];
        Arrays.fill(missing, tiers.leadersPerTier());
        Set<String> drawn = new HashSet<>();
        models.forEach(m -> drawn.add(m.archid()));
        for (int band : tiers.bands(context, models)) {
            if (band >= 0) {
                missing[band]--;
            }
        }
        for (int r = 0; r < rounds && anyMissing(missing); r++) {
            SizeTiers.Banded<M> drawnNow = tiers.drawRound(context, n, drawn);
            for (int i = 0; i < drawnNow.models().size(); i++) {
                int band = drawnNow.bands()[i];
                if (band >= 0 && missing[band] > 0) {
                    missing[band]--;
                    models.add(drawnNow.models().get(i));
                }
            }
        }
        if (anyMissing(missing)) {
            LOG.warn("size bands {}: some band still holds fewer than {} models after {} more rounds of sampling",
                    tiers, tiers.leadersPerTier(), rounds);
        }
        return models;
    }

    private static boolean anyMissing(int[] missing) {
        return Arrays.stream(missing).anyMatch(m -> m > 0);
    }
}
