package org.archai4j.djl.training;

import java.util.SplittableRandom;

/**
 * Random changes to training images, the standard ones for small images: a random crop of the image padded with
 * zeros by {@code cropPadding} pixels on each side (a shift of up to that many pixels), and a horizontal flip with
 * probability one half. Applied on the CPU while a batch is assembled, from a generator seeded per step, so a run
 * is the same every time and a continued run sees what an uninterrupted one would.
 *
 * <pre>{@code
 * Augmentation a = new Augmentation(2, true);
 * a.apply(pixels, offset, 1, 28, 28, random);   // one image, in place
 * }</pre>
 *
 * @param cropPadding the padding of the random crop (0: no crop)
 * @param horizontalFlip whether images are flipped left to right half of the time
 */
public record Augmentation(int cropPadding, boolean horizontalFlip) {
    /** No change. */
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (cropPadding < 0 || cropPadding > 64) {
            throw new IllegalArgumentException("crop_padding " + cropPadding + ": expected 0 to 64");
        }
    }

    /** Whether this changes anything. */
    public boolean isNone() {
        return cropPadding == 0 && !horizontalFlip;
    }

    /**
     * Changes one {@code channels x height x width} image in {@code pixels} at {@code offset}, in place.
     *
     * @param scratch at least {@code channels * height * width} floats to work in
     */
    public void apply(float[] pixels, int offset, int channels, int height, int width, SplittableRandom random,
                      float[] scratch) {
        int dy = cropPadding == 0 ? 0 : random.nextInt(2 * cropPadding + 1) - cropPadding;
        int dx = cropPadding == 0 ? 0 : random.nextInt(2 * cropPadding + 1) - cropPadding;
        boolean flip = horizontalFlip && random.nextBoolean();
        if (dy == 0 && dx == 0 && !flip) {
            return;
        }
        int size = channels * height * width;
        System.arraycopy(pixels, offset, scratch, 0, size);
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = 0; y < height; y++) {
                int sy = y + dy;
                for (int x = 0; x < width; x++) {
                    int sx = (flip ? width - 1 - x : x) + dx;
                    pixels[offset + plane + y * width + x] = sy < 0 || sy >= height || sx < 0 || sx >= width
                            ? 0f : scratch[plane + sy * width + sx];
                }
            }
        }
    }
}
