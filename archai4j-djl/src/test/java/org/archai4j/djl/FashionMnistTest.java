package org.archai4j.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.archai4j.djl.data.FashionMnist;
import org.archai4j.djl.data.IdxFiles;
import org.archai4j.djl.data.LabelledData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX loader on tiny files written here, its errors, and seeded subsets and splits. */
class FashionMnistTest {
    /** A tiny Fashion-MNIST: {@code n} 2x3 images per part, image i filled with i and labelled i % 10. */
    static void writeTiny(Path dir, int n, boolean gzip) throws IOException {
        for (String part : new String[] {"train", "t10k"}) {
            byte[] pixels = new byte[n * 6];
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < 6; p++) {
                    pixels[i * 6 + p] = (byte) (i * 10 + p);
                }
                labels[i] = (byte) (i % 10);
            }
            String suffix = gzip ? ".gz" : "";
            IdxFiles.write(dir.resolve(part + "-images-idx3-ubyte" + suffix),
                    new IdxFiles.Idx(new int[] {n, 2, 3}, pixels));
            IdxFiles.write(dir.resolve(part + "-labels-idx1-ubyte" + suffix), new IdxFiles.Idx(new int[] {n}, labels));
        }
    }

    @Test
    void readsGzippedAndPlainFiles(@TempDir Path dir) throws IOException {
        for (boolean gzip : new boolean[] {true, false}) {
            Path d = Files.createDirectories(dir.resolve("gz" + gzip));
            writeTiny(d, 12, gzip);
            assertThat(FashionMnist.isInstalled(d)).isTrue();
            FashionMnist data = FashionMnist.load(d);
            LabelledData train = data.train();
            assertThat(train.size()).isEqualTo(12);
            assertThat(train.sampleShape().getShape()).containsExactly(1, 2, 3);
            float[] image = new float[6];
            train.copyImage(11, image, 0);
            assertThat(image[5]).isEqualTo(115 / 255f);
            assertThat(train.label(11)).isEqualTo(1);
            assertThat(data.test().size()).isEqualTo(12);
        }
    }

    @Test
    void subsetsAndSplitsAreSeededAndDisjoint(@TempDir Path dir) throws IOException {
        writeTiny(dir, 50, true);
        LabelledData train = FashionMnist.load(dir).train();
        LabelledData.Split a = train.subset(30, 7).split(10, 7);
        LabelledData.Split b = train.subset(30, 7).split(10, 7);
        assertThat(a.train().size()).isEqualTo(20);
        assertThat(a.validation().size()).isEqualTo(10);
        assertThat(firstPixels(a.validation())).isEqualTo(firstPixels(b.validation()));
        assertThat(firstPixels(a.train())).doesNotContainAnyElementsOf(firstPixels(a.validation()));
        assertThat(firstPixels(train.subset(30, 8))).isNotEqualTo(firstPixels(train.subset(30, 7)));
    }

    private static List<Float> firstPixels(LabelledData d) {
        List<Float> out = new ArrayList<>();
        float[] image = new float[6];
        for (int i = 0; i < d.size(); i++) {
            d.copyImage(i, image, 0);
            out.add(image[0]);
        }
        return out;
    }

    @Test
    void missingDataSaysHowToInstallIt(@TempDir Path dir) {
        assertThat(FashionMnist.isInstalled(dir)).isFalse();
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    @Test
    void malformedFilesNameTheFile(@TempDir Path dir) throws IOException {
        writeTiny(dir, 4, false);
        Path images = dir.resolve("train-images-idx3-ubyte");
        Files.write(images, new byte[] {0, 0, 0x0D, 3, 0, 0});
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(images.toString()).hasMessageContaining("magic number");

        IdxFiles.write(images, new IdxFiles.Idx(new int[] {4, 2, 3}, new byte[10]));
        assertThatThrownBy(() -> FashionMnist.load(dir)).hasMessageContaining(images.toString())
                .hasMessageContaining("truncated");

        IdxFiles.write(images, new IdxFiles.Idx(new int[] {5, 2, 3}, new byte[30]));
        assertThatThrownBy(() -> FashionMnist.load(dir)).hasMessageContaining("expected N images");

        IdxFiles.write(images, new IdxFiles.Idx(new int[] {4, 2, 3}, new byte[24]));
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"),
                new IdxFiles.Idx(new int[] {4}, new byte[] {0, 1, 2, 12}));
        assertThatThrownBy(() -> FashionMnist.load(dir)).hasMessageContaining("train-labels-idx1-ubyte")
                .hasMessageContaining("label 12 of image 3");
    }
}
