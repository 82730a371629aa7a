package org.archai4j.cli;

import java.nio.file.Path;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.cli.report.RunSnapshot;
import org.archai4j.hazelcast.WorkerListener;

/**
 * Appends which cluster worker evaluated what to the run's {@code workers.jsonl}
 * ({@code {"objective", "archid", "worker"}} per line): the dashboard's timeline gives each worker a lane.
 */
final class WorkerLog implements WorkerListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    WorkerLog(Path runDirectory) {
        this.file = runDirectory.resolve(RunSnapshot.WORKERS);
    }

    @Override
    public synchronized void evaluated(String objective, String archid, String worker) {
        JsonLines.append(file, JSON.createObjectNode().put("objective", objective).put("archid", archid)
                .put("worker", worker) + "\n");
    }
}
