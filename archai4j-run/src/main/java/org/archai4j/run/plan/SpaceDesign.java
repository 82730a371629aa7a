package org.archai4j.run.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.archai4j.config.ArchConfig;
import org.archai4j.djl.models.CompactClassifier;
import org.archai4j.djl.models.MlpClassifier;

/**
 * The model family, search space and constraints the planner gives data of a shape: for images, the
 * {@code compact-cnn} space of the main job with only as many halvings of the image (a stride-2 or pooled stem, a
 * pooled stage) as keep every network's last feature map at least 1x1, no flattened head above 32x32 (its linear
 * layer would dwarf the rest), and hidden widths of at least the number of classes; for tables, the {@code mlp}
 * space with widths from the classes and features up.
 *
 * <pre>{@code
 * SpaceDesign design = SpaceDesign.images(new Shape(1, 8, 8), 10);
 * design.yaml();   // a space in which no network pools 8x8 below 1x1
 * }</pre>
 *
 * @param family the model family
 * @param yaml the space file's text
 * @param description what was fitted to the data, in a few words
 * @param maxParameters the largest network searched (0: no limit)
 * @param maxActivations the most activations a searched network may write per sample (0: no limit)
 */
record SpaceDesign(String family, String yaml, String description, long maxParameters, long maxActivations) {
    /** The largest image network searched: small networks are what the job is for. */
    static final int MAX_IMAGE_PARAMETERS = 200_000;

    /** The spec's {@code constraints:} section (empty for none). */
    String constraints() {
        StringBuilder out = new StringBuilder();
        if (maxParameters > 0) {
            out.append("  small: {evaluator: parameters, max: ").append(maxParameters).append("}\n");
        }
        if (maxActivations > 0) {
            // Training time follows the activations a network writes more than its multiply-accumulates.
            out.append("  affordable: {evaluator: activations, max: ").append(maxActivations).append("}\n");
        }
        return out.isEmpty() ? "" : "constraints:\n" + out;
    }

    /** Whether a network of {@code parameters} writing {@code activations} per sample meets the constraints. */
    boolean admits(long parameters, long activations) {
        return (maxParameters == 0 || parameters <= maxParameters)
                && (maxActivations == 0 || activations <= maxActivations);
    }

    /** A network of this design for {@code config}. */
    Block block(ArchConfig config, int classes) {
        return family.equals(CompactClassifier.FAMILY) ? CompactClassifier.block(config, classes)
                : MlpClassifier.block(config, classes);
    }

    /** Compact CNNs for images of {@code shape} (channels, height, width). */
    static SpaceDesign images(Shape shape, int classes) {
        int side = (int) Math.min(shape.get(1), shape.get(2));
        // Halvings that keep at least 1x1: a stem halving (stride 2 or pool) plus up to three pooled stages.
        int allowed = 0;
        for (int s = side; s >= 2; s /= 2) {
            allowed++;
        }
        List<String> downsample = allowed >= 4 ? List.of("none", "stride", "pool") : List.of("none");
        int stagePools = Math.min(3, allowed - (allowed >= 4 ? 1 : 0));
        List<Integer> times = stagePools >= 3 ? List.of(1, 2, 3) : stagePools == 2 ? List.of(1, 2) : List.of(1);
        List<String> pool = stagePools >= 1 ? List.of("true", "false") : List.of("false");
        List<String> heads = side <= 32 ? List.of("global_pool", "flatten") : List.of("global_pool");
        List<Integer> hidden = new ArrayList<>(List.of(0));
        for (int h : new int[] {16, 32, 64, 128}) {
            if (h >= classes && hidden.size() < 4) {
                hidden.add(h);
            }
        }
        List<Integer> channels = classes > 20 ? List.of(32, 48, 64, 96, 128) : List.of(16, 24, 32, 48, 64);
        String yaml = "# Planned for " + shape.get(1) + "x" + shape.get(2) + " images of " + shape.get(0)
                + " channel(s) and " + classes + " classes: at most " + allowed + " halvings of the image.\n"
                + "stem:\n"
                + "  channels: !choice [8, 12, 16, 24, 32]\n"
                + "  downsample: !choice " + list(downsample) + "\n"
                + "stages: !repeat\n"
                + "  times: " + list(times) + "\n"
                + "  share: false\n"
                + "  config:\n"
                + "    channels: !choice " + list(channels) + "\n"
                + "    convs: !choice [1, 2]\n"
                + "    kernel_size: !choice " + (side >= 8 ? "[3, 5]" : "[3]") + "\n"
                + "    pool: !choice " + list(pool) + "\n"
                + "head:\n"
                + "  kind: !choice " + list(heads) + "\n"
                + "  hidden: !choice " + list(hidden) + "\n";
        // The main job's 90,000 activations per 28x28 image, in proportion for larger ones.
        long activations = Math.max(90_000, 90_000L * side * side / 784);
        return new SpaceDesign(CompactClassifier.FAMILY, yaml, String.format(Locale.ROOT, "a space fitted to "
                + "%dx%d images (at most %d halvings)", shape.get(1), shape.get(2), Math.min(allowed, 4)),
                MAX_IMAGE_PARAMETERS, activations);
    }

    /**
     * MLPs for rows of {@code features} values, from no hidden layer (the linear model a scikit-learn user compares
     * with, often the best on a few hundred rows) to three.
     */
    static SpaceDesign table(int features, int classes) {
        int base = Integer.highestOneBit(Math.max(8, Math.max(features, classes) - 1) * 2);
        List<Integer> units = new ArrayList<>();
        for (int u = Math.max(8, base / 2); u <= Math.min(1024, base * 8); u *= 2) {
            units.add(u);
        }
        String yaml = "# Planned for rows of " + features + " features and " + classes + " classes.\n"
                + "activation: !choice [relu, gelu, tanh]\n"
                + "layers: !repeat\n"
                + "  times: [0, 1, 2, 3]          # 0: no hidden layer, a linear model (logistic regression)\n"
                + "  share: false\n"
                + "  config:\n"
                + "    units: !choice " + list(units) + "\n"
                + "    batch_norm: !choice [true, false]\n"
                + "    dropout: !choice [0.0, 0.1, 0.3]\n";
        return new SpaceDesign(MlpClassifier.FAMILY, yaml, String.format(Locale.ROOT, "a linear model and 1 to 3 "
                + "layers of %d to %d units for %d features", units.get(0), units.get(units.size() - 1), features),
                0, 0);
    }

    private static String list(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
