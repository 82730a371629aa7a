package org.archai4j.run.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import ai.djl.ndarray.types.Shape;
import org.archai4j.config.ArchConfig;
import org.archai4j.config.ArchParamTree;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.evaluators.DjlNumParameters;
import org.archai4j.random.PyRandom;
import org.archai4j.run.ClusterSettings;
import org.archai4j.run.JobOptions;
import org.archai4j.run.spec.DatasetKind;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.run.spec.SpecException;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.file.SpaceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automatic job's plan: every network of a planned image space runs on its images (no pooling below 1x1, for
 * sides from 1 to 40 pixels); a plan for an image folder and for a CSV table is a valid spec that fills its budget;
 * what is not data is refused by name; a rerun reuses the plan.
 */
class JobPlannerTest {
    @TempDir
    Path dir;

    @Test
    void everyNetworkOfAPlannedImageSpaceRunsOnItsImages() {
        for (int side : new int[] {1, 2, 3, 5, 7, 8, 12, 16, 28, 40}) {
            SpaceDesign design = SpaceDesign.images(new Shape(1, side, side), 10);
            ArchParamTree tree = new ArchParamTree(SpaceFiles.parse(design.yaml(), "planned"));
            PyRandom random = new PyRandom(side);
            for (int i = 0; i < 25; i++) {
                ArchConfig config = tree.sampleConfig(random);
                try (DjlNetwork net = new DjlNetwork(design.block(config, 10), new Shape(1, side, side))) {
                    assertThat(net.block().isInitialized()).as("%dx%d: %s", side, side, config.toJson()).isTrue();
                }
            }
        }
    }

    @Test
    void tablesGetMlpsWithWidthsFromTheirFeaturesAndClasses() {
        SpaceDesign narrow = SpaceDesign.table(4, 3);
        SpaceDesign wide = SpaceDesign.table(300, 40);
        assertThat(narrow.family()).isEqualTo("mlp");
        assertThat(narrow.yaml()).contains("units: !choice [8, 16, 32, 64, 128]").contains("times: [0, 1, 2, 3]");
        // With no hidden layer, the linear model: one architecture, whatever its unused activation says.
        ArchParamTree tree = new ArchParamTree(SpaceFiles.parse(narrow.yaml(), "the narrow space"));
        ConfigSearchSpace<DjlNetwork> space = ConfigSearchSpace.builder(ModelFactory.of(
                config -> new DjlNetwork(narrow.block(config, 3), new Shape(4))), tree).seed(3).build();
        Set<String> linear = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ArchaiModel<DjlNetwork> model = space.randomSample();
            try (DjlNetwork net = model.arch()) {
                if (model.config().orElseThrow().pickList("layers").size() == 0) {
                    linear.add(model.archid());
                    assertThat(new DjlNumParameters().evaluate(model, null)).isEqualTo(4 * 3 + 3);
                }
            }
        }
        assertThat(linear).hasSize(1);
        assertThat(wide.yaml()).contains("units: !choice [256, 512, 1024]");
        assertThat(SpaceDesign.images(new Shape(3, 64, 64), 100).yaml()).contains("kind: !choice [global_pool]")
                .contains("hidden: !choice [0, 128]").contains("channels: !choice [32, 48, 64, 96, 128]");
    }

    @Test
    void anImageFolderGetsAValidSpecThatFillsItsBudget() throws IOException {
        Path train = images(dir.resolve("train"), 12);
        Path test = images(dir.resolve("test"), 4);
        Path out = dir.resolve("run");
        List<String> said = new ArrayList<>();
        PlannedJob.Prepared prepared = PlannedJob.prepare(DataSource.of(train.toString(), test, null),
                Duration.ofMinutes(2), 7, out, 0, said::add);
        assertThat(prepared.budget()).as("a new plan runs with its spec's budget").isNull();
        Path specFile = prepared.spec();
        assertThat(said).hasSize(5);
        assertThat(said.get(0)).startsWith("plan: image-folder ").contains("36 training samples of (1, 8, 8), 3 "
                + "classes");
        assertThat(said.get(1)).contains("compact-cnn", "fitted to 8x8 images (at most 3 halvings)");
        assertThat(said.get(2)).containsPattern("measured [0-9.]+ ms per training step of 32, (one training at a "
                + "time|\\d trainings at once)").contains("screened on 60 steps");
        assertThat(said.get(4)).contains(PlannedJob.SPEC_FILE);
        RunSpec spec = RunSpec.read(specFile);
        assertThat(spec.seed()).isEqualTo(7);
        assertThat(spec.data().kind()).isEqualTo(DatasetKind.IMAGE_FOLDER);
        assertThat(spec.data().test()).isEqualTo(test.toAbsolutePath().normalize());
        assertThat(spec.finalStage().length()).isEqualTo(RunSpec.Length.FILL);
        assertThat(spec.budget().time()).isLessThanOrEqualTo(Duration.ofMinutes(2))
                .isGreaterThan(Duration.ofSeconds(90));
        assertThat(spec.finalStage().reserve()).isLessThan(spec.budget().time());
        assertThat(spec.output()).isEqualTo(out.toAbsolutePath().normalize());

        assertThat(spec.parallel()).isBetween(1, 4);
        String text = Files.readString(specFile);
        assertThat(text).containsPattern("(?m)^parallel: [1-4] +# ");
        long planning = Duration.ofMinutes(2).minus(spec.budget().time()).toSeconds();

        List<String> again = new ArrayList<>();
        PlannedJob.Prepared rerun = PlannedJob.prepare(DataSource.of(train.toString(), test, null),
                Duration.ofMinutes(5), 8, out, 0, again::add);
        assertThat(rerun.spec()).isEqualTo(specFile);
        assertThat(again).containsExactly("plan: reusing " + specFile + " (delete it to plan again)");
        assertThat(rerun.budget()).as("a rerun's budget counts from the first run, less what the plan set aside")
                .isEqualTo(Duration.ofMinutes(5).minusSeconds(planning));
        assertThat(PlannedJob.prepare(DataSource.of(train.toString(), test, null), Duration.ofSeconds(1), 8, out, 0,
                again::add).budget()).as("never less than a second").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aCsvTableGetsAnMlpAndItsLastColumnAsTheLabel() throws IOException {
        StringBuilder rows = new StringBuilder("x,y,\"odd, name\"\n");
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            rows.append(x).append(',').append(y).append(',').append(x + y > 0 ? "up" : "down").append('\n');
        }
        Path csv = Files.writeString(dir.resolve("rows.csv"), rows);
        DataSource data = DataSource.of(csv.toString(), null, null);
        assertThat(data.label()).isEqualTo("odd, name");
        // Ten seconds leave no time to cross-validate: 30% of the 160 training rows validate.
        Path specFile = PlannedJob.prepare(data, Duration.ofSeconds(10), 1, dir.resolve("run"), 0, s -> { }).spec();
        RunSpec spec = RunSpec.read(specFile);
        assertThat(spec.model().family()).isEqualTo("mlp");
        assertThat(spec.data().label()).isEqualTo("odd, name");
        assertThat(spec.data().hasTestSet()).isFalse();
        assertThat(spec.data().validationSize()).as("30%% of small data validates").isEqualTo(48);
        assertThat(spec.training().folds()).isEqualTo(1);
        assertThat(spec.finalStage().reserve()).as("planning took part of the ten seconds; the reserve keeps its "
                + "share of the rest").isLessThanOrEqualTo(spec.budget().time().multipliedBy(55).dividedBy(100));

        // Ten minutes give each of a few hundred networks five trainings: every row validates, once.
        List<String> said = new ArrayList<>();
        RunSpec crossValidated = RunSpec.read(PlannedJob.prepare(data, Duration.ofMinutes(10), 1,
                dir.resolve("run-cv"), 0, said::add).spec());
        assertThat(crossValidated.training().folds()).isEqualTo(JobPlanner.FOLDS);
        assertThat(crossValidated.data().validationSize()).isEqualTo(32);
        assertThat(crossValidated.data().trainSize()).isEqualTo(128);
        assertThat(said.get(2)).contains("in each of 5 folds of 160 (cross-validated)");
    }

    @Test
    void aClusterPlanCountsItsWorkerSlots() throws IOException {
        Path train = images(dir.resolve("train"), 6);
        JobPlanner.Plan plan = JobPlanner.plan(DataSource.of(train.toString(), null, null), Duration.ofMinutes(2), 1,
                dir.resolve("run"), 4);
        assertThat(plan.summary().get(2)).contains(", 4 worker slot(s) of the cluster; search ");
        assertThatThrownBy(() -> JobOptions.builder().workerSlots(2).build()).isInstanceOf(SpecException.class)
                .hasMessage("--worker-slots counts cluster workers; expected it with --cluster");
        assertThatThrownBy(() -> JobOptions.builder().workerSlots(0)).hasMessage("--worker-slots 0: expected at "
                + "least 1");
        assertThat(JobOptions.builder().cluster(new ClusterSettings(List.of("127.0.0.1:5701"), "127.0.0.1", 5701,
                null)).build().workerSlots()).as("one worker slot by default").isEqualTo(1);
        assertThat(JobOptions.defaults().workerSlots()).isZero();
    }

    @Test
    void aSpecOfOnlyDataAndATimeBudgetIsPlanned() throws IOException {
        Path csv = Files.writeString(dir.resolve("rows.csv"), "a,b,kind\n1,2,x\n");
        Path only = Files.writeString(dir.resolve("auto.yaml"), "data: {dataset: csv, train: rows.csv}\n"
                + "time_budget: 2m\nseed: 3\n");
        RunSpec.DataOnly read = RunSpec.readDataOnly(only).orElseThrow();
        assertThat(read.timeBudget()).isEqualTo(Duration.ofMinutes(2));
        assertThat(read.seed()).isEqualTo(3);
        assertThat(read.output()).isEqualTo(Path.of("runs", "auto"));
        DataSource data = DataSource.of(read.data());
        assertThat(data.kind()).isEqualTo(DatasetKind.CSV);
        assertThat(data.train()).isEqualTo(csv.toAbsolutePath().normalize());
        assertThat(data.label()).as("the last column").isEqualTo("kind");

        assertThat(RunSpec.readDataOnly(Path.of("../examples/spirals.yaml"))).as("a full spec").isEmpty();
        Path noBudget = Files.writeString(dir.resolve("nobudget.yaml"), "data: {dataset: csv, train: rows.csv}\n");
        assertThatThrownBy(() -> RunSpec.readDataOnly(noBudget)).isInstanceOf(SpecException.class)
                .hasMessage(noBudget + ": time_budget: missing; a spec of only data: is planned from the data and "
                        + "a time budget (for example time_budget: 10m)");
        Path extra = Files.writeString(dir.resolve("extra.yaml"), "data: {dataset: csv, train: rows.csv, "
                + "train_size: 5}\ntime_budget: 1m\n");
        assertThatThrownBy(() -> RunSpec.readDataOnly(extra)).isInstanceOf(SpecException.class)
                .hasMessageContaining("train_size").hasMessageContaining("unknown key");
    }

    @Test
    void whatIsNotDataIsRefusedByName() throws IOException {
        assertThatThrownBy(() -> DataSource.of(dir.resolve("none").toString(), null, null))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("--data " + dir.resolve("none")
                        + ": does not exist; expected a CSV file, a folder of class folders of images");
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> DataSource.of(text.toString(), null, null)).hasMessageContaining("is not a CSV file");
        Path csv = Files.writeString(dir.resolve("t.csv"), "a,b\n1,x\n");
        assertThatThrownBy(() -> DataSource.of(csv.toString(), null, "c")).hasMessage("--label c: " + csv
                + " has no such column; its columns are a, b");
        Path folder = images(dir.resolve("imgs"), 2);
        assertThatThrownBy(() -> DataSource.of(folder.toString(), null, "b")).hasMessageContaining("only a CSV file "
                + "has columns");
        assertThatThrownBy(() -> DataSource.of(folder.toString(), csv, null)).hasMessage("--test " + csv
                + ": is not the same kind of data as --data " + folder);
    }

    /** Three classes of 8x8 grayscale images: a bright square in the class's column. */
    private static Path images(Path root, int perClass) throws IOException {
        Random random = new Random(perClass);
        for (int c = 0; c < 3; c++) {
            Path folder = Files.createDirectories(root.resolve("c" + c));
            for (int i = 0; i < perClass; i++) {
                BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        int v = x / 3 == c && y > 2 && y < 6 ? 230 : random.nextInt(40);
                        image.getRaster().setSample(x, y, 0, v);
                    }
                }
                ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
            }
        }
        return root;
    }
}
