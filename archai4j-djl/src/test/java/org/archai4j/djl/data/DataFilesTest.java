package org.archai4j.djl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset kinds a spec can name, on small files written here: what they read, and every error they name. */
class DataFilesTest {
    /** Writes a {@code size x size} PNG (or JPEG) of one colour, with a white pixel at {@code (i, i)}. */
    static void image(Path file, int size, Color colour, int i) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, colour.getRGB());
            }
        }
        image.setRGB(i % size, i % size, Color.WHITE.getRGB());
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        ImageIO.write(image, name.endsWith(".png") ? "png" : "jpg", file.toFile());
    }

    @Test
    void imageFoldersAreReadSortedResizedAndColourDetected(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 3; i++) {
            image(dir.resolve("train/red/" + i + ".png"), 8, Color.RED, i);
            image(dir.resolve("train/blue/" + i + ".jpg"), 8, Color.BLUE, i);
        }
        Files.writeString(dir.resolve("train/red/notes.txt"), "ignored");
        LabelledData data = ImageFolder.load(dir.resolve("train"), ImageFolder.Options.of(null, null), null);
        assertThat(data.classNames()).containsExactly("blue", "red");
        assertThat(data.size()).isEqualTo(6);
        assertThat(data.sampleShape()).isEqualTo(new Shape(3, 8, 8));
        float[] pixels = new float[3 * 64];
        data.copyImage(3, pixels, 0);
        assertThat(data.label(3)).isEqualTo(1);
        assertThat(pixels[1]).as("red, channel 0").isEqualTo(1f);
        assertThat(pixels[64 + 1]).as("red has no green").isEqualTo(0f);

        LabelledData small = ImageFolder.load(dir.resolve("train"), ImageFolder.Options.of(4, 1), null);
        assertThat(small.sampleShape()).isEqualTo(new Shape(1, 4, 4));
        small.copyImage(3, pixels, 0);
        assertThat(pixels[5]).as("grey of pure red, BT.601").isCloseTo(0.299f, org.assertj.core.data.Offset.offset(0.02f));

        image(dir.resolve("grey/a/0.png"), 5, Color.GRAY, 0);
        assertThat(ImageFolder.load(dir.resolve("grey"), ImageFolder.Options.of(null, null), null).sampleShape())
                .as("grey images give one channel").isEqualTo(new Shape(1, 5, 5));
    }

    @Test
    void imageFolderErrorsNameTheFolderOrFile(@TempDir Path dir) throws IOException {
        ImageFolder.Options keep = ImageFolder.Options.of(null, null);
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("nope"), keep, null))
                .hasMessageContaining("nope: no such folder");
        Files.createDirectories(dir.resolve("flat"));
        image(dir.resolve("flat/x.png"), 4, Color.RED, 0);
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("flat"), keep, null))
                .hasMessageContaining("flat: no class folders");
        image(dir.resolve("t/a/0.png"), 4, Color.RED, 0);
        Files.createDirectories(dir.resolve("t/b"));
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("t"), keep, null))
                .hasMessageContaining("t/b: no PNG or JPEG images");
        image(dir.resolve("t/b/0.png"), 6, Color.BLUE, 0);
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("t"), keep, null))
                .hasMessageContaining("b/0.png: 6x6 pixels; expected 4x4").hasMessageContaining("set a size");
        Files.writeString(dir.resolve("t/b/1.png"), "not a png");
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("t"), ImageFolder.Options.of(4, null), null))
                .hasMessageContaining("b/1.png: not a readable PNG or JPEG image");
        Files.delete(dir.resolve("t/b/1.png"));
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("t"), ImageFolder.Options.of(4, null), List.of("a")))
                .hasMessageContaining("class 'b' is not a training class; expected one of a");
        assertThatThrownBy(() -> ImageFolder.Options.of(0, null)).hasMessageContaining("size 0");
        assertThatThrownBy(() -> ImageFolder.Options.of(8, 2)).hasMessageContaining("channels 2: expected 1 or 3");
    }

    @Test
    void csvTablesReadFeaturesAndNamedOrNumberedClasses(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("t.csv"), "a, species ,b\n1.5,virginica,2\n\n-3,setosa,4e2\n"
                + "0,\"virginica\",1\n");
        LabelledData data = CsvTable.load(file, "species", null);
        assertThat(data.classNames()).containsExactly("setosa", "virginica");
        assertThat(data.sampleShape()).isEqualTo(new Shape(2));
        assertThat(data.values()).containsExactly(1.5f, 2f, -3f, 400f, 0f, 1f);
        assertThat(new int[] {data.label(0), data.label(1), data.label(2)}).containsExactly(1, 0, 1);
        assertThat(CsvTable.featureColumns(file, "species")).containsExactly("a", "b");

        Path numbered = Files.writeString(dir.resolve("n.csv"), "x,y\n1,10\n2,9\n3,10\n");
        assertThat(CsvTable.load(numbered, "y", null).classNames()).as("numerically, not 10 before 9")
                .containsExactly("9", "10");
    }

    @Test
    void csvErrorsNameTheFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path ragged = Files.writeString(dir.resolve("r.csv"), "a,b,label\n1,2,x\n3,y\n");
        assertThatThrownBy(() -> CsvTable.load(ragged, "label", null))
                .hasMessageContaining("r.csv:3: 2 values; expected 3 like the header");
        Path text = Files.writeString(dir.resolve("t.csv"), "a,b,label\n1,two,x\n");
        assertThatThrownBy(() -> CsvTable.load(text, "label", null))
                .hasMessageContaining("t.csv:2: column 'b' is 'two'; expected a number");
        Path nan = Files.writeString(dir.resolve("nan.csv"), "a,label\nNaN,x\n");
        assertThatThrownBy(() -> CsvTable.load(nan, "label", null))
                .hasMessageContaining("column 'a' is 'NaN'; expected a number");
        assertThatThrownBy(() -> CsvTable.load(text, "class", null))
                .hasMessageContaining("t.csv: no label column 'class'; the columns are a, b, label");
        Path empty = Files.writeString(dir.resolve("e.csv"), "a,label\n");
        assertThatThrownBy(() -> CsvTable.load(empty, "label", null)).hasMessageContaining("e.csv: no rows");
        Path unknown = Files.writeString(dir.resolve("u.csv"), "a,label\n1,z\n");
        assertThatThrownBy(() -> CsvTable.load(unknown, "label", List.of("x", "y")))
                .hasMessageContaining("class 'z' is not a training class; expected one of x, y");
        Path onlyLabel = Files.writeString(dir.resolve("o.csv"), "label\nx\n");
        assertThatThrownBy(() -> CsvTable.load(onlyLabel, "label", null))
                .hasMessageContaining("expected numeric feature columns");
    }

    /** A PNG of {@code width} x {@code height} pixels that holds its header only: what a decoder reads first. */
    private static byte[] pngHeader(int width, int height) {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put(new byte[] {8, 0, 0, 0, 0});
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        for (Object[] chunk : new Object[][] {{"IHDR", ihdr.array()}, {"IEND", new byte[0]}}) {
            byte[] type = ((String) chunk[0]).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] data = (byte[]) chunk[1];
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(type);
            crc.update(data);
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
            out.writeBytes(type);
            out.writeBytes(data);
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        }
        return out.toByteArray();
    }

    /** Images that cannot hurt: a huge image is refused from its header, before decoding; nested folders too. */
    @Test
    void imageBombsAndNestedFoldersAreRefusedByName(@TempDir Path dir) throws IOException {
        Path bomb = Files.createDirectories(dir.resolve("bomb/a")).resolve("huge.png");
        Files.write(bomb, pngHeader(20_000, 20_000));
        image(Files.createDirectories(dir.resolve("bomb/b")).resolve("1.png"), 8, Color.RED, 1);
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("bomb"), ImageFolder.Options.of(null, null), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(bomb + ": 20000x20000 pixels; expected at most 16777216 (4096x4096)");

        image(Files.createDirectories(dir.resolve("nested/a/deeper")).resolve("1.png"), 8, Color.RED, 1);
        image(dir.resolve("nested/a/2.png"), 8, Color.RED, 2);
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("nested"), ImageFolder.Options.of(null, null), null))
                .hasMessage(dir.resolve("nested/a/deeper") + ": a folder inside the class folder 'a'; expected only "
                        + "images there (one level of class folders)");
    }

    /**
     * CSV that cannot hurt: strict UTF-8 (the bad byte's line and column), a byte-order mark dropped, each column
     * name once (a second label column too), and a record's line is the one it starts on.
     */
    @Test
    void csvEncodingHeaderAndRecordLinesAreChecked(@TempDir Path dir) throws IOException {
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "a,b,label\n1,2,x\n3,caf\u00e9,y\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvTable.load(latin1, "label", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(latin1 + ":3:6: byte 0xe9 is not UTF-8; expected a UTF-8 text file");

        Path bom = Files.writeString(dir.resolve("bom.csv"), "\uFEFFa,b,label\n1,2,x\n3,4,y\n");
        assertThat(CsvTable.featureColumns(bom, "label")).containsExactly("a", "b");
        assertThat(CsvTable.load(bom, "label", null).size()).isEqualTo(2);

        Path twice = Files.writeString(dir.resolve("twice.csv"), "f1,f1,f3,label\n1,2,3,x\n");
        assertThatThrownBy(() -> CsvTable.load(twice, "label", null))
                .hasMessage(twice + ":1: column 2 is named 'f1' like column 1; expected distinct column names");
        Path labels = Files.writeString(dir.resolve("labels.csv"), "label,a,label\n0.5,1,x\n");
        assertThatThrownBy(() -> CsvTable.load(labels, "label", null)).hasMessageContaining("column 3 is named "
                + "'label' like column 1");

        Path multiline = Files.writeString(dir.resolve("multi.csv"), "a,b,label\n1,2,x\n\"3\n4\",oops,\"y\nz\"\n");
        assertThatThrownBy(() -> CsvTable.load(multiline, "label", null))
                .hasMessageStartingWith(multiline + ":3: column 'a' is '3\n4'");
    }

    @Test
    void idxDirectoriesWithAndWithoutATestPart(@TempDir Path dir) throws IOException {
        byte[] pixels = new byte[3 * 4];
        pixels[5] = (byte) 255;
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte.gz"), new IdxFiles.Idx(new int[] {3, 2, 2}, pixels));
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), new IdxFiles.Idx(new int[] {3}, new byte[] {0, 4, 2}));
        LabelledData train = IdxDirectory.load(dir, "train", null);
        assertThat(train.numClasses()).as("0 to the largest label").isEqualTo(5);
        assertThat(train.sampleShape()).isEqualTo(new Shape(1, 2, 2));
        assertThat(train.values()[5]).isEqualTo(1f);
        assertThat(IdxDirectory.has(dir, "train")).isTrue();
        assertThat(IdxDirectory.has(dir, "t10k")).isFalse();
        assertThatThrownBy(() -> IdxDirectory.load(dir, "t10k", null))
                .hasMessageContaining("no t10k-images-idx3-ubyte.gz");
        IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte"), new IdxFiles.Idx(new int[] {1, 2, 2}, new byte[4]));
        IdxFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), new IdxFiles.Idx(new int[] {1}, new byte[] {7}));
        assertThatThrownBy(() -> IdxDirectory.load(dir, "t10k", train.classNames()))
                .hasMessageContaining("label 7");
        Files.writeString(dir.resolve("t10k-images-idx3-ubyte"), "not idx");
        assertThatThrownBy(() -> IdxDirectory.load(dir, "t10k", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte");
    }

    @Test
    void standardisationIsFittedOnOneSplitAndAppliedToAny() {
        LabelledData train = new LabelledData(new float[] {1, 10, 3, 10, 5, 10}, new int[] {0, 1, 0}, new Shape(2),
                2);
        Normalization n = Normalization.fit(train);
        assertThat(n.mean()).containsExactly(3f, 10f);
        assertThat(n.std()[0]).isCloseTo((float) Math.sqrt(8.0 / 3), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(n.std()[1]).as("a constant feature keeps 1").isEqualTo(1f);
        LabelledData other = new LabelledData(new float[] {3, 11}, new int[] {1}, new Shape(2), 2).normalized(n);
        assertThat(other.values()).containsExactly(0f, 1f);
        assertThat(Normalization.NONE.apply(new float[] {2, 3}, new Shape(2))).containsExactly(2f, 3f);
        assertThatThrownBy(() -> new Normalization(new float[] {0}, new float[] {0}))
                .hasMessageContaining("expected a positive number");
    }
}
