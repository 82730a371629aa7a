package org.archai4j.djl.data;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.archai4j.random.PyRandom;

/**
 * Labelled samples in memory: images (pixels as floats in [0, 1], one {@code channels x height x width} block per
 * image) or rows of features (one {@code features} block per row), with integer class labels and the classes'
 * names. Immutable; subsets and splits are chosen by seeded shuffles, so they are the same on every run.
 *
 * <pre>{@code
 * LabelledData train = FashionMnist.load(dir).train();
 * LabelledData.Split split = train.subset(6000, 1).split(1000, 1);   // 5,000 to train on, 1,000 to validate
 * }</pre>
 */
public final class LabelledData {
    private final float[] pixels;
    private final int[] labels;
    private final Shape sampleShape;
    private final int numClasses;
    private final List<String> classNames;

    /**
     * Samples whose classes are named by their numbers ("0", "1", ...).
     *
     * @param pixels every sample's values, sample after sample
     * @param labels one class per sample, in {@code [0, numClasses)}
     * @param sampleShape the shape of one sample: (channels, height, width) for images, (features) for rows
     */
    public LabelledData(float[] pixels, int[] labels, Shape sampleShape, int numClasses) {
        this(pixels, labels, sampleShape, IntStream.range(0, numClasses).mapToObj(String::valueOf).toList());
    }

    /**
     * Samples with named classes.
     *
     * @param classNames the name of each class, by label
     */
    public LabelledData(float[] pixels, int[] labels, Shape sampleShape, List<String> classNames) {
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.sampleShape = Objects.requireNonNull(sampleShape, "sampleShape");
        this.classNames = List.copyOf(classNames);
        this.numClasses = classNames.size();
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

    /** The name of each class, by label. */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The same samples with every value mapped by {@code normalization} (feature standardisation, say); this very
     * data when it changes nothing (it is immutable, and 60,000 images are not copied for nothing).
     */
    public LabelledData normalized(Normalization normalization) {
        if (normalization.isNone()) {
            return this;
        }
        return new LabelledData(normalization.apply(pixels, sampleShape), labels, sampleShape, classNames);
    }

    /** Every sample's values, sample after sample (a copy). */
    public float[] values() {
        return pixels.clone();
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
    public LabelledData select(int[] indices) {
        int n = (int) sampleShape.size();
        float[] p = new float[indices.length * n];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            copyImage(indices[k], p, k * n);
            l[k] = labels[indices[k]];
        }
        return new LabelledData(p, l, sampleShape, classNames);
    }

    /** {@code n} images drawn without replacement by a seeded shuffle (all of them when {@code n >= size()}). */
    public LabelledData subset(int n, long seed) {
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

    /**
     * These samples followed by {@code more}'s (a search's training subset and validation split pooled for
     * cross-validation, say).
     *
     * @throws IllegalArgumentException when the two differ in sample shape or classes
     */
    public LabelledData concat(LabelledData more) {
        if (!more.sampleShape.equals(sampleShape) || !more.classNames.equals(classNames)) {
            throw new IllegalArgumentException("samples of shape " + more.sampleShape + " and classes "
                    + more.classNames + ": expected " + sampleShape + " and " + classNames + " to pool them with");
        }
        float[] p = Arrays.copyOf(pixels, pixels.length + more.pixels.length);
        System.arraycopy(more.pixels, 0, p, pixels.length, more.pixels.length);
        int[] l = Arrays.copyOf(labels, labels.length + more.labels.length);
        System.arraycopy(more.labels, 0, l, labels.length, more.labels.length);
        return new LabelledData(p, l, sampleShape, classNames);
    }

    /**
     * Stratified k-fold cross-validation: {@code k} splits, split {@code j} validating on fold {@code j} and
     * training on the others. Every sample is in exactly one fold, the folds differ in size by at most one, and
     * each holds each class in about its share of the whole (a seeded shuffle, then the samples of each class
     * dealt out in turn), as scikit-learn's {@code StratifiedKFold(shuffle=True)} does.
     *
     * @throws IllegalArgumentException when {@code k} is below 2 or above the number of samples
     */
    public List<Split> folds(int k, long seed) {
        if (k < 2 || k > size()) {
            throw new IllegalArgumentException("folds " + k + ": expected 2 to " + size() + " for " + size()
                    + " samples");
        }
        // Class by class, each class's samples in shuffled order, dealt to the folds round-robin.
        Integer[] order = Arrays.stream(shuffled(seed)).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Integer.compare(labels[a], labels[b]));
        int[] foldOf = new int[size()];
        for (int i = 0; i < order.length; i++) {
            foldOf[order[i]] = i % k;
        }
        List<Split> splits = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            int fold = j;
            splits.add(new Split(select(IntStream.range(0, size()).filter(i -> foldOf[i] != fold).toArray()),
                    select(IntStream.range(0, size()).filter(i -> foldOf[i] == fold).toArray())));
        }
        return splits;
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
    public record Split(LabelledData train, LabelledData validation) {
    }
}
