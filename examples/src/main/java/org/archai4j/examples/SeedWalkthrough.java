package org.archai4j.examples;

import static org.archai4j.config.ParamTrees.dict;
import static org.archai4j.config.ParamTrees.repeatConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import ai.djl.ndarray.types.Shape;
import org.archai4j.config.ArchConfig;
import org.archai4j.config.ArchParamTree;
import org.archai4j.config.DiscreteChoice;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.python.PyFloat;
import org.archai4j.python.PyRepr;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;

/**
 * Archai's "Config Search Spaces" tutorial (the seed document), cell by cell, in Java. Every output of the
 * notebook that is deterministic comes out the same. The notebook samples some cells without a seed; here they
 * are seeded with seeds that reproduce the values the notebook shows (where the notebook contradicts itself, as
 * in cells 6-8 and 21, the Java output is the consistent one).
 *
 * <p>Run it with {@code mvn -q -pl examples -am install -DskipTests && mvn -q -pl examples exec:java}.
 */
public final class SeedWalkthrough {
    private final PrintStream out;
    private final Path workDir;

    private SeedWalkthrough(PrintStream out, Path workDir) {
        this.out = out;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("archai4j-walkthrough");
        new SeedWalkthrough(System.out, dir).run();
    }

    /** Runs every cell, printing to {@code out}; {@code arch.json} is written in {@code workDir}. */
    public static void run(PrintStream out, Path workDir) throws IOException {
        new SeedWalkthrough(out, workDir).run();
    }

    private void cell(int number, Object output) {
        out.println("[" + number + "]:");
        out.println(output);
    }

    private void run() throws IOException {
        // Cells 2-4: a plain model.
        cell(4, SeedNetworks.torchSize(SeedNetworks.fixedModel(), 2, 3, 64, 64));

        // Cells 5-11: an ArchParamTree and a config-driven model.
        ArchParamTree tree = new ArchParamTree(dict(
                "conv_kernel_size", DiscreteChoice.of(3, 5, 7),
                "num_ch", DiscreteChoice.of(8, 16, 32),
                "num_layers", DiscreteChoice.range(1, 6)));
        ArchConfig archConfig = tree.sampleConfig(new PyRandom(103));
        cell(6, archConfig);
        cell(7, archConfig.pick("conv_kernel_size"));
        cell(8, archConfig.pick("num_ch"));
        cell(9, orderedDictRepr(archConfig.toDict()));
        cell(11, SeedModels.configModel(archConfig));

        // Cells 12-15: ConfigSearchSpace.
        ConfigSearchSpace<DjlNetwork> searchSpace = ConfigSearchSpace.builder(
                ModelFactory.of(cfg -> new DjlNetwork(SeedNetworks.configModel(cfg), new Shape(3, 64, 64))), tree)
                .mutationProb(0.3).seed(3725).build();
        ArchaiModel<DjlNetwork> m = searchSpace.randomSample();
        ArchaiModel<DjlNetwork> m2 = searchSpace.mutate(m);
        ArchaiModel<DjlNetwork> m3 = searchSpace.crossover(List.of(searchSpace.randomSample(),
                searchSpace.randomSample()));
        cell(13, m.archid() + "\n" + m2.archid() + "\n" + m3.archid() + "\n"
                + numpyStr(searchSpace.encode(m3)));
        Path archFile = workDir.resolve("arch.json");
        searchSpace.saveArch(m3, archFile);
        searchSpace.loadArch(archFile);
        cell(15, Files.readString(archFile));

        // Cells 16-19: nested dictionaries.
        ArchParamTree nested = new ArchParamTree(dict(
                "stem_config", dict("kernel_size", DiscreteChoice.of(3, 5, 7)),
                "conv_kernel_size", DiscreteChoice.of(3, 5, 7),
                "num_ch", DiscreteChoice.of(8, 16, 32)));
        ArchConfig c = nested.sampleConfig(new PyRandom(32));
        cell(17, c);
        cell(18, c.pick("stem_config"));
        cell(19, c.pickConfig("stem_config").pick("kernel_size"));

        // Cells 20-22: sharing a choice by reusing the object.
        DiscreteChoice kernelSizeChoice = DiscreteChoice.of(3, 5, 7);
        ArchParamTree shared = new ArchParamTree(dict(
                "stem_config", dict("kernel_size", kernelSizeChoice),
                "conv_kernel_size", kernelSizeChoice,
                "num_ch", DiscreteChoice.of(8, 16, 32)));
        PyRandom sharedRng = new PyRandom(21);
        cell(21, shared.sampleConfig(sharedRng));
        cell(22, shared.sampleConfig(sharedRng));

        // Cells 23-24: sharing a whole dictionary.
        Map<String, Object> stemConfig = dict("kernel_size", DiscreteChoice.of(3, 5, 7),
                "stride", DiscreteChoice.of(2, 4));
        ArchParamTree blocks = new ArchParamTree(dict("block1", stemConfig, "block2", stemConfig,
                "block3", stemConfig));
        cell(24, blocks.sampleConfig(new PyRandom(15)));

        // Cells 25-32: repeat_config.
        ArchParamTree layers = new ArchParamTree(dict("layers", repeatConfig(dict(
                "kernel_size", DiscreteChoice.of(1, 3, 5, 7),
                "residual", DiscreteChoice.of(false, true),
                "act_fn", DiscreteChoice.of("relu", "gelu")), List.of(0, 1, 2), false)));
        c = layers.sampleConfig(new PyRandom(1));
        cell(26, c);
        cell(27, c.pickList("layers").size());
        c = layers.sampleConfig(new PyRandom(2));
        cell(28, c.pick("layers"));
        cell(29, c.pickList("layers").size());
        cell(30, c.pickList("layers").get(1) + "\nkernel_size = " + c.pickList("layers").get(1).pick("kernel_size"));
        ArchConfig config = layers.sampleConfig(new PyRandom(5));
        List<Layer> modules = new ArrayList<>();
        for (ArchConfig layerConf : config.pickList("layers")) {
            modules.add(Layer.conv2d(16, 16, layerConf.pickInt("kernel_size"), 1, "0"));
        }
        cell(32, modules);

        // Cell 33: share_arch=True.
        ArchParamTree sharedLayers = new ArchParamTree(dict("layers", repeatConfig(dict(
                "kernel_size", DiscreteChoice.of(1, 3, 5, 7),
                "residual", DiscreteChoice.of(false, true),
                "act_fn", DiscreteChoice.of("relu", "gelu")), List.of(2, 3), true)));
        cell(33, sharedLayers.sampleConfig(new PyRandom(5)));

        // Cells 34-41: the image-classification search space.
        ArchParamTree imageTree = ImageClassificationSpace.tree();
        config = imageTree.sampleConfig(new PyRandom(22));
        cell(37, SeedNetworks.torchSize(SeedNetworks.imageModel(config, 2), 10, 3, 240, 240));
        cell(38, PyFloat.repr(imageTree.numArchs()));
        ConfigSearchSpace<DjlNetwork> ss = ConfigSearchSpace.builder((cfg, kwargs) -> new DjlNetwork(
                SeedNetworks.imageModel(cfg, (Integer) kwargs.get("stem_stride")), new Shape(3, 240, 240)), imageTree)
                .modelKwargs(Map.of("stem_stride", 2)).seed(1).build();
        ArchaiModel<DjlNetwork> im = ss.randomSample();
        ArchaiModel<DjlNetwork> im2 = ss.mutate(im);
        cell(41, im2.archid());

        // Cells 42-52: tracking used parameters.
        ArchParamTree opTree = new ArchParamTree(dict(
                "op_type", DiscreteChoice.of("identity", "conv"),
                "conv_kernel_size", DiscreteChoice.of(1, 3, 5, 7)));
        c = opTree.sampleConfig(new PyRandom(9));
        cell(44, c);
        cell(45, orderedDictRepr(c.getUsedParams()));
        cell(46, PyRepr.repr(c.pick("op_type")));
        cell(47, orderedDictRepr(c.getUsedParams()));
        ConfigSearchSpace<DjlNetwork> opSpace = ConfigSearchSpace.builder((cfg, kwargs) -> new DjlNetwork(
                SeedNetworks.operation(cfg, (Integer) kwargs.get("in_ch")), new Shape(16, 32, 32)), opTree)
                .modelKwargs(Map.of("in_ch", 16)).seed(8).build();
        ArchaiModel<DjlNetwork> m1 = opSpace.randomSample();
        cell(49, "m1 config = " + m1.metadata().get("config") + "\nm1 archid = " + m1.archid());
        ArchaiModel<DjlNetwork> mb = opSpace.randomSample();
        cell(50, "m2 config = " + mb.metadata().get("config") + "\nm2 archid = " + mb.archid());
        cell(51, numpyRepr(opSpace.encode(m1)));
        cell(52, numpyRepr(opSpace.encode(mb)));
    }

    /** Python's repr of an OrderedDict: {@code OrderedDict([('a', 1), ...])}. */
    private static String orderedDictRepr(Map<String, Object> dict) {
        StringJoiner items = new StringJoiner(", ", "OrderedDict([", "])");
        dict.forEach((k, v) -> items.add("(" + PyRepr.repr(k) + ", "
                + (v instanceof Map<?, ?> m ? orderedDictRepr(cast(m)) : PyRepr.repr(v)) + ")"));
        return items.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** numpy's elements of a float array: {@code 3.} for integral values, right-aligned to a common width. */
    private static List<String> numpyItems(double[] values) {
        List<String> items = new ArrayList<>();
        int width = 0;
        for (double v : values) {
            String s = v == Math.rint(v) && !Double.isInfinite(v) ? (long) v + "." : PyFloat.repr(v);
            items.add(s);
            width = Math.max(width, s.length());
        }
        List<String> padded = new ArrayList<>();
        for (String s : items) {
            padded.add(" ".repeat(width - s.length()) + s);
        }
        return padded;
    }

    /** {@code print(array)}: {@code [3. 8. 1.]}. */
    private static String numpyStr(double[] values) {
        return "[" + String.join(" ", numpyItems(values)) + "]";
    }

    /** {@code repr(array)}: {@code array([ 1.,  0., -1.])}. */
    private static String numpyRepr(double[] values) {
        return "array([" + String.join(", ", numpyItems(values)) + "])";
    }
}
