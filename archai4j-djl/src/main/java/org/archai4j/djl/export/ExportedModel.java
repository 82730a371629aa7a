package org.archai4j.djl.export;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.archai4j.djl.models.ModelFamily;

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
    private final URLClassLoader jarLoader;

    private ExportedModel(ModelBundle bundle, Model model, URLClassLoader jarLoader) {
        this.bundle = bundle;
        this.model = model;
        this.jarLoader = jarLoader;
    }

    /** Loads the model in {@code directory} on the CPU. */
    public static ExportedModel load(Path directory) {
        return load(directory, Device.cpu());
    }

    /**
     * Loads the model in {@code directory} on {@code device}.
     *
     * @throws IllegalArgumentException naming the file when the directory is not an export, or its weights do
     *     not fit its architecture
     */
    public static ExportedModel load(Path directory, Device device) {
        ModelBundle bundle = ModelBundle.read(directory);
        URLClassLoader jars = jarLoader(directory, bundle);
        ClassLoader loader = jars != null ? jars : ExportedModel.class.getClassLoader();
        ArchConfig config = ArchConfig.fromFile(directory.resolve(ModelBundle.ARCH_FILE));
        Block block = block(bundle, config, loader);
        Model model = Model.newInstance(bundle.archid(), device);
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
            return new ExportedModel(bundle, model, jars);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
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

    private static URLClassLoader jarLoader(Path directory, ModelBundle bundle) {
        if (bundle.jars().isEmpty()) {
            return null;
        }
        List<URL> urls = new ArrayList<>();
        for (String jar : bundle.jars()) {
            Path file = directory.resolve(ModelBundle.LIB_DIRECTORY).resolve(jar).normalize();
            if (!file.startsWith(directory.resolve(ModelBundle.LIB_DIRECTORY).normalize())
                    || !Files.isRegularFile(file)) {
                throw new IllegalArgumentException(directory.resolve(ModelBundle.FILE_NAME) + ": jars: " + jar
                        + " is not a file in " + ModelBundle.LIB_DIRECTORY + "/");
            }
            try {
                urls.add(file.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(file + ": not a jar path", e);
            }
        }
        return new URLClassLoader("archai4j-export", urls.toArray(URL[]::new), ExportedModel.class.getClassLoader());
    }

    private static Block block(ModelBundle bundle, ArchConfig config, ClassLoader loader) {
        int classes = bundle.classes().size();
        if (bundle.family() != null) {
            ModelFamily family = ModelFamily.find(bundle.family(), loader).orElseThrow(() ->
                    new IllegalArgumentException("model family '" + bundle.family() + "' is neither built in nor "
                            + "in the export's jars"));
            return family.block(config, new ModelFamily.Input(bundle.sampleShape(), classes, bundle.options()));
        }
        try {
            Class<?> type = Class.forName(bundle.blockClass(), true, loader);
            try {
                Constructor<?> c = type.getConstructor(ArchConfig.class, Map.class);
                return (Block) c.newInstance(config, bundle.options());
            } catch (NoSuchMethodException e) {
                return (Block) type.getConstructor(ArchConfig.class).newInstance(config);
            }
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("model class " + bundle.blockClass() + " failed: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new IllegalArgumentException("model class " + bundle.blockClass() + ": " + e, e);
        }
    }

    @Override
    public void close() {
        model.close();
        if (jarLoader != null) {
            try {
                jarLoader.close();
            } catch (IOException e) {
                // nothing was written; a jar that cannot be closed leaks a file handle at worst
            }
        }
    }
}
