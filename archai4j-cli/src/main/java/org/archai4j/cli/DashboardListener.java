package org.archai4j.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.archai4j.cli.dashboard.DashboardServer;
import org.archai4j.run.JobListener;
import org.archai4j.run.JobStart;

/**
 * The live dashboard over the runs beside a job's, served while the job runs: started with the job (a port in use
 * refuses the run before anything is written), its address printed, stopped when closed.
 */
final class DashboardListener implements JobListener, AutoCloseable {
    private final int port;
    private DashboardServer server;

    DashboardListener(int port) {
        this.port = port;
    }

    @Override
    public void started(JobStart start) {
        Path run = start.directory().path().toAbsolutePath().normalize();
        server = DashboardCommand.start(run.getParent(), "127.0.0.1", port);
        System.out.println("dashboard: " + server.uri() + "run?id=" + URLEncoder.encode(run.getFileName().toString(),
                StandardCharsets.UTF_8) + " (while the search runs; afterwards: archai4j dashboard "
                + run.getParent() + ")");
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
