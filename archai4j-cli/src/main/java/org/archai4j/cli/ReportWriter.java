package org.archai4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.archai4j.cli.report.HtmlReport;
import org.archai4j.run.JobListener;
import org.archai4j.run.JobResult;

/** Writes a finished job's {@code report.html} and says where it is. */
final class ReportWriter implements JobListener {
    private final PrintStream out;

    ReportWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void finished(JobResult result) {
        Path report = HtmlReport.write(result.directory().path());
        out.println("report: " + report.toAbsolutePath().normalize());
    }
}
