package org.archai4j.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archai4j.djl.data.CsvTable;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.data.Normalization;
import org.archai4j.run.spec.DatasetKind;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.run.spec.SpecException;

/**
 * A spec's data, split three ways: the search's seeded training subset and validation split, every training
 * sample (the final stage's), and the test split, read only when {@link #test()} is called (by the final stage,
 * after its choice). Without a test set of its own, the test split is a seeded {@code test_fraction} of the
 * training data, set aside before anything else is drawn. Tables are standardised with statistics of the
 * search's training subset alone; images are used as read (in [0, 1]).
 *
 * <pre>{@code
 * SpecData data = SpecData.load(spec);
 * SearchAssembly run = SearchAssembly.prepare(spec, data.search(), outputDir);
 * }</pre>
 */
public final class SpecData {
    /** The seed offset of the test split's shuffle, so that it differs from the validation split's. */
    private static final long TEST_SEED_OFFSET = 0x7e57;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunSpec spec;
    private final LabelledData pool;
    private final LabelledData carvedTest;
    private final LabelledData.Split search;
    private final Normalization normalization;

    private SpecData(RunSpec spec, LabelledData pool, LabelledData carvedTest, LabelledData.Split search,
                     Normalization normalization) {
        this.spec = spec;
        this.pool = pool;
        this.carvedTest = carvedTest;
        this.search = search;
        this.normalization = normalization;
    }

    /**
     * Reads the training data (installing Fashion-MNIST first when it can) and draws the search's split.
     *
     * @throws SpecException naming the spec or data file when the data is missing, malformed or too small
     */
    public static SpecData load(RunSpec spec) {
        RunSpec.Data data = spec.data();
        try {
            LabelledData all = readTraining(data);
            LabelledData pool = all;
            LabelledData carvedTest = null;
            if (!data.hasTestSet()) {
                int testCount = Math.max(1, (int) Math.round(all.size() * data.testFraction()));
                LabelledData.Split split = split(spec, all, testCount, spec.seed() + TEST_SEED_OFFSET, "test");
                pool = split.train();
                carvedTest = split.validation();
            }
            int validation = data.validationSize() > 0 ? data.validationSize()
                    : Math.max(1, (int) Math.round(pool.size() * data.validationFraction()));
            int train = data.trainSize() > 0 ? data.trainSize() : pool.size() - validation;
            long wanted = (long) train + validation;
            if (wanted > pool.size() || train < 1) {
                throw new SpecException(spec.file() + ": data: train_size " + train + " + validation_size "
                        + validation + " = " + wanted + " samples; expected at most the " + pool.size()
                        + " training samples of " + data.dataset() + (carvedTest == null ? ""
                        : " left after its test split"));
            }
            int folds = spec.training().folds();
            if (folds > wanted) {
                throw new SpecException(spec.file() + ": training: folds " + folds + "; expected at most the " + wanted
                        + " samples of the search's subset and validation split");
            }
            LabelledData.Split raw = split(spec, pool.subset((int) wanted, spec.seed()), validation, spec.seed(),
                    "validation");
            Normalization normalization = raw.train().sampleShape().dimension() == 1
                    ? Normalization.fit(raw.train()) : Normalization.NONE;
            return new SpecData(spec, pool, carvedTest, new LabelledData.Split(raw.train().normalized(normalization),
                    raw.validation().normalized(normalization)), normalization);
        } catch (IllegalArgumentException e) {
            throw e instanceof SpecException s ? s : new SpecException(spec.file() + ": data: " + e.getMessage(), e);
        }
    }

    private static LabelledData readTraining(RunSpec.Data data) {
        return data.kind().readTraining(data);
    }

    private static LabelledData.Split split(RunSpec spec, LabelledData data, int count, long seed, String what) {
        if (count >= data.size()) {
            throw new SpecException(spec.file() + ": data: " + data.size() + " samples cannot give " + count
                    + " to the " + what + " split and keep some to train on; expected more data or a smaller "
                    + what + " size");
        }
        return data.split(count, seed);
    }

    /** The search's training subset and validation split (normalised). */
    public LabelledData.Split search() {
        return search;
    }

    /**
     * How many samples validate each network of the search: its validation split, or with {@code training.folds}
     * every sample of the subset and the split (each in the fold left out once).
     */
    public int validationSamples() {
        return spec.training().folds() > 1 ? search.train().size() + search.validation().size()
                : search.validation().size();
    }

    /** How many samples {@link #allTraining()} holds, without normalising them. */
    public int trainingSize() {
        return pool.size();
    }

    /** Every training sample, the validation split's included (normalised): what the final models train on. */
    public LabelledData allTraining() {
        return pool.normalized(normalization);
    }

    /**
     * The test split (normalised). Read from disk only now, when it is a set of its own.
     *
     * @throws IllegalStateException naming the file when it cannot be read: the search is over by now, so this
     *     fails the run rather than refusing its input
     */
    public LabelledData test() {
        RunSpec.Data data = spec.data();
        LabelledData test;
        try {
            test = carvedTest != null ? carvedTest : data.kind().readTest(data, pool).orElseThrow();
        } catch (IllegalArgumentException e) {
            // Read only now, after the search: a bad test split fails the run (exit 1), it is not a spec error.
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (!test.sampleShape().equals(pool.sampleShape())) {
            throw new IllegalStateException("the test split's samples have the shape " + test.sampleShape()
                    + "; expected " + pool.sampleShape() + " like the training data");
        }
        return test.normalized(normalization);
    }

    /**
     * What a model of this run takes and gives, for {@code data.json} and exports: the dataset kind, the sample
     * shape, the class names, the normalisation, and how the network is built (family or class, options, jars).
     */
    public ObjectNode describe() {
        ObjectNode out = JSON.createObjectNode();
        out.put("dataset", spec.data().dataset());
        out.put("input", pool.sampleShape().dimension() == 1 ? "features" : "image");
        var shape = out.putArray("sample_shape");
        for (long d : pool.sampleShape().getShape()) {
            shape.add(d);
        }
        if (spec.data().kind() == DatasetKind.CSV) {
            var columns = out.putArray("feature_columns");
            CsvTable.featureColumns(spec.data().train(), spec.data().label()).forEach(columns::add);
            out.put("label_column", spec.data().label());
        }
        var classes = out.putArray("classes");
        pool.classNames().forEach(classes::add);
        var norm = out.putObject("normalization");
        var mean = norm.putArray("mean");
        var std = norm.putArray("std");
        for (int i = 0; i < normalization.mean().length; i++) {
            mean.add(normalization.mean()[i]);
            std.add(normalization.std()[i]);
        }
        RunSpec.Model model = spec.model();
        ObjectNode built = out.putObject("model");
        built.put("family", model.family());
        built.put("class", model.className());
        ObjectNode options = built.putObject("options");
        if (model.family() != null) {
            options.put("stem_stride", model.stemStride());
        }
        options.setAll((ObjectNode) JSON.valueToTree(model.kwargs()));
        var jars = built.putArray("classpath");
        model.classpath().forEach(p -> jars.add(p.toString()));
        out.put("train_samples", pool.size());
        out.put("search_train_samples", search.train().size());
        out.put("validation_samples", search.validation().size());
        out.put("folds", spec.training().folds());
        return out;
    }
}
