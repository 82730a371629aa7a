package org.archai4j.run;

import java.util.List;
import org.archai4j.run.directory.RunDirectory;

/**
 * What a finished job gives: where its files are, how the search ended and the final models.
 *
 * <pre>{@code
 * JobResult result = Job.run(Path.of("examples/fashion-mnist.yaml"), JobOptions.defaults());
 * result.finalModels().forEach(m -> System.out.println(m.archid() + " " + m.testAccuracy()));
 * }</pre>
 *
 * @param directory the run directory
 * @param search how the search ended
 * @param finalModels the final stage's models, in the order they were chosen (empty without a final stage)
 * @param leftOut the final stage's models left out for time
 */
public record JobResult(RunDirectory directory, SearchOutcome search, List<FinalModel> finalModels,
                        List<String> leftOut) {
    public JobResult {
        finalModels = List.copyOf(finalModels);
        leftOut = List.copyOf(leftOut);
    }
}
