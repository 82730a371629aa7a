package org.archai4j.cli;

import static org.archai4j.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code archai4j search --data PATH --time-budget T}: a job with no spec plans itself, says its plan, writes it
 * into the run directory, finishes with final models measured on the test set, and a rerun resumes the same plan;
 * a command with neither a spec nor data, or data without a budget, is refused in one line.
 */
class AutoJobTest {
    @Test
    void anImageFolderAndABudgetAreAWholeJob(@TempDir Path dir) throws IOException {
        DatasetKindsTest.imageFolder(dir.resolve("train"), 20, 1);
        DatasetKindsTest.imageFolder(dir.resolve("test"), 6, 2);
        Path out = dir.resolve("run");
        CliTest.Run first = run("search", "--data", dir.resolve("train").toString(), "--test",
                dir.resolve("test").toString(), "--time-budget", "30s", "--out", out.toString(), "--no-progress");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("plan: image-folder ", "plan: family compact-cnn", "plan: measured ",
                "plan: final stage ", "plan: written to " + out.resolve("planned-spec.yaml"), "report: ");
        assertThat(out.resolve("planned-spec.yaml")).content().contains("length: fill", "family: compact-cnn");
        assertThat(out.resolve("planned-space.yaml")).exists();
        JsonNode finals = new ObjectMapper().readTree(out.resolve("final.json").toFile());
        assertThat(finals.path("models").size()).isPositive();
        assertThat(finals.path("models").get(0).path("test_accuracy").asDouble()).isBetween(0.0, 1.0);

        CliTest.Run again = run("search", "--data", dir.resolve("train").toString(), "--test",
                dir.resolve("test").toString(), "--time-budget", "30s", "--out", out.toString(), "--no-progress");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("plan: reusing " + out.resolve("planned-spec.yaml")).contains("resuming");
    }

    @Test
    void aSpecOfOnlyDataAndATimeBudgetIsPlannedAndResumed(@TempDir Path dir) throws IOException {
        Path data = Path.of("../examples/data").toAbsolutePath().normalize();
        Path out = dir.resolve("run");
        Path spec = Files.writeString(dir.resolve("spirals-auto.yaml"), "data: {dataset: csv, train: \""
                + data.resolve("spirals-train.csv") + "\", test: \"" + data.resolve("spirals-test.csv")
                + "\", label: arm}\ntime_budget: 20s\noutput: \"" + out + "\"\n");
        CliTest.Run first = run("search", spec.toString(), "--no-progress");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("plan: csv " + data.resolve("spirals-train.csv"), "plan: family mlp",
                "plan: written to " + out.resolve("planned-spec.yaml"), "report: ");
        JsonNode finals = new ObjectMapper().readTree(out.resolve("final.json").toFile());
        assertThat(finals.path("models").size()).isPositive();

        CliTest.Run again = run("search", spec.toString(), "--no-progress");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("plan: reusing " + out.resolve("planned-spec.yaml"), "resuming");
        assertThat(new ObjectMapper().readTree(out.resolve("final.json").toFile()).path("models"))
                .as("the same final models, not trained again; the rerun said:\n%s", again.out())
                .isEqualTo(finals.path("models"));
    }

    @Test
    void neitherSpecNorDataAndDataWithoutABudgetAreRefused(@TempDir Path dir) throws IOException {
        CliTest.Run nothing = run("search");
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err().strip()).isEqualTo("archai4j: no SPEC and no --data: expected a run spec, or "
                + "--data PATH --time-budget DURATION to plan the job");
        Path csv = Files.writeString(dir.resolve("t.csv"), "a,b\n1,x\n");
        CliTest.Run noBudget = run("search", "--data", csv.toString());
        assertThat(noBudget.code()).isEqualTo(2);
        assertThat(noBudget.err().strip()).isEqualTo("archai4j: --data " + csv + ": needs --time-budget (for "
                + "example 10m) to plan in");
        CliTest.Run both = run("search", csv.toString(), "--data", csv.toString(), "--time-budget", "1m");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("expected one of them");
    }
}
