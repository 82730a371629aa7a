package org.archai4j.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationJournalTest {
    @Test
    void appendsAndReadsBack(@TempDir Path dir) {
        Path file = dir.resolve("evaluations.jsonl");
        try (EvaluationJournal j = EvaluationJournal.open(file)) {
            assertThat(j.records()).isEmpty();
            j.append(EvaluationRecord.success("acc", "a1", null, 0.5, 1.25));
            j.append(EvaluationRecord.failure("acc", "a2", 2.0, "boom", 0.1));
            j.append(EvaluationRecord.success("nan", "a3", null, Double.NaN, Double.NaN));
        }
        try (EvaluationJournal j = EvaluationJournal.open(file)) {
            assertThat(j.records()).hasSize(3);
            assertThat(j.records().get(0)).isEqualTo(EvaluationRecord.success("acc", "a1", null, 0.5, 1.25));
            assertThat(j.records().get(1).failed()).isTrue();
            assertThat(j.records().get(1).budget()).isEqualTo(2.0);
            assertThat(j.records().get(1).error()).isEqualTo("boom");
            assertThat(j.records().get(2).value()).isNaN();
        }
    }

    @Test
    void aTornLastLineIsDroppedAndCutOff(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("evaluations.jsonl");
        try (EvaluationJournal j = EvaluationJournal.open(file)) {
            j.append(EvaluationRecord.success("acc", "a1", null, 0.5, 1.0));
        }
        Files.writeString(file, Files.readString(file) + "{\"objective\": \"acc\", \"arch");
        try (EvaluationJournal j = EvaluationJournal.open(file)) {
            assertThat(j.records()).hasSize(1);
            j.append(EvaluationRecord.success("acc", "a2", null, 0.7, 1.0));
        }
        try (EvaluationJournal j = EvaluationJournal.open(file)) {
            assertThat(j.records()).extracting(EvaluationRecord::archid).containsExactly("a1", "a2");
        }
    }

    @Test
    void aCompleteLastRecordWithoutNewlineIsKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("evaluations.jsonl");
        Files.writeString(file, "{\"objective\":\"acc\",\"archid\":\"a1\",\"budget\":null,\"value\":0.5,\"seconds\":1}");
        try (EvaluationJournal j = EvaluationJournal.open(file)) {
            assertThat(j.records()).hasSize(1);
            j.append(EvaluationRecord.success("acc", "a2", null, 0.7, 1.0));
        }
        try (EvaluationJournal j = EvaluationJournal.open(file)) {
            assertThat(j.records()).hasSize(2);
        }
    }

    @Test
    void damageElsewhereIsAnErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("evaluations.jsonl");
        Files.writeString(file, "{\"objective\":\"acc\",\"archid\":\"a1\",\"value\":0.5}\nnot json\n"
                + "{\"objective\":\"acc\",\"archid\":\"a2\",\"value\":0.5}\n");
        assertThatThrownBy(() -> EvaluationJournal.open(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("line 2");
        Files.writeString(file, "{\"objective\":\"acc\",\"value\":0.5}\n");
        assertThatThrownBy(() -> EvaluationJournal.open(file)).hasMessageContaining("line 1")
                .hasMessageContaining("'archid'");
    }

    @Test
    void aNewJournalNamesItsRunAndRefusesAnotherRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(EvaluationJournal.FILE_NAME);
        try (EvaluationJournal j = EvaluationJournal.open(file, "spec-abc")) {
            j.append(EvaluationRecord.success("acc", "a1", null, 0.5, 1.0));
        }
        assertThat(Files.readAllLines(file).get(0)).isEqualTo("{\"archai4j_journal\":1,\"run\":\"spec-abc\"}");
        try (EvaluationJournal again = EvaluationJournal.open(file, "spec-abc")) {
            assertThat(again.records()).hasSize(1);
            assertThat(again.runIdentity()).isEqualTo("spec-abc");
        }
        try (EvaluationJournal any = EvaluationJournal.open(file)) {
            assertThat(any.records()).hasSize(1);
        }
        assertThatThrownBy(() -> EvaluationJournal.open(file, "spec-xyz"))
                .hasMessage("evaluation journal " + file + " is of the run 'spec-abc', not of this one ('spec-xyz'); "
                        + "name another output directory");
    }

    @Test
    void aLineHoldsExactlyOneRecordAndTheHeaderComesFirst(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(EvaluationJournal.FILE_NAME);
        String record = "{\"objective\":\"acc\",\"archid\":\"a1\",\"value\":0.5}";
        Files.writeString(file, record + " trailing\n" + record + "\n");
        assertThatThrownBy(() -> EvaluationJournal.open(file)).hasMessageContaining("line 1: not valid JSON");
        Files.writeString(file, record + record + "\n" + record + "\n");
        assertThatThrownBy(() -> EvaluationJournal.open(file)).hasMessageContaining("line 1: not valid JSON");
        Files.writeString(file, record + "\n{\"archai4j_journal\":1,\"run\":\"x\"}\n");
        assertThatThrownBy(() -> EvaluationJournal.open(file)).hasMessageContaining("line 2: a header line after");
        Files.writeString(file, "{\"archai4j_journal\":7,\"run\":\"x\"}\n" + record + "\n");
        assertThatThrownBy(() -> EvaluationJournal.open(file)).hasMessageContaining("line 1: journal format version 7; "
                + "this archai4j reads version 1");
        // A journal of an older archai4j, without a header, is still read.
        Files.writeString(file, record + "\n");
        try (EvaluationJournal legacy = EvaluationJournal.open(file, "spec-abc")) {
            assertThat(legacy.records()).hasSize(1);
        }
    }

    @Test
    void theLatestStopIsReadBackAndADamagedOneNamesItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(EvaluationJournal.FILE_NAME);
        try (EvaluationJournal j = EvaluationJournal.open(file, "run")) {
            assertThat(j.stoppedAt()).isNaN();
            j.append(EvaluationRecord.success("acc", "a1", null, 0.5, 1.0));
            j.appendStop(12.5);
            j.appendStop(3.25);
            assertThatThrownBy(() -> j.appendStop(Double.NaN)).hasMessageContaining("expected finite seconds");
        }
        try (EvaluationJournal again = EvaluationJournal.open(file, "run")) {
            assertThat(again.records()).hasSize(1);
            assertThat(again.stoppedAt()).isEqualTo(12.5);
        }
        Files.writeString(file, "{\"archai4j_journal\":1,\"run\":\"x\"}\n{\"stopped_at\":-1}\n");
        assertThatThrownBy(() -> EvaluationJournal.open(file)).hasMessageContaining("line 2: field 'stopped_at' is "
                + "-1; expected seconds, at least 0");
    }
}
