package org.archai4j.cli;

import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.archai4j.config.ArchParamTree;
import org.archai4j.python.PyFloat;
import org.archai4j.random.PyRandom;
import org.archai4j.run.spec.SpecException;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.file.SpaceFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code archai4j space count|sample|encode|archid SPACE_FILE}: explore a search-space file. */
@Command(name = "space", mixinStandardHelpOptions = true,
        description = "Explore a search-space file (YAML or JSON).",
        subcommands = {SpaceCommand.Count.class, SpaceCommand.Sample.class, SpaceCommand.Encode.class,
            SpaceCommand.Archid.class})
final class SpaceCommand implements Runnable {
    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this),
                "name a subcommand: count, sample, encode or archid");
    }

    /** What the sampling subcommands share. */
    abstract static class Sampling implements Callable<Integer> {
        @Parameters(paramLabel = "SPACE_FILE", description = "A search-space file (.yaml, .yml or .json).")
        Path file;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of Python's random.Random (default: 1).")
        long seed;

        @Option(names = {"-n", "--count"}, defaultValue = "1", description = "How many configs (default: 1).")
        int count;

        @Override
        public Integer call() {
            if (count < 1 || count > 1_000_000) {
                throw new SpecException("-n/--count is " + count + "; expected 1 to 1000000");
            }
            ArchParamTree tree = SpaceFiles.readTree(file);
            // No model is built here, so every parameter counts as used (Archai's track_unused_params=False).
            ConfigSearchSpace<Void> space = ConfigSearchSpace.builder(ModelFactory.<Void>of(c -> null), tree)
                    .trackUnusedParams(false).seed(seed).build();
            PyRandom rng = new PyRandom(seed);
            for (int i = 0; i < count; i++) {
                print(tree, space, rng);
            }
            return 0;
        }

        abstract void print(ArchParamTree tree, ConfigSearchSpace<Void> space, PyRandom rng);
    }

    @Command(name = "count", mixinStandardHelpOptions = true,
            description = "Print the number of architectures and of parameters.")
    static final class Count implements Callable<Integer> {
        @Parameters(paramLabel = "SPACE_FILE", description = "A search-space file (.yaml, .yml or .json).")
        Path file;

        @Override
        public Integer call() {
            ArchParamTree tree = SpaceFiles.readTree(file);
            System.out.println("architectures: " + PyFloat.repr(tree.numArchs()));
            System.out.println("parameters: " + tree.numParams());
            System.out.println("names: " + String.join(", ", tree.paramNames()));
            return 0;
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true, description = "Print seeded random configs.")
    static final class Sample extends Sampling {
        @Override
        void print(ArchParamTree tree, ConfigSearchSpace<Void> space, PyRandom rng) {
            System.out.println(tree.sampleConfig(rng));
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = "Print the encodings of seeded random configs.")
    static final class Encode extends Sampling {
        @Override
        void print(ArchParamTree tree, ConfigSearchSpace<Void> space, PyRandom rng) {
            StringJoiner out = new StringJoiner(", ", "[", "]");
            for (double v : tree.encodeConfig(tree.sampleConfig(rng), false)) {
                out.add(PyFloat.repr(v));
            }
            System.out.println(out);
        }
    }

    @Command(name = "archid", mixinStandardHelpOptions = true,
            description = "Print the archids of seeded random models (every parameter counted as used).")
    static final class Archid extends Sampling {
        @Override
        void print(ArchParamTree tree, ConfigSearchSpace<Void> space, PyRandom rng) {
            System.out.println(space.randomSample().archid());
        }
    }
}
