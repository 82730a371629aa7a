package org.archai4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.archai4j.algos.AlgorithmsForTests;
import org.archai4j.journal.EvaluationJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per run directory, across processes and within one; a killed holder never blocks. */
class RunLockTest {
    /** Holds the lock of {@code args[0]} until killed, after printing "locked". */
    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    @Test
    void aSecondHolderInThisProcessIsRefusedUntilTheFirstLetsGo(@TempDir Path dir) {
        RunLock first = RunLock.acquire(dir);
        assertThatThrownBy(() -> RunLock.acquire(dir)).isInstanceOf(RunLock.RunLockedException.class)
                .hasMessageContaining("in use by another search in this process");
        first.close();
        first.close();
        RunLock.acquire(dir).close();
    }

    @Test
    void anotherProcessHoldingItIsNamedAndAKilledOneNeverBlocks(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RunLockTest.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> RunLock.acquire(dir)).isInstanceOf(RunLock.RunLockedException.class)
                    .hasMessageContaining("in use by another search (pid " + holder.pid() + ", started ");
            holder.destroyForcibly(); // SIGKILL: the lock file stays, the lock does not
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(dir.resolve(RunLock.FILE_NAME)).exists();
        RunLock.acquire(dir).close();
    }

    @Test
    void aSecondSearchOverTheSameDirectoryFailsAtItsStartAndWritesNothing(@TempDir Path dir) throws Exception {
        AtomicInteger evaluations = new AtomicInteger();
        var first = AlgorithmsForTests.random(dir, evaluations);
        first.ask(); // running: holds the lock
        var second = AlgorithmsForTests.random(dir, evaluations);
        assertThatThrownBy(second::search).isInstanceOf(RunLock.RunLockedException.class);
        assertThat(evaluations.get()).isZero();
        try (EvaluationJournal journal = EvaluationJournal.open(dir.resolve(EvaluationJournal.FILE_NAME))) {
            assertThat(journal.records()).as("nothing journalled").isEmpty();
        }
        first.close();
        assertThat(AlgorithmsForTests.random(dir, evaluations).search().iterationNum()).isEqualTo(2);
    }
}
