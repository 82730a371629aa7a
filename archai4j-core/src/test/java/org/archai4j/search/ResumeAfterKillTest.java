package org.archai4j.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.archai4j.journal.EvaluationJournal;
import org.archai4j.journal.EvaluationRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search killed with SIGKILL in the middle of an evaluation, then run again over the same directory, ends in
 * the same state as an uninterrupted run, and evaluates nothing twice.
 */
class ResumeAfterKillTest {
    private static Process start(Path out, long delayMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ResumableSearchFixture.class.getName(), out.toString(), Long.toString(delayMs))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void runToEnd(Path out) throws Exception {
        Process p = start(out, 20);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    private static List<EvaluationRecord> journal(Path out) {
        try (EvaluationJournal j = EvaluationJournal.open(out.resolve(EvaluationJournal.FILE_NAME))) {
            return j.records();
        }
    }

    /** The final table without the wall-time column, which differs between runs. */
    private static List<String> finalState(Path out) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("search_state_4.csv"))) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(cells.size() - 2);
            rows.add(String.join(",", cells));
        }
        return rows;
    }

    @Test
    void killedSearchResumesToTheSameState(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("uninterrupted");
        runToEnd(reference);

        Path resumed = dir.resolve("resumed");
        Process victim = start(resumed, 150);
        Path journalFile = resumed.resolve(EvaluationJournal.FILE_NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (!Files.exists(journalFile)
                || Files.readAllLines(journalFile).stream().filter(l -> l.contains("\"slow\"")).count() < 7)) {
            Thread.sleep(20);
        }
        victim.destroyForcibly(); // SIGKILL, most likely in the middle of a 150 ms evaluation
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(resumed.resolve("search_state_4.csv"))).as("killed before the end").isFalse();
        int beforeResume = journal(resumed).size();
        assertThat(beforeResume).isGreaterThan(0);

        runToEnd(resumed);
        assertThat(finalState(resumed)).isEqualTo(finalState(reference));

        List<EvaluationRecord> records = journal(resumed);
        Set<String> keys = new HashSet<>();
        for (EvaluationRecord r : records) {
            assertThat(keys.add(r.objective() + "|" + r.archid() + "|" + r.budget()))
                    .as("evaluated twice: %s %s", r.objective(), r.archid()).isTrue();
        }
        assertThat(records).hasSameSizeAs(journal(reference));
    }
}
