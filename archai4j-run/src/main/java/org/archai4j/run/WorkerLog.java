package org.archai4j.run;

import java.nio.file.Path;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.hazelcast.WorkerListener;
import org.archai4j.run.directory.RunDirectory;

/**
 * Appends which cluster worker evaluated what to the run's {@code workers.jsonl}
 * ({@code {"objective", "archid", "worker"}} per line): the dashboard's timeline gives each worker a lane.
 */
final class WorkerLog implements WorkerListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    WorkerLog(RunDirectory run) {
        this.file = run.workers();
    }

    @Override
    public synchronized void evaluated(String objective, String archid, String worker) {
        RunDirectory.append(file, JSON.createObjectNode().put("objective", objective).put("archid", archid)
                .put("worker", worker) + "\n");
    }
}
