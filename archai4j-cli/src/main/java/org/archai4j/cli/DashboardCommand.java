package org.archai4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.archai4j.cli.dashboard.DashboardServer;
import org.archai4j.run.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code archai4j dashboard [RUNS_DIR]}: serves the live dashboard over every run under a directory. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve a read-only web dashboard over the runs under RUNS_DIR (default runs/): runs, live "
                + "charts, models, comparisons. Ctrl-C stops it.")
final class DashboardCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUNS_DIR", defaultValue = "runs",
            description = "The directory holding run directories (default: runs).")
    private Path runsDirectory;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "The port (default 8080; 0 "
            + "for any free one).")
    private int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "The address to "
            + "listen on (default 127.0.0.1: this machine only; 0.0.0.0 shows the runs to the network).")
    private String host;

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isDirectory(runsDirectory)) {
            throw new SpecException(runsDirectory + ": no such directory; expected the directory holding runs "
                    + "(default runs/)");
        }
        DashboardServer server = start(runsDirectory, host, port);
        System.out.println("dashboard: " + server.uri() + " (runs under " + runsDirectory.toAbsolutePath()
                .normalize() + "; Ctrl-C stops it)");
        new CountDownLatch(1).await();
        return 0;
    }

    /** Starts a dashboard, turning a port in use into a one-line error. */
    static DashboardServer start(Path runsDirectory, String host, int port) {
        if (port < 0 || port > 65535) {
            throw new SpecException("--port " + port + ": expected 0 to 65535");
        }
        try {
            return DashboardServer.start(runsDirectory, host, port);
        } catch (IOException e) {
            throw new SpecException("--host " + host + " --port " + port + ": cannot listen there (" + e.getMessage()
                    + "); choose another port with --port", e);
        }
    }
}
