package org.archai4j.cli;

import java.io.PrintWriter;
import org.archai4j.io.Diagnostics;
import org.archai4j.io.RunLock;
import org.archai4j.run.Job;
import org.archai4j.run.spec.SpecException;
import org.archai4j.space.file.SpaceFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code archai4j} command: {@code search}, {@code space} and {@code report}. Exit codes: 0 done, 1 the run
 * failed, 2 bad input (a spec, a space file, an option). Errors are one line on standard error, never a stack
 * trace ({@code --debug} prints it).
 *
 * <pre>{@code
 * bin/archai4j search examples/fashion-mnist.yaml
 * bin/archai4j space count examples/spaces/image-classification.yaml
 * bin/archai4j report runs/fashion-mnist
 * }</pre>
 */
@Command(name = "archai4j", mixinStandardHelpOptions = true, version = "archai4j 0.1.0",
        description = "Neural architecture search for the JVM (Archai's discrete search, on DJL).",
        subcommands = {SearchCommand.class, WorkerCommand.class, SpaceCommand.class, ReportCommand.class,
                ExportCommand.class, PredictCommand.class, DashboardCommand.class})
public final class Archai4j implements Runnable {
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a command: search, worker, space, report, export, predict or dashboard");
    }

    /** The command line, with archai4j's exit codes and one-line errors. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Archai4j());
        cli.setExitCodeExceptionMapper(e -> isBadInput(e) ? BAD_INPUT : FAILED);
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("archai4j: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("archai4j: " + Job.oneLine(e));
            if (Diagnostics.debug()) {
                e.printStackTrace(commandLine.getErr());
            }
            return isBadInput(e) ? BAD_INPUT : FAILED;
        });
        return cli;
    }


    private static boolean isBadInput(Throwable e) {
        return e instanceof SpecException || e instanceof SpaceFileException
                || e instanceof CommandLine.ParameterException || e instanceof RunLock.RunLockedException;
    }

    /**
     * Hazelcast's logger, quieted to errors unless archai4j.debug is set: a worker that dies makes it warn with a
     * socket exception's stack trace, where archai4j's own line says what happened.
     */
    private static final String HAZELCAST_LOG_LEVEL = "org.slf4j.simpleLogger.log.com.hazelcast";

    public static void main(String[] args) {
        if (!Diagnostics.debug() && System.getProperty(HAZELCAST_LOG_LEVEL) == null) {
            System.setProperty(HAZELCAST_LOG_LEVEL, "error");
        }
        int code;
        try {
            code = commandLine().execute(args);
        } catch (Throwable e) { // an Error picocli lets through: still one line, never a trace
            System.err.println("archai4j: " + Job.oneLine(e));
            code = FAILED;
        }
        System.exit(code);
    }
}
