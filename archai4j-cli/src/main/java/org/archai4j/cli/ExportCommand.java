package org.archai4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.archai4j.run.ModelExport;
import org.archai4j.run.directory.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code archai4j export RUN_DIR ARCHID --out DIR}: one of a run's trained models, or its final ensemble, as a
 * self-contained directory ({@link ModelExport}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a run's trained model as a self-contained directory (architecture, weights, the same "
                + "network as model.onnx, input shape, normalisation, class names, README) that 'archai4j predict', "
                + "ExportedModel and ONNX Runtime load.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The output directory of 'archai4j search'.")
    private Path runDirectory;

    @Parameters(index = "1", paramLabel = "ARCHID", description = "The model's archid, or a unique prefix of it "
            + "(see final.json or report.html), or 'ensemble' for the final models' ensemble (final.ensemble: mean).")
    private String archid;

    @Spec
    private CommandSpec command;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The directory to create; it "
            + "must not exist or be empty.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        ModelExport.Exported exported = ModelExport.export(RunDirectory.of(runDirectory), archid, out);
        String name = archid.equals(ModelExport.ENSEMBLE) ? exported.archid() : exported.archid().substring(0, 12);
        System.out.println("exported " + name + " (" + exported.what() + ") to "
                + exported.directory());
        exported.onnxProblem().ifPresent(problem -> command.commandLine().getErr().println("archai4j: no model.onnx: "
                + problem));
        System.out.println("try: archai4j predict " + out + " INPUT..." + (exported.onnxProblem().isEmpty()
                ? " (add --runtime onnx for ONNX Runtime)" : ""));
        return 0;
    }
}
