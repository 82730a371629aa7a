package org.archai4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough prints the seed document's outputs. Expected texts are copied from the seed document
 * (whose copy lost its indentation, so leading spaces are ignored). Cells the notebook ran unseeded are
 * compared too: the walkthrough seeds them so that they reproduce the shown values.
 */
class SeedWalkthroughTest {
    private static final Map<Integer, String> OUTPUTS = new LinkedHashMap<>();

    @BeforeAll
    static void runWalkthrough(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SeedWalkthrough.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir);
        Matcher m = Pattern.compile("(?m)^\\[(\\d+)\\]:\\n(.*?)(?=^\\[\\d+\\]:|\\z)", Pattern.DOTALL)
                .matcher(bytes.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            OUTPUTS.put(Integer.parseInt(m.group(1)), m.group(2).strip());
        }
    }

    private static void assertCell(int cell, String expected) {
        assertThat(OUTPUTS).containsKey(cell);
        assertThat(dedent(OUTPUTS.get(cell))).as("cell %d", cell).isEqualTo(dedent(expected));
    }

    private static String dedent(String s) {
        return s.strip().replaceAll("(?m)^[ \\t]+", "");
    }

    @Test
    void shapesOfTheSeedModels() {
        assertCell(4, "torch.Size([2, 32, 16, 16])");
        assertCell(37, "torch.Size([10, 128, 60, 60])");
        assertCell(32, "[Conv2d(16, 16, kernel_size=(5, 5), stride=(1, 1))]");
    }

    @Test
    void sampledConfigs() {
        assertCell(6, "ArchConfig({\n\"conv_kernel_size\": 7,\n\"num_ch\": 16,\n\"num_layers\": 4\n})");
        assertCell(9, "OrderedDict([('conv_kernel_size', 7), ('num_ch', 16), ('num_layers', 4)])");
        assertCell(17, "ArchConfig({\n\"stem_config\": {\n\"kernel_size\": 3\n},\n\"conv_kernel_size\": 3,\n"
                + "\"num_ch\": 8\n})");
        assertCell(18, "ArchConfig({\n\"kernel_size\": 3\n})");
        assertCell(19, "3");
        assertCell(24, "ArchConfig({\n\"block1\": {\n\"kernel_size\": 7,\n\"stride\": 2\n},\n\"block2\": {\n"
                + "\"kernel_size\": 7,\n\"stride\": 2\n},\n\"block3\": {\n\"kernel_size\": 7,\n\"stride\": 2\n}\n})");
        assertCell(44, "ArchConfig({\n\"op_type\": \"identity\",\n\"conv_kernel_size\": 3\n})");
    }

    @Test
    void sharedChoicesAreEqualEverywhere() {
        for (int cell : new int[] {21, 22}) {
            Matcher m = Pattern.compile("\"kernel_size\": (\\d)[\\s\\S]*\"conv_kernel_size\": (\\d)")
                    .matcher(OUTPUTS.get(cell));
            assertThat(m.find()).isTrue();
            assertThat(m.group(1)).isEqualTo(m.group(2));
        }
    }

    @Test
    void repeatedConfigsWithPythonRandomSeeds() {
        assertCell(26, "ArchConfig({\n\"layers\": []\n})");
        assertCell(27, "0");
        assertCell(28, "ArchConfigList([\n{\n\"kernel_size\": 7,\n\"residual\": false,\n\"act_fn\": \"relu\"\n},\n{\n"
                + "\"kernel_size\": 7,\n\"residual\": true,\n\"act_fn\": \"gelu\"\n}\n])");
        assertCell(29, "2");
        assertCell(30, "ArchConfig({\n\"kernel_size\": 7,\n\"residual\": true,\n\"act_fn\": \"gelu\"\n})\n"
                + "kernel_size = 7");
        String layer = "{\n\"kernel_size\": 5,\n\"residual\": true,\n\"act_fn\": \"gelu\"\n}";
        assertCell(33, "ArchConfig({\n\"layers\": [\n" + layer + ",\n" + layer + ",\n" + layer + "\n]\n})");
    }

    @Test
    void searchSpaceArchidsEncodingsAndArchFile() {
        assertCell(13, "307525215b21f510fb6ba1570c71126274e60167\n307525215b21f510fb6ba1570c71126274e60167\n"
                + "cc3aba2e903b62619035a871ff3bcdc65dc151de\n[3. 8. 1.]");
        assertCell(15, "{\n\"conv_kernel_size\": 3,\n\"num_ch\": 8,\n\"num_layers\": 1\n}");
        assertCell(38, "1.218719480020992e+18");
        assertThat(OUTPUTS.get(41)).matches("[0-9a-f]{40}");
    }

    @Test
    void usageTracking() {
        assertCell(45, "OrderedDict([('op_type', False), ('conv_kernel_size', False)])");
        assertCell(46, "'identity'");
        assertCell(47, "OrderedDict([('op_type', True), ('conv_kernel_size', False)])");
        assertCell(49, "m1 config = ArchConfig({\n\"op_type\": \"identity\",\n\"conv_kernel_size\": 7\n})\n"
                + "m1 archid = 260c332c6fc8c6c976736a379f3ae1ac439afd74");
        assertCell(50, "m2 config = ArchConfig({\n\"op_type\": \"identity\",\n\"conv_kernel_size\": 5\n})\n"
                + "m2 archid = 260c332c6fc8c6c976736a379f3ae1ac439afd74");
        assertCell(51, "array([ 1.,  0., -1.])");
        assertCell(52, "array([ 1.,  0., -1.])");
    }

    @Test
    void modelReprFollowsPyTorch() {
        assertThat(OUTPUTS.get(11)).startsWith("MyModel(\n  (stem_conv): Sequential(\n"
                + "    (0): Conv2d(3, 16, kernel_size=(3, 3), stride=(4, 4), padding=(1, 1))\n"
                + "    (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n"
                + "    (2): ReLU()\n  )\n  (layers): Sequential(\n    (0): MyConvBlock(\n      (op): Sequential(\n"
                + "        (0): Conv2d(16, 16, kernel_size=(7, 7), stride=(1, 1), padding=same)");
        assertThat(OUTPUTS.get(11).split("MyConvBlock")).hasSize(5);
    }
}
