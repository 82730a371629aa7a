package org.archai4j.operators;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.archai4j.space.ArchaiModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random models that meet the constraints, an equal share from each band of {@link SizeTiers}: rounds of {@code n}
 * samples per band are drawn, measured along the tiers' size objective (cheap) and kept while their band has room,
 * until every band is full or {@code rounds} rounds were drawn. A band the space rarely reaches is then topped up by the
 * other bands' extra models, in the order they were drawn, so the population still has {@code n} models when the
 * space has them.
 *
 * <p>Why: plain random sampling gives each band what the space's size distribution gives it. On the main job's
 * space about a quarter of the valid networks fall under 15,000 parameters, so the band whose best network is
 * hardest to find got the fewest looks.
 *
 * <pre>{@code
 * new StratifiedSampling<>(24, tiers, 100).create(context);   // 8 valid random models from each of three bands
 * }</pre>
 *
 * @implNote Immutable; the models come from the space's random source, in the order drawn.
 * @param <M> the type of the built models
 */
public final class StratifiedSampling<M> implements PopulationSource<M> {
    private static final Logger LOG = LoggerFactory.getLogger(StratifiedSampling.class);

    private final int n;
    private final SizeTiers<M> tiers;
    private final int rounds;

    /**
     * @param n the number of models wanted (band {@code i} gets {@code n / bands}, the first {@code n % bands}
     *     bands one more)
     * @param tiers the bands
     * @param rounds the rounds of {@code n} samples per band drawn at most
     */
    public StratifiedSampling(int n, SizeTiers<M> tiers, int rounds) {
        this.n = Checks.nonNegative("samples", n);
        this.tiers = Objects.requireNonNull(tiers, "tiers");
        this.rounds = Checks.positive("samplingRounds", rounds);
    }

    @Override
    public List<ArchaiModel<M>> create(BreedingContext<M> context) {
        int[] room = new int[tiers.count()];
        for (int t = 0; t < room.length; t++) {
            room[t] = n / room.length + (t < n % room.length ? 1 : 0);
        }
        List<ArchaiModel<M>> kept = new ArrayList<>();
        List<ArchaiModel<M>> extra = new ArrayList<>();
        Set<String> drawn = new HashSet<>();
        for (int r = 0; r < rounds && kept.size() < n; r++) {
            SizeTiers.Banded<M> drawnNow = tiers.drawRound(context, n * room.length, drawn);
            for (int i = 0; i < drawnNow.models().size(); i++) {
                int band = drawnNow.bands()[i];
                if (band >= 0 && room[band] > 0 && kept.size() < n) {
                    room[band]--;
                    kept.add(drawnNow.models().get(i));
                } else {
                    extra.add(drawnNow.models().get(i));
                }
            }
        }
        if (kept.size() < n) {
            LOG.warn("size bands {}: {} of {} models found in their bands after {} rounds of sampling; the rest "
                    + "are from other bands", tiers, kept.size(), n, rounds);
            kept.addAll(extra.subList(0, Math.min(extra.size(), n - kept.size())));
        }
        return kept;
    }
}
