package org.archai4j.onnx;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.io.FileDigests;

/**
 * A model exported by {@code archai4j export} as ONNX, run on ONNX Runtime's CPU provider: no DJL, no PyTorch. Takes
 * images (resized, grayscale or RGB, scaled to [0, 1] by {@link #imageInput}) or rows of the feature columns as they
 * are in the CSV file; the graph normalises them as in training and gives class probabilities.
 *
 * <pre>{@code
 * try (OnnxModel model = OnnxModel.load(Path.of("fashion-model"))) {
 *     Prediction p = model.predict(model.imageInput(ImageIO.read(new File("shoe.png"))));
 *     System.out.println(p.best().className());
 * }
 * }</pre>
 *
 * @implNote Thread-safe: ONNX Runtime sessions may be run from several threads at once.
 */
public final class OnnxModel implements AutoCloseable {
    /** The ONNX file's name in an export's directory. */
    public static final String FILE_NAME = "model.onnx";
    private static final String BUNDLE_FILE = "model.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final OnnxMetadata metadata;
    private final Path file;

    private OnnxModel(OrtEnvironment environment, OrtSession session, OnnxMetadata metadata, Path file) {
        this.environment = environment;
        this.session = session;
        this.metadata = metadata;
        this.file = file;
    }

    /** Loads {@code path}, an export's directory or a {@code model.onnx} file, with ONNX Runtime's own threading. */
    public static OnnxModel load(Path path) {
        return load(path, 0);
    }

    /**
     * Loads {@code path}: an export's directory (its {@code model.onnx} checked against the digest its
     * {@code model.json} records, before it is read) or a {@code model.onnx} file written by archai4j.
     *
     * @param threads ONNX Runtime's intra-op threads; 0 for its default (one per physical core)
     * @throws IllegalArgumentException naming the file when it is missing, changed since export, not ONNX, or not
     *     written by archai4j
     */
    public static OnnxModel load(Path path, int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads " + threads + ": expected 0 (ONNX Runtime's default) or more");
        }
        Path file = Files.isDirectory(path) ? verifiedFile(path) : path;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file; expected a model.onnx written by archai4j "
                    + "export, or its directory");
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            session = environment.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new IllegalArgumentException(file + ": not a model ONNX Runtime can load (" + firstLine(e) + ")",
                    e);
        }
        try {
            OnnxMetadata metadata = OnnxMetadata.fromProperties(session.getMetadata().getCustomMetadata(),
                    file.toString());
            if (!session.getInputNames().contains(OnnxMetadata.INPUT)
                    || !session.getOutputNames().contains(OnnxMetadata.PROBABILITIES)) {
                throw new IllegalArgumentException(file + ": inputs " + session.getInputNames() + ", outputs "
                        + session.getOutputNames() + "; expected the input '" + OnnxMetadata.INPUT
                        + "' and the output '" + OnnxMetadata.PROBABILITIES + "'");
            }
            return new OnnxModel(environment, session, metadata, file);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            throw e instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException(file + ": " + firstLine(e), e);
        }
    }

    /** The {@code model.onnx} of an export's directory, after its digest is checked. */
    private static Path verifiedFile(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        Path bundle = directory.resolve(BUNDLE_FILE);
        if (!Files.isRegularFile(bundle)) {
            return file;
        }
        JsonNode digest;
        try {
            digest = JSON.readTree(bundle.toFile()).path("digests").path(FILE_NAME);
        } catch (IOException e) {
            throw new IllegalArgumentException(bundle + ": not JSON (" + firstLine(e) + ")", e);
        }
        if (!digest.isTextual()) {
            throw new IllegalArgumentException(bundle + ": digests: none for " + FILE_NAME + "; this export has no "
                    + "ONNX model (exported before archai4j wrote one, or its network has a layer with no ONNX "
                    + "mapping: see its README.md)");
        }
        FileDigests.verify(file, digest.asText(), bundle);
        return file;
    }

    /** What the model takes and scores. */
    public OnnxMetadata metadata() {
        return metadata;
    }

    /** The ONNX file. */
    public Path file() {
        return file;
    }

    /** An image as the model takes it: resized to its size, grayscale or RGB, scaled to [0, 1]. */
    public float[] imageInput(BufferedImage image) {
        long[] shape = metadata.sampleShape();
        float[] values = new float[metadata.sampleSize()];
        ImagePixels.write(ImagePixels.resized(image, (int) shape[2], (int) shape[1]), (int) shape[0], values, 0);
        return values;
    }

    /** The class probabilities of one input (pixels from {@link #imageInput}, or one row of features). */
    public Prediction predict(float[] input) {
        return new Prediction(metadata.classes(), probabilities(input, 1)[0]);
    }

    /**
     * The class probabilities of {@code count} inputs, one after another in {@code values}.
     *
     * @throws IllegalArgumentException when {@code values} does not hold {@code count} inputs
     */
    public float[][] probabilities(float[] values, int count) {
        int size = metadata.sampleSize();
        if (count < 1 || (long) count * size != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + count + " inputs; expected "
                    + size + " per input" + (metadata.takesImages() ? "" : " (" + String.join(", ",
                    metadata.featureColumns()) + ")"));
        }
        long[] sample = metadata.sampleShape();
        long[] shape = new long[sample.length + 1];
        shape[0] = count;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
             OrtSession.Result result = session.run(Map.of(OnnxMetadata.INPUT, tensor),
                     Set.of(OnnxMetadata.PROBABILITIES))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            int classes = metadata.classes().size();
            float[][] probabilities = new float[count][classes];
            for (float[] row : probabilities) {
                out.get(row);
            }
            return probabilities;
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": ONNX Runtime failed (" + firstLine(e) + ")", e);
        }
    }

    /** The predictions of several inputs, in one batch. */
    public List<Prediction> predict(List<float[]> inputs) {
        int size = metadata.sampleSize();
        float[] values = new float[inputs.size() * size];
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).length != size) {
                throw new IllegalArgumentException("input " + i + ": " + inputs.get(i).length + " values; expected "
                        + size);
            }
            System.arraycopy(inputs.get(i), 0, values, i * size, size);
        }
        List<Prediction> out = new ArrayList<>(inputs.size());
        for (float[] p : probabilities(values, inputs.size())) {
            out.add(new Prediction(metadata.classes(), p));
        }
        return out;
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // already failing: the first error is the one to report
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }
}
