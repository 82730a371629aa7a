package org.archai4j.onnx;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * An image's pixels as a network takes them: {@code channels x height x width} floats in [0, 1], grayscale by
 * ITU-R BT.601 luma (as PIL's {@code convert("L")}) or RGB planes, after a bilinear resize. Training data and both
 * prediction routes (DJL and ONNX Runtime) prepare images here, so a deployed model sees what it was trained on.
 *
 * <pre>{@code
 * float[] pixels = new float[28 * 28];
 * ImagePixels.write(ImagePixels.resized(image, 28, 28), 1, pixels, 0);
 * }</pre>
 */
public final class ImagePixels {
    private ImagePixels() {
    }

    /** {@code image}'s pixels as {@code channels x height x width} floats in [0, 1] at {@code offset}. */
    public static void write(BufferedImage image, int channels, float[] target, int offset) {
        int height = image.getHeight();
        int width = image.getWidth();
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int at = offset + y * width + x;
                if (channels == 1) {
                    // ITU-R BT.601 luma, as PIL's convert("L").
                    target[at] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
                } else {
                    target[at] = r / 255f;
                    target[at + plane] = g / 255f;
                    target[at + 2 * plane] = b / 255f;
                }
            }
        }
    }

    /** {@code image} at {@code width x height} (itself when it already is). */
    public static BufferedImage resized(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }
}
