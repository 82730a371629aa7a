package org.archai4j.djl.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import ai.djl.ndarray.types.Shape;

/**
 * A directory of MNIST-style IDX files, gzipped or not: {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte} and, for a test split, {@code t10k-images-idx3-ubyte} and
 * {@code t10k-labels-idx1-ubyte} (MNIST, Fashion-MNIST, KMNIST and EMNIST's letters all come this way). Images
 * are grayscale and scaled to [0, 1]; classes are the labels' numbers unless named.
 *
 * <pre>{@code
 * LabelledData train = IdxDirectory.load(Path.of("mnist"), "train", null);
 * if (IdxDirectory.has(Path.of("mnist"), "t10k")) {
 *     LabelledData test = IdxDirectory.load(Path.of("mnist"), "t10k", train.classNames());
 * }
 * }</pre>
 */
public final class IdxDirectory {
    private IdxDirectory() {
    }

    /** Whether {@code directory} holds {@code part}'s two files ({@code part} is {@code train} or {@code t10k}). */
    public static boolean has(Path directory, String part) {
        return find(directory, part + "-images-idx3-ubyte") != null
                && find(directory, part + "-labels-idx1-ubyte") != null;
    }

    /**
     * Reads {@code part}'s images and labels.
     *
     * @param classNames the classes' names by label, or null for as many as the largest label calls for, named by
     *     number
     * @throws IllegalArgumentException naming the file: missing, not IDX, images and labels that do not match, a
     *     label outside the classes
     */
    public static LabelledData load(Path directory, String part, List<String> classNames) {
        Path imagesFile = require(directory, part + "-images-idx3-ubyte");
        Path labelsFile = require(directory, part + "-labels-idx1-ubyte");
        try {
            IdxFiles.Idx images = IdxFiles.read(imagesFile);
            IdxFiles.Idx labels = IdxFiles.read(labelsFile);
            if (images.dims().length != 3 || labels.dims().length != 1 || images.dims()[0] != labels.dims()[0]) {
                throw new IllegalArgumentException(imagesFile + " and " + labelsFile + ": expected N images of "
                        + "HxW pixels and N labels, found dimensions " + Arrays.toString(images.dims()) + " and "
                        + Arrays.toString(labels.dims()));
            }
            if (images.dims()[0] == 0) {
                throw new IllegalArgumentException(imagesFile + ": no images; expected at least one");
            }
            float[] pixels = new float[images.data().length];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (images.data()[i] & 0xFF) / 255f;
            }
            int[] classes = new int[labels.data().length];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = labels.data()[i] & 0xFF;
            }
            List<String> names = classNames != null ? classNames : IntStream.rangeClosed(0,
                    Arrays.stream(classes).max().orElse(0)).mapToObj(String::valueOf).toList();
            try {
                return new LabelledData(pixels, classes, new Shape(1, images.dims()[1], images.dims()[2]), names);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(labelsFile + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Path require(Path directory, String stem) {
        Path file = find(directory, stem);
        if (file == null) {
            throw new IllegalArgumentException(directory + ": no " + stem + ".gz (or " + stem + "); expected the "
                    + "IDX files train-images-idx3-ubyte and train-labels-idx1-ubyte, and t10k-* for a test split");
        }
        return file;
    }

    /** {@code directory/stem.gz}, else {@code directory/stem}, else null. */
    private static Path find(Path directory, String stem) {
        for (String name : new String[] {stem + ".gz", stem}) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }
}
