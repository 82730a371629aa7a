package org.archai4j.evaluation;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.archai4j.journal.EvaluationJournal;
import org.archai4j.journal.EvaluationRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's journal, open for appending, with what an earlier run recorded in it waiting to be replayed: each
 * record answers the same evaluation (objective, archid, budget) once, in the order it was recorded, so that a
 * rerun of the same seeded search evaluates nothing twice. An evaluation that failed for want of anything to run
 * it ({@link org.archai4j.journal.FailureCause#UNAVAILABLE}) is not replayed: the rerun evaluates it again. Once
 * every record has been replayed, the rerun's clock reads at least the time a limit stopped the earlier run at.
 *
 * <pre>{@code
 * try (JournalReplay journal = JournalReplay.open(outputDir, runIdentity)) {
 *     EvaluationRecord earlier = journal.next("accuracy", archid, budget);   // null: evaluate it
 * }
 * }</pre>
 */
final class JournalReplay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    /** The key of one evaluation. */
    private record Key(String objective, String archid, Double budget) {
    }

    private final EvaluationJournal journal;
    private final Map<Key, ArrayDeque<EvaluationRecord>> waiting = new HashMap<>();
    private int left;

    private JournalReplay(EvaluationJournal journal) {
        this.journal = journal;
        for (EvaluationRecord r : journal.records()) {
            if (!r.retried()) {
                waiting.computeIfAbsent(new Key(r.objective(), r.archid(), r.budget()), k -> new ArrayDeque<>())
                        .add(r);
                left++;
            }
        }
        if (!journal.records().isEmpty()) {
            LOG.info("{}: {} evaluations from an earlier run will be replayed", journal.file(),
                    journal.records().size());
        }
    }

    /**
     * Opens {@code outputDir/evaluations.jsonl} of the run {@code runIdentity} (null: any run).
     *
     * @throws IllegalArgumentException when the journal is damaged (other than a torn last line) or of another run
     */
    static JournalReplay open(Path outputDir, String runIdentity) {
        return new JournalReplay(EvaluationJournal.open(outputDir.resolve(EvaluationJournal.FILE_NAME), runIdentity));
    }

    Path file() {
        return journal.file();
    }

    /** Whether an earlier record of this evaluation waits to be replayed. */
    boolean has(String objective, String archid, Double budget) {
        ArrayDeque<EvaluationRecord> queue = waiting.get(new Key(objective, archid, budget));
        return queue != null && !queue.isEmpty();
    }

    /** The next earlier record of this evaluation, consumed, or null when none waits. */
    EvaluationRecord next(String objective, String archid, Double budget) {
        ArrayDeque<EvaluationRecord> queue = waiting.get(new Key(objective, archid, budget));
        EvaluationRecord r = queue == null ? null : queue.poll();
        if (r != null) {
            left--;
        }
        return r;
    }

    /** Whether every earlier record has been replayed. */
    boolean replayed() {
        return left == 0;
    }

    /** When a limit last stopped the earlier run, on its clock ({@code NaN}: never). */
    double stoppedAt() {
        return journal.stoppedAt();
    }

    /** Appends that a limit stopped the search at {@code seconds} on the run's clock. */
    void appendStop(double seconds) {
        journal.appendStop(seconds);
    }

    /** Appends a fresh evaluation; a {@code durable} one is synced to disk before this returns. */
    void append(EvaluationRecord record, boolean durable) {
        journal.append(Objects.requireNonNull(record, "record"), durable);
    }

    @Override
    public void close() {
        journal.close();
    }
}
