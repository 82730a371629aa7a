package org.archai4j.onnx;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One input's class probabilities, by output index.
 *
 * <pre>{@code
 * Prediction p = model.predict(model.imageInput(image));
 * System.out.println(p.best().className() + " " + p.best().probability());
 * }</pre>
 *
 * @param classes the class names, by output index
 * @param probabilities the probability of each class
 */
public record Prediction(List<String> classes, float[] probabilities) {
    /** A class and its probability. */
    public record Scored(String className, double probability) {
    }

    public Prediction {
        if (classes.size() != probabilities.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + classes.size()
                    + " classes");
        }
        classes = List.copyOf(classes);
        probabilities = probabilities.clone();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** The index of the most probable class (the first of equals). */
    public int bestIndex() {
        return argmax(probabilities);
    }

    /** The index of the largest of {@code values} (the first of equals): a top class. */
    public static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The most probable class. */
    public Scored best() {
        return new Scored(classes.get(bestIndex()), probabilities[bestIndex()]);
    }

    /** The {@code k} most probable classes, most probable first. */
    public List<Scored> top(int k) {
        return IntStream.range(0, probabilities.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -probabilities[i]).thenComparing(i -> i))
                .limit(k).map(i -> new Scored(classes.get(i), probabilities[i])).toList();
    }
}
