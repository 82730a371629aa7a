package org.archai4j.bench;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.translate.TranslateException;
import org.archai4j.djl.export.ExportedModel;

/**
 * Cold start of the DJL route, in a fresh JVM: the milliseconds from the JVM's start to the first prediction of an
 * exported model through {@link ExportedModel}, on a blank image (PyTorch already unpacked in {@code ~/.djl.ai}).
 *
 * <pre>{@code
 * DjlColdStart /tmp/exported
 * route=djl cold_start_ms=1630 class=Bag
 * }</pre>
 */
public final class DjlColdStart {
    private DjlColdStart() {
    }

    public static void main(String[] args) throws TranslateException {
        try (ExportedModel model = ExportedModel.load(Path.of(args[0]));
             Predictor<Image, Classifications> predictor = model.imagePredictor()) {
            long[] shape = model.bundle().sampleShape().getShape();
            Classifications c = predictor.predict(ImageFactory.getInstance().fromImage(new BufferedImage(
                    (int) shape[2], (int) shape[1], BufferedImage.TYPE_INT_RGB)));
            System.out.printf(Locale.ROOT, "route=djl cold_start_ms=%d class=%s%n", System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime(), c.best().getClassName());
        }
    }
}
