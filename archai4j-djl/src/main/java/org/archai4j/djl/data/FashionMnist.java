package org.archai4j.djl.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando; 60,000 training and 10,000 test images, 28x28 grey, 10 classes) from its four standard
 * IDX files, gzipped or not. Debian's {@code dataset-fashion-mnist} package installs them in
 * {@link #DEBIAN_DIRECTORY}; any directory holding them can be named. Pixels are scaled to [0, 1].
 *
 * <pre>{@code
 * FashionMnist data = FashionMnist.load(FashionMnist.DEBIAN_DIRECTORY);
 * LabelledData.Split split = data.train().subset(6000, 1).split(1000, 1);
 * }</pre>
 *
 * @param train the 60,000 training images
 * @param test the 10,000 test images
 */
public record FashionMnist(LabelledData train, LabelledData test) {
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
    public static LabelledData loadTrain(Path directory) {
        return load(directory, "train");
    }

    /** Loads only the test split ({@code t10k-*}). */
    public static LabelledData loadTest(Path directory) {
        return load(directory, "t10k");
    }

    /** Whether {@code directory} holds the four files (gzipped or not). */
    public static boolean isInstalled(Path directory) {
        return IdxDirectory.has(directory, "train") && IdxDirectory.has(directory, "t10k");
    }

    private static LabelledData load(Path directory, String part) {
        if (!IdxDirectory.has(directory, part)) {
            throw new IllegalArgumentException("Fashion-MNIST is not in " + directory + " (no " + part
                    + "-*-ubyte.gz); install it with: sudo apt-get install dataset-fashion-mnist (it goes to "
                    + DEBIAN_DIRECTORY + "), or name a directory holding the four IDX files");
        }
        return IdxDirectory.load(directory, part, List.of(CLASSES));
    }
}
