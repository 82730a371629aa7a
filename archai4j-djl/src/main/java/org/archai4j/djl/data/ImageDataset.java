package org.archai4j.djl.data;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.archai4j.random.PyRandom;

/**
 * Labelled images in memory: pixels as floats in [0, 1], one {@code channels x height x width} block per image,
 * and integer class labels. Immutable; subsets and splits are chosen by seeded shuffles, so they are the same on
 * every run.
 *
 * <pre>{@code
 * ImageDataset train = FashionMnist.load(dir).train();
 * ImageDataset.Split split = train.subset(6000, 1).split(1000, 1);   // 5,000 to train on, 1,000 to validate
 * }</pre>
 */
public final class ImageDataset {
    private final float[] pixels;
    private final int[] labels;
    private final Shape sampleShape;
    private final int numClasses;

    /**
     * @param pixels every image's pixels, image after image
     * @param labels one class per image, in {@code [0, numClasses)}
     * @param sampleShape the shape of one image (channels, height, width)
     */
    public ImageDataset(float[] pixels, int[] labels, Shape sampleShape, int numClasses) {
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.sampleShape = Objects.requireNonNull(sampleShape, "sampleShape");
        this.numClasses = numClasses;
        if ((long) labels.length * sampleShape.size() != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + pixels.length + " pixels; expected "
                    + sampleShape.size() + " pixels per image");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + ": expected 0 to "
                        + (numClasses - 1));
            }
        }
    }

    /** The number of images. */
    public int size() {
        return labels.length;
    }

    /** The shape of one image (channels, height, width). */
    public Shape sampleShape() {
        return sampleShape;
    }

    public int numClasses() {
        return numClasses;
    }

    public int label(int i) {
        return labels[i];
    }

    /** Copies image {@code i}'s pixels into {@code target} at {@code offset}. */
    public void copyImage(int i, float[] target, int offset) {
        int n = (int) sampleShape.size();
        System.arraycopy(pixels, i * n, target, offset, n);
    }

    /** The images at {@code indices}, in that order. */
    public ImageDataset select(int[] indices) {
        int n = (int) sampleShape.size();
        float[] p = new float[indices.length * n];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            copyImage(indices[k], p, k * n);
            l[k] = labels[indices[k]];
        }
        return new ImageDataset(p, l, sampleShape, numClasses);
    }

    /** {@code n} images drawn without replacement by a seeded shuffle (all of them when {@code n >= size()}). */
    public ImageDataset subset(int n, long seed) {
        if (n >= size()) {
            return this;
        }
        return select(Arrays.copyOf(shuffled(seed), n));
    }

    /** A seeded split into {@code validationSize} validation images and the rest to train on. */
    public Split split(int validationSize, long seed) {
        if (validationSize <= 0 || validationSize >= size()) {
            throw new IllegalArgumentException("validation size " + validationSize + ": expected 1 to "
                    + (size() - 1) + " for " + size() + " images");
        }
        int[] order = shuffled(seed);
        return new Split(select(Arrays.copyOfRange(order, validationSize, order.length)),
                select(Arrays.copyOf(order, validationSize)));
    }

    private int[] shuffled(long seed) {
        List<Integer> order = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            order.add(i);
        }
        new PyRandom(seed).shuffle(order);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Images to train on and images to validate with. */
    public record Split(ImageDataset train, ImageDataset validation) {
    }
}
