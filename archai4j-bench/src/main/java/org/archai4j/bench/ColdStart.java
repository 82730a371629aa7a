package org.archai4j.bench;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.archai4j.onnx.OnnxModel;
import org.archai4j.onnx.Prediction;

/**
 * Cold start of the ONNX Runtime route, run in a fresh JVM whose classpath holds only {@code archai4j-onnx} and
 * its dependencies (ONNX Runtime, archai4j-core, Jackson): the milliseconds from the JVM's start to the first
 * prediction of an exported model, on a blank image. {@link DjlColdStart} is the DJL route's.
 *
 * <pre>{@code
 * ColdStart /tmp/exported
 * route=onnx cold_start_ms=412 class=Bag
 * }</pre>
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) {
        try (OnnxModel model = OnnxModel.load(Path.of(args[0]))) {
            long[] shape = model.metadata().sampleShape();
            Prediction p = model.predict(model.imageInput(new BufferedImage((int) shape[2], (int) shape[1],
                    BufferedImage.TYPE_INT_RGB)));
            System.out.printf(Locale.ROOT, "route=onnx cold_start_ms=%d class=%s%n", System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime(), p.best().className());
        }
    }
}
