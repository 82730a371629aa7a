package org.archai4j.run.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.archai4j.djl.data.CsvTable;
import org.archai4j.djl.data.FashionMnist;
import org.archai4j.djl.data.IdxDirectory;
import org.archai4j.djl.data.ImageFolder;
import org.archai4j.djl.data.LabelledData;

/**
 * The kinds of data a run spec can name ({@code data.dataset}): for each, the keys it takes, how its training data
 * is read and how its test split is read. The one place that knows them.
 *
 * <pre>{@code
 * DatasetKind kind = SpecNamed.of(DatasetKind.class, "csv").orElseThrow();
 * LabelledData train = kind.readTraining(spec.data());
 * }</pre>
 */
public enum DatasetKind implements SpecNamed {
    /** Debian's {@code dataset-fashion-mnist} (installed when it can be), or its four IDX files elsewhere. */
    FASHION_MNIST("fashion-mnist", List.of("directory")) {
        @Override
        public LabelledData readTraining(RunSpec.Data data) {
            DatasetInstaller.ensureFashionMnist(data.directory());
            return FashionMnist.loadTrain(data.directory());
        }

        @Override
        LabelledData readTestSet(RunSpec.Data data, LabelledData training) {
            return FashionMnist.loadTest(data.directory());
        }

        @Override
        public boolean hasTestSet(RunSpec.Data data) {
            return true;
        }
    },
    /** A directory of IDX files: {@code train-*} and, when present, {@code t10k-*}. */
    IDX("idx", List.of("directory")) {
        @Override
        public LabelledData readTraining(RunSpec.Data data) {
            return IdxDirectory.load(data.directory(), "train", null);
        }

        @Override
        LabelledData readTestSet(RunSpec.Data data, LabelledData training) {
            return IdxDirectory.load(data.directory(), "t10k", training.classNames());
        }

        @Override
        public boolean hasTestSet(RunSpec.Data data) {
            return IdxDirectory.has(data.directory(), "t10k");
        }
    },
    /** A folder with one sub-folder of images per class. */
    IMAGE_FOLDER("image-folder", List.of("train", "test", "size", "channels")) {
        @Override
        public LabelledData readTraining(RunSpec.Data data) {
            return ImageFolder.load(data.train(), data.images(), null);
        }

        @Override
        LabelledData readTestSet(RunSpec.Data data, LabelledData training) {
            // The test images are read at the training images' size and channels, whatever the spec said.
            long[] shape = training.sampleShape().getShape();
            Integer size = shape[1] == shape[2] ? (Integer) (int) shape[1] : data.images().size();
            return ImageFolder.load(data.test(), new ImageFolder.Options(size, (int) shape[0]),
                    training.classNames());
        }
    },
    /** A CSV file with a header: numeric feature columns and a class column. */
    CSV("csv", List.of("train", "test", "label")) {
        @Override
        public LabelledData readTraining(RunSpec.Data data) {
            return CsvTable.load(data.train(), data.label(), null);
        }

        @Override
        LabelledData readTestSet(RunSpec.Data data, LabelledData training) {
            return CsvTable.load(data.test(), data.label(), training.classNames());
        }
    };

    /** The keys every kind takes besides its own. */
    public static final List<String> COMMON_KEYS = List.of("dataset", "train_size", "validation_size",
            "validation_fraction", "test_fraction");

    private final String specName;
    private final List<String> keys;

    DatasetKind(String specName, List<String> keys) {
        this.specName = specName;
        this.keys = keys;
    }

    /** The name a spec gives it ({@code data.dataset}). */
    @Override
    public String specName() {
        return specName;
    }

    /** The keys of {@code data:} this kind takes, besides {@link #COMMON_KEYS}. */
    public List<String> keys() {
        return keys;
    }



    /**
     * Reads the training data.
     *
     * @throws IllegalArgumentException naming the file when it is missing or malformed
     */
    public abstract LabelledData readTraining(RunSpec.Data data);

    /** Reads the test set of its own; only called when {@link #hasTestSet} says there is one. */
    abstract LabelledData readTestSet(RunSpec.Data data, LabelledData training);

    /**
     * Reads the test split, whose classes are the training data's, or nothing when the data has no test set of its
     * own (the job then sets a seeded part of the training data aside).
     */
    public Optional<LabelledData> readTest(RunSpec.Data data, LabelledData training) {
        return hasTestSet(data) ? Optional.of(readTestSet(data, training)) : Optional.empty();
    }

    /** Whether the data has a test set of its own; by default when the spec names one ({@code data.test}). */
    public boolean hasTestSet(RunSpec.Data data) {
        return data.test() != null;
    }

    /** Where a kind that reads a directory finds it by default (null: the spec must say). */
    Path defaultDirectory() {
        return this == FASHION_MNIST ? FashionMnist.DEBIAN_DIRECTORY : null;
    }
}
