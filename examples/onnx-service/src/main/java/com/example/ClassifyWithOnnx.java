package com.example;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.archai4j.onnx.OnnxModel;
import org.archai4j.onnx.Prediction;

/**
 * Classifies images with a model written by {@code archai4j export}, on ONNX Runtime: no DJL, no PyTorch.
 * Usage: {@code ClassifyWithOnnx MODEL_DIR IMAGE...}
 */
public final class ClassifyWithOnnx {
    private ClassifyWithOnnx() {
    }

    public static void main(String[] args) throws IOException {
        try (OnnxModel model = OnnxModel.load(Path.of(args[0]))) {
            for (int i = 1; i < args.length; i++) {
                Prediction p = model.predict(model.imageInput(ImageIO.read(Path.of(args[i]).toFile())));
                System.out.println(args[i] + ": " + p.best().className() + " " + p.best().probability());
            }
        }
    }
}
