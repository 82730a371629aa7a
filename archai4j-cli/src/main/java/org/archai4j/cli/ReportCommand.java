package org.archai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.archai4j.cli.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code archai4j report RUN_DIR}: rebuilds {@code report.html} from what the run directory holds. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild RUN_DIR/report.html from the run's files (search state, arch files, spec).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "The output directory of 'archai4j search'.")
    private Path runDirectory;

    @Override
    public Integer call() {
        System.out.println("report: " + HtmlReport.write(runDirectory).toAbsolutePath().normalize());
        return 0;
    }
}
