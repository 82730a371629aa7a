package org.archai4j.djl.data;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Fashion-MNIST (Zalando; 60,000 training and 10,000 test images, 28x28 grey, 10 classes) from its four standard
 * IDX files, gzipped or not. Debian's {@code dataset-fashion-mnist} package installs them in
 * {@link #DEBIAN_DIRECTORY}; any directory holding them can be named. Pixels are scaled to [0, 1].
 *
 * <pre>{@code
 * FashionMnist data = FashionMnist.load(FashionMnist.DEBIAN_DIRECTORY);
 * ImageDataset.Split split = data.train().subset(6000, 1).split(1000, 1);
 * }</pre>
 *
 * @param train the 60,000 training images
 * @param test the 10,000 test images
 */
public record FashionMnist(ImageDataset train, ImageDataset test) {
    /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** The class names, by label. */
    public static final String[] CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
        "Shirt", "Sneaker", "Bag", "Ankle boot"};

    /** Loads the four files from {@code directory}. */
    public static FashionMnist load(Path directory) {
        return new FashionMnist(loadTrain(directory), loadTest(directory));
    }

    /**
     * Loads only the training split ({@code train-*}): what a search reads, so that the test files are not even
     * opened before the final models are measured.
     */
    public static ImageDataset loadTrain(Path directory) {
        return load(directory, "train");
    }

    /** Loads only the test split ({@code t10k-*}). */
    public static ImageDataset loadTest(Path directory) {
        return load(directory, "t10k");
    }

    /** Whether {@code directory} holds the four files (gzipped or not). */
    public static boolean isInstalled(Path directory) {
        for (String part : new String[] {"train", "t10k"}) {
            for (String kind : new String[] {"images-idx3", "labels-idx1"}) {
                if (find(directory, part + "-" + kind + "-ubyte") == null) {
                    return false;
                }
            }
        }
        return true;
    }

    private static ImageDataset load(Path directory, String part) {
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
            float[] pixels = new float[images.data().length];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (images.data()[i] & 0xFF) / 255f;
            }
            int[] classes = new int[labels.data().length];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = labels.data()[i] & 0xFF;
            }
            try {
                return new ImageDataset(pixels, classes, new Shape(1, images.dims()[1], images.dims()[2]), 10);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(labelsFile + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static Path require(Path directory, String stem) {
        Path file = find(directory, stem);
        if (file == null) {
            throw new IllegalArgumentException("Fashion-MNIST is not in " + directory + " (no " + stem + ".gz); "
                    + "install it with: sudo apt-get install dataset-fashion-mnist (it goes to " + DEBIAN_DIRECTORY
                    + "), or name a directory holding the four IDX files");
        }
        return file;
    }

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
