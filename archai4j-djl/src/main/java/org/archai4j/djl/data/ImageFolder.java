package org.archai4j.djl.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import ai.djl.ndarray.types.Shape;
import org.archai4j.onnx.ImagePixels;

/**
 * Labelled images from a folder of class folders ({@code train/cat/*.png}, {@code train/dog/*.jpg}), the layout
 * of DJL's and torchvision's {@code ImageFolder}. Class names are the sub-folder names in sorted order; PNG and
 * JPEG files are read (other files are ignored), resized to {@code size x size} when a size is given (bilinear),
 * and scaled to [0, 1]. Grayscale or RGB is detected (RGB as soon as one image has colour) unless set.
 *
 * <p>Why not DJL's {@code ai.djl.basicdataset.cv.classification.ImageFolder}: it decodes images lazily into
 * {@code NDArray}s one record at a time, while archai4j's training loop batches from one float array in memory
 * (what makes it faster than PyTorch here); it also reports a bad image deep inside training, where this reports
 * it, by file, before the search starts.
 *
 * <pre>{@code
 * LabelledData train = ImageFolder.load(Path.of("data/train"), ImageFolder.Options.of(32, null), null);
 * LabelledData test = ImageFolder.load(Path.of("data/test"), ImageFolder.Options.of(32, 3), train.classNames());
 * }</pre>
 */
public final class ImageFolder {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");
    /** The most pixels an image may have (4096 x 4096): decoding more is a memory bomb, not a data set. */
    public static final long MAX_PIXELS = 4096L * 4096;

    private ImageFolder() {
    }

    /**
     * How images are read.
     *
     * @param size the side every image is resized to (null: keep their size, which must then be the same)
     * @param channels 1 (grayscale) or 3 (RGB); null to detect
     */
    public record Options(Integer size, Integer channels) {
        public Options {
            if (size != null && (size < 1 || size > 1024)) {
                throw new IllegalArgumentException("size " + size + ": expected 1 to 1024 pixels");
            }
            if (channels != null && channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels " + channels + ": expected 1 or 3");
            }
        }

        public static Options of(Integer size, Integer channels) {
            return new Options(size, channels);
        }
    }

    /**
     * Reads every image under {@code directory}.
     *
     * @param classNames the classes to expect (a test folder's must be among the training folder's), or null to
     *     take them from the sub-folders
     * @throws IllegalArgumentException naming the folder or file: a missing folder, no class folders, an empty
     *     class, an unreadable image, an image of another size when no size is given, an unknown class
     */
    public static LabelledData load(Path directory, Options options, List<String> classNames) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + ": no such folder; expected a folder with one sub-folder "
                    + "of PNG or JPEG images per class");
        }
        List<Path> classDirs = list(directory).filter(Files::isDirectory).sorted().toList();
        if (classDirs.isEmpty()) {
            throw new IllegalArgumentException(directory + ": no class folders; expected one sub-folder of PNG or "
                    + "JPEG images per class");
        }
        List<String> names = classNames != null ? classNames
                : classDirs.stream().map(d -> d.getFileName().toString()).toList();
        List<BufferedImage> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path classDir : classDirs) {
            String name = classDir.getFileName().toString();
            int label = names.indexOf(name);
            if (label < 0) {
                throw new IllegalArgumentException(classDir + ": class '" + name + "' is not a training class; "
                        + "expected one of " + String.join(", ", names));
            }
            Optional<Path> nested = list(classDir).filter(Files::isDirectory).sorted().findFirst();
            if (nested.isPresent()) {
                throw new IllegalArgumentException(nested.get() + ": a folder inside the class folder '" + name
                        + "'; expected only images there (one level of class folders)");
            }
            List<Path> classFiles = list(classDir).filter(ImageFolder::isImage).sorted().toList();
            if (classFiles.isEmpty()) {
                throw new IllegalArgumentException(classDir + ": no PNG or JPEG images; expected at least one "
                        + "image per class");
            }
            for (Path file : classFiles) {
                images.add(read(file));
                labels.add(label);
                files.add(file);
            }
        }
        int channels = options.channels() != null ? options.channels()
                : images.stream().anyMatch(ImageFolder::hasColour) ? 3 : 1;
        int height = options.size() != null ? options.size() : images.get(0).getHeight();
        int width = options.size() != null ? options.size() : images.get(0).getWidth();
        long total = (long) images.size() * channels * height * width;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(directory + ": " + images.size() + " images of " + channels + "x"
                    + height + "x" + width + " do not fit in memory; set a smaller size");
        }
        float[] values = new float[(int) total];
        int perImage = channels * height * width;
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            if (options.size() == null && (image.getWidth() != width || image.getHeight() != height)) {
                throw new IllegalArgumentException(files.get(i) + ": " + image.getWidth() + "x" + image.getHeight()
                        + " pixels; expected " + width + "x" + height + " like " + files.get(0).getFileName()
                        + " (or set a size to resize every image)");
            }
            ImagePixels.write(ImagePixels.resized(image, width, height), channels, values, i * perImage);
        }
        return new LabelledData(values, labels.stream().mapToInt(Integer::intValue).toArray(),
                new Shape(channels, height, width), names);
    }

    /**
     * Reads a PNG or JPEG file, its size checked from its header before its pixels are decoded: a small file can
     * claim a huge image (a 48 KB PNG of 20,000 x 20,000 pixels), which would take gigabytes to decode.
     *
     * @throws IllegalArgumentException naming the file when it is not an image, or has more than
     *     {@link #MAX_PIXELS} pixels
     */
    public static BufferedImage read(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException(file + ": not a readable PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new IllegalArgumentException(file + ": " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels; expected at most " + MAX_PIXELS + " (4096x4096)");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new IllegalArgumentException(file + ": not a readable PNG or JPEG image");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException i && i.getMessage() != null
                    && i.getMessage().startsWith(file.toString())) {
                throw i;
            }
            throw new IllegalArgumentException(file + ": not a readable PNG or JPEG image (" + e.getMessage() + ")",
                    e);
        }
    }

    /** Whether {@code file} is a regular file named as a PNG or JPEG image. */
    public static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static boolean hasColour(BufferedImage image) {
        if (image.getColorModel().getNumColorComponents() == 1) {
            return false;
        }
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                if (r != g || g != (rgb & 0xFF)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Stream<Path> list(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": cannot list (" + e.getMessage() + ")", e);
        }
    }
}
