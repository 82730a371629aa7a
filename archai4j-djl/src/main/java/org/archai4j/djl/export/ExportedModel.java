package org.archai4j.djl.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.archai4j.config.ArchConfig;
import org.archai4j.djl.DjlWeightStore;
import org.archai4j.djl.data.Normalization;
import org.archai4j.io.AtomicFiles;
import org.archai4j.onnx.ImagePixels;
import org.archai4j.onnx.OnnxMetadata;
import org.archai4j.onnx.OnnxModel;
import org.archai4j.djl.models.CodeLoading;
import org.archai4j.djl.models.NetworkSource;
import org.archai4j.djl.nn.EnsembleBlock;

/**
 * A model exported by {@code archai4j export}, loaded for inference: its network rebuilt from the architecture
 * file, its trained weights read, and DJL {@link Predictor}s that take images or feature rows and give
 * {@link Classifications} (every class with its probability). Inputs are prepared as in training: images resized
 * to the trained size (bilinear), converted to grayscale or RGB, scaled to [0, 1]; rows normalised with the
 * training split's statistics.
 *
 * <pre>{@code
 * try (ExportedModel model = ExportedModel.load(Path.of("fashion-model"));
 *      Predictor<Image, Classifications> predictor = model.imagePredictor()) {
 *     Classifications result = predictor.predict(ImageFactory.getInstance().fromFile(Path.of("shoe.png")));
 *     System.out.println(result.best().getClassName());
 * }
 * }</pre>
 *
 * @implNote Thread-safe like a DJL {@code Model}: predictors are not, so give each thread its own.
 */
public final class ExportedModel implements AutoCloseable {
    /** The largest difference of probabilities an ONNX export may have from the network at export time. */
    public static final double ONNX_TOLERANCE = 1e-4;
    private static final int ONNX_CHECK_INPUTS = 64;
    private final ModelBundle bundle;
    private final Model model;
    private final NetworkSource source;

    private ExportedModel(ModelBundle bundle, Model model, NetworkSource source) {
        this.bundle = bundle;
        this.model = model;
        this.source = source;
    }

    /** Loads the model in {@code directory} on the CPU, running no code from its jars. */
    public static ExportedModel load(Path directory) {
        return load(directory, Device.cpu(), CodeLoading.REFUSE);
    }

    /**
     * Loads the model in {@code directory} on {@code device}. Its files are checked against the digests
     * {@code model.json} records before anything is read; code from its jars is loaded only when the network is
     * not built in and {@code code} allows it ({@link #loadedJars()}, {@link #unusedJars()} say what happened).
     *
     * @throws IllegalArgumentException naming the file when the directory is not an export, a file differs from
     *     its digest, the network needs code that {@code code} refuses, or its weights do not fit its architecture
     */
    public static ExportedModel load(Path directory, Device device, CodeLoading code) {
        ModelBundle bundle = ModelBundle.read(directory);
        bundle.verifyDigests(directory);
        NetworkSource source = source(directory, bundle, code);
        List<String> archFiles = bundle.archFiles();
        Model model;
        Block block;
        try {
            List<Block> blocks = new ArrayList<>();
            for (String arch : archFiles) {
                ArchConfig config = ArchConfig.fromFile(directory.resolve(arch));
                blocks.add(source.block(config, bundle.sampleShape(), bundle.classes().size(), bundle.options()));
            }
            block = bundle.isEnsemble() ? new EnsembleBlock(blocks) : blocks.get(0);
            model = Model.newInstance(bundle.archid(), device);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        try {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1).addAll(bundle.sampleShape()));
            for (int i = 0; i < archFiles.size(); i++) {
                Block network = bundle.isEnsemble() ? ((EnsembleBlock) block).members().get(i) : block;
                Path weights = directory.resolve(bundle.weightsFiles().get(i));
                try {
                    DjlWeightStore.loadParameters(network, model.getNDManager(), weights);
                } catch (IllegalArgumentException | UncheckedIOException e) {
                    Throwable why = e.getCause() != null ? e.getCause() : e;
                    throw new IllegalArgumentException(weights + ": weights that do not fit " + archFiles.get(i)
                            + " (" + why.getMessage() + ")", e);
                }
            }
            return new ExportedModel(bundle, model, source);
        } catch (RuntimeException e) {
            model.close();
            source.close();
            throw e;
        }
    }

    /** The jars whose code was loaded: the network is not built in, and loading was allowed. */
    public List<Path> loadedJars() {
        return source.loadedJars();
    }

    /** The jars {@code model.json} lists that the built-in network does not need: never opened. */
    public List<Path> unusedJars() {
        return source.unusedJars();
    }

    /** What the model is: family, input, classes, normalisation, metrics. */
    public ModelBundle bundle() {
        return bundle;
    }

    /** A predictor of images (as {@code ImageFactory} reads them). */
    public Predictor<Image, Classifications> imagePredictor() {
        requireInput("image");
        return model.newPredictor(new ImageTranslator());
    }

    /** A predictor of feature rows, in {@link ModelBundle#featureColumns()} order. */
    public Predictor<float[], Classifications> featurePredictor() {
        requireInput("features");
        return model.newPredictor(new FeatureTranslator());
    }

    /** An image as the network takes it: resized, grayscale or RGB, in [0, 1], then normalised. */
    public float[] imageInput(BufferedImage image) {
        Shape shape = bundle.sampleShape();
        int channels = (int) shape.get(0);
        int height = (int) shape.get(1);
        int width = (int) shape.get(2);
        float[] values = new float[channels * height * width];
        ImagePixels.write(ImagePixels.resized(image, width, height), channels, values, 0);
        return bundle.normalization().apply(values, shape);
    }

    /**
     * The class probabilities of {@code count} inputs, one after another in {@code values}: images' pixels as
     * {@link ImagePixels} writes them, or rows of the feature columns as they are (normalised here).
     */
    public float[][] probabilities(float[] values, int count) {
        int size = (int) bundle.sampleShape().size();
        if (count < 1 || (long) count * size != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + count + " inputs; expected " + size
                    + " per input");
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false); // inference: no autograd graph
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray input = scope.create(bundle.normalization().apply(values, bundle.sampleShape()),
                    new Shape(count).addAll(bundle.sampleShape()));
            float[] flat = model.getBlock().forward(new ParameterStore(scope, false), new NDList(input), false)
                    .singletonOrThrow().softmax(-1).toFloatArray();
            int classes = bundle.classes().size();
            float[][] out = new float[count][classes];
            for (int i = 0; i < count; i++) {
                System.arraycopy(flat, i * classes, out[i], 0, classes);
            }
            return out;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /**
     * Writes this model as ONNX ({@link OnnxExport}: normalisation in the graph, probabilities and logits out,
     * {@link OnnxMetadata} in its properties) to {@code file}, atomically, and checks it: ONNX Runtime's
     * probabilities must match this model's within {@value #ONNX_TOLERANCE} on {@value #ONNX_CHECK_INPUTS} random
     * inputs, or the file is removed.
     *
     * @throws IllegalArgumentException naming the layer with no ONNX mapping, or when ONNX Runtime disagrees
     */
    public void exportOnnx(Path file) {
        OnnxMetadata metadata = new OnnxMetadata(bundle.archid(), bundle.family() != null ? bundle.family()
                : bundle.blockClass(), bundle.input(), bundle.sampleShape().getShape(), bundle.featureColumns(),
                bundle.classes());
        AtomicFiles.write(file, OnnxExport.toBytes(model.getBlock(), bundle.sampleShape(), bundle.normalization(),
                metadata));
        float[] inputs = randomInputs(ONNX_CHECK_INPUTS);
        float[][] expected = probabilities(inputs, ONNX_CHECK_INPUTS);
        float[][] actual;
        try (OnnxModel onnx = OnnxModel.load(file, 1)) {
            actual = onnx.probabilities(inputs, ONNX_CHECK_INPUTS);
        }
        double largest = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < expected[i].length; c++) {
                largest = Math.max(largest, Math.abs(expected[i][c] - actual[i][c]));
            }
        }
        if (!(largest <= ONNX_TOLERANCE)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the error below says what matters
            }
            throw new IllegalArgumentException("the ONNX model's probabilities differ from the network's by up to "
                    + largest + " on random inputs (at most " + ONNX_TOLERANCE + " expected): a layer's settings "
                    + "have no faithful ONNX mapping");
        }
    }

    /** Seeded inputs in the data's range: pixels in [0, 1], or features around the training split's means. */
    private float[] randomInputs(int count) {
        int size = (int) bundle.sampleShape().size();
        Random random = new Random(size);
        Normalization norm = bundle.normalization();
        float[] values = new float[count * size];
        for (int i = 0; i < values.length; i++) {
            int g = norm.isNone() ? 0 : (i % size) / (size / norm.mean().length);
            values[i] = bundle.takesImages() ? random.nextFloat() : norm.isNone() ? (float) random.nextGaussian()
                    : norm.mean()[g] + norm.std()[g] * (float) random.nextGaussian();
        }
        return values;
    }

    private void requireInput(String input) {
        if (!bundle.input().equals(input)) {
            throw new IllegalStateException("this model takes " + bundle.input() + ", not " + input);
        }
    }

    private Classifications classify(TranslatorContext ctx, NDList list) {
        NDArray probabilities = list.singletonOrThrow().softmax(-1);
        float[] p = probabilities.toFloatArray();
        List<Double> values = new ArrayList<>(p.length);
        for (float v : p) {
            values.add((double) v);
        }
        return new Classifications(bundle.classes(), values);
    }

    private final class ImageTranslator implements Translator<Image, Classifications> {
        @Override
        public NDList processInput(TranslatorContext ctx, Image input) {
            if (!(input.getWrappedImage() instanceof BufferedImage image)) {
                throw new IllegalArgumentException("an image of " + input.getWrappedImage().getClass().getName()
                        + "; expected one of DJL's BufferedImageFactory (ImageFactory.getInstance() on the JVM)");
            }
            return new NDList(ctx.getNDManager().create(imageInput(image), bundle.sampleShape()));
        }

        @Override
        public Classifications processOutput(TranslatorContext ctx, NDList list) {
            return classify(ctx, list);
        }
    }

    private final class FeatureTranslator implements Translator<float[], Classifications> {
        @Override
        public NDList processInput(TranslatorContext ctx, float[] input) {
            if (input.length != bundle.sampleShape().size()) {
                throw new IllegalArgumentException(input.length + " features; expected " + bundle.sampleShape()
                        .size() + " (" + String.join(", ", bundle.featureColumns()) + ")");
            }
            return new NDList(ctx.getNDManager().create(bundle.normalization().apply(input, bundle.sampleShape()),
                    bundle.sampleShape()));
        }

        @Override
        public Classifications processOutput(TranslatorContext ctx, NDList list) {
            return classify(ctx, list);
        }
    }

    /** The network source of an export: its family or class, with the jars of its {@code lib/} folder. */
    private static NetworkSource source(Path directory, ModelBundle bundle, CodeLoading code) {
        Path lib = directory.resolve(ModelBundle.LIB_DIRECTORY).normalize();
        List<Path> jars = new ArrayList<>();
        for (String jar : bundle.jars()) {
            Path file = lib.resolve(jar).normalize();
            if (!file.startsWith(lib) || !Files.isRegularFile(file)) {
                throw new IllegalArgumentException(directory.resolve(ModelBundle.FILE_NAME) + ": jars: " + jar
                        + " is not a file in " + ModelBundle.LIB_DIRECTORY + "/");
            }
            jars.add(file);
        }
        try {
            return bundle.family() != null ? NetworkSource.family(bundle.family(), jars, code)
                    : NetworkSource.blockClass(bundle.blockClass(), jars, code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(directory.resolve(ModelBundle.FILE_NAME) + ": " + (bundle.family()
                    != null ? "family " : "class: ") + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
        source.close();
    }
}
