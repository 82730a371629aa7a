package org.archai4j.djl.export;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.archai4j.onnx.OnnxModel;

/**
 * Runs in a JVM without DJL: says so, then prints the probabilities an exported image model's ONNX graph gives for
 * the first five of {@link OnnxExportTest}'s seeded inputs.
 */
public final class OnnxOnlyMain {
    private OnnxOnlyMain() {
    }

    public static void main(String[] args) {
        try {
            Class.forName("ai.djl.engine.Engine");
            System.out.println("DJL is on the classpath");
        } catch (ClassNotFoundException expected) {
            System.out.println("no DJL");
        }
        try (OnnxModel model = OnnxModel.load(Path.of(args[0]))) {
            int size = model.metadata().sampleSize();
            Random random = new Random(7);
            float[] inputs = new float[5 * size];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = random.nextFloat();
            }
            for (float[] row : model.probabilities(inputs, 5)) {
                System.out.println(Arrays.toString(row));
            }
        }
    }
}
