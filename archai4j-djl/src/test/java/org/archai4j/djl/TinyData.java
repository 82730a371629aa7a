package org.archai4j.djl;

import ai.djl.ndarray.types.Shape;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.random.PyRandom;

/** Synthetic images a small network learns in a few steps: each class is a bright row, plus noise (so a head
 * must keep positions: global average pooling would lose the class). */
final class TinyData {
    static final int SIZE = 10;

    private TinyData() {
    }

    static LabelledData images(int n, long seed) {
        return images(n, seed, SIZE);
    }

    /** {@code n} images of {@code side x side} pixels; the class is one of the first ten rows. */
    static LabelledData images(int n, long seed, int side) {
        PyRandom rng = new PyRandom(seed);
        float[] pixels = new float[n * side * side];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(SIZE);
            for (int p = 0; p < side * side; p++) {
                float signal = p / side == labels[i] ? 1f : 0f;
                pixels[i * side * side + p] = signal + (float) (0.3 * rng.nextGaussian());
            }
        }
        return new LabelledData(pixels, labels, new Shape(1, side, side), SIZE);
    }
}
