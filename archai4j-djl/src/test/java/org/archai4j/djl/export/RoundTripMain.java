package org.archai4j.djl.export;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;

/**
 * Loads an exported model and prints its predictions for seeded inputs, every probability as its exact bits: run
 * in a fresh JVM by {@link ExportRoundTripTest}, and called in the test's own.
 */
public final class RoundTripMain {
    private RoundTripMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.print(predictions(Path.of(args[0])));
    }

    static String predictions(Path directory) throws Exception {
        StringBuilder out = new StringBuilder();
        Random random = new Random(11);
        try (ExportedModel model = ExportedModel.load(directory)) {
            ModelBundle bundle = model.bundle();
            if (bundle.takesImages()) {
                try (Predictor<Image, Classifications> predictor = model.imagePredictor()) {
                    for (int n = 0; n < 5; n++) {
                        BufferedImage image = new BufferedImage(20, 24, BufferedImage.TYPE_INT_RGB);
                        for (int y = 0; y < 24; y++) {
                            for (int x = 0; x < 20; x++) {
                                image.setRGB(x, y, random.nextInt(1 << 24));
                            }
                        }
                        append(out, predictor.predict(ImageFactory.getInstance().fromImage(image)));
                    }
                }
            } else {
                try (Predictor<float[], Classifications> predictor = model.featurePredictor()) {
                    for (int n = 0; n < 5; n++) {
                        float[] row = new float[(int) bundle.sampleShape().size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = (float) random.nextGaussian() * 3;
                        }
                        append(out, predictor.predict(row));
                    }
                }
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Classifications result) {
        for (Classifications.Classification c : result.items()) {
            out.append(c.getClassName()).append('=').append(Long.toHexString(Double.doubleToLongBits(
                    c.getProbability()))).append(' ');
        }
        out.append('\n');
    }
}
