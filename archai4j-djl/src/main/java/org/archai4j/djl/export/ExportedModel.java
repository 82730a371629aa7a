package org.archai4j.djl.export;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.archai4j.config.ArchConfig;
import org.archai4j.djl.data.ImageFolder;
import org.archai4j.djl.models.CodeLoading;
import org.archai4j.djl.models.NetworkSource;

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
        ArchConfig config = ArchConfig.fromFile(directory.resolve(ModelBundle.ARCH_FILE));
        Model model;
        Block block;
        try {
            block = source.block(config, bundle.sampleShape(), bundle.classes().size(), bundle.options());
            model = Model.newInstance(bundle.archid(), device);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        try {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1).addAll(bundle.sampleShape()));
            Path weights = directory.resolve(ModelBundle.WEIGHTS_FILE);
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
                block.loadParameters(model.getNDManager(), in);
            } catch (IOException | MalformedModelException | IllegalArgumentException e) {
                throw new IllegalArgumentException(weights + ": weights that do not fit " + ModelBundle.ARCH_FILE
                        + " (" + e.getMessage() + ")", e);
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
        ImageFolder.writePixels(ImageFolder.resized(image, width, height), channels, values, 0);
        return bundle.normalization().apply(values, shape);
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
