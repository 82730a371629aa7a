package org.archai4j.djl.training;

import java.util.Locale;

/**
 * How the learning rate moves over a training run of {@code totalSteps} steps, as a fraction of the peak rate.
 *
 * <pre>{@code
 * float lr = peak * LearningRateSchedule.ONE_CYCLE.factor(step, totalSteps);
 * }</pre>
 */
public enum LearningRateSchedule {
    /** The peak rate throughout. */
    CONSTANT,
    /** Half a cosine from the peak down to zero (Loshchilov and Hutter's SGDR without restarts). */
    COSINE,
    /**
     * Smith's one-cycle as PyTorch's {@code OneCycleLR} draws it (cosine annealing, defaults): up from peak/25
     * over the first 30% of the steps, then down to peak/10^4.
     */
    ONE_CYCLE;

    private static final double WARM_UP_FRACTION = 0.3;
    private static final double START_DIVISOR = 25;
    private static final double END_DIVISOR = 1e4;

    /** The factor of the peak rate at {@code step} (0-based) of a run of {@code totalSteps}. */
    public double factor(long step, long totalSteps) {
        if (this == CONSTANT || totalSteps <= 1) {
            return 1;
        }
        double progress = Math.min(1, Math.max(0, (double) step / (totalSteps - 1)));
        return switch (this) {
            case COSINE -> cosine(1, 0, progress);
            case ONE_CYCLE -> progress < WARM_UP_FRACTION
                    ? cosine(1 / START_DIVISOR, 1, progress / WARM_UP_FRACTION)
                    : cosine(1, 1 / (START_DIVISOR * END_DIVISOR),
                            (progress - WARM_UP_FRACTION) / (1 - WARM_UP_FRACTION));
            default -> 1;
        };
    }

    /** From {@code start} to {@code end} along half a cosine, at {@code t} in [0, 1]. */
    private static double cosine(double start, double end, double t) {
        return end + (start - end) * (1 + Math.cos(Math.PI * t)) / 2;
    }

    /** The schedule named in a spec: constant, cosine or one_cycle (also one-cycle). */
    public static LearningRateSchedule parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "constant" -> CONSTANT;
            case "cosine" -> COSINE;
            case "one_cycle", "onecycle" -> ONE_CYCLE;
            default -> throw new IllegalArgumentException("is '" + name + "'; expected constant, cosine or one_cycle");
        };
    }

    /** The name a spec uses. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
