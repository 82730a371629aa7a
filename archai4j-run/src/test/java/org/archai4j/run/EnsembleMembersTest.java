package org.archai4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The final ensemble's members: the final models whose validation accuracy is within two standard errors of the
 * most accurate one's, so that a clearly weaker network does not pull the mean down.
 */
class EnsembleMembersTest {
    private static FinalModel model(String archid, double validationAccuracy) {
        ObjectNode result = new ObjectMapper().createObjectNode().put("archid", archid)
                .put("validation_accuracy", validationAccuracy).put("test_accuracy", 0.5).put("parameters", 10);
        return FinalModel.of(result, FinalModel.Origin.TRAINED);
    }

    private static List<String> members(int validationSamples, FinalModel... finals) {
        return FinalStage.ensembleMembers(List.of(finals), validationSamples).stream().map(FinalModel::archid)
                .toList();
    }

    @Test
    void modelsAsAccurateAsTheBestJoinAndClearlyWeakerOnesDoNot() {
        // 128 validation rows: 0.9922 against 0.9688 is 3 rows, within two standard errors (0.034); 0.9 is not.
        assertThat(members(128, model("a", 0.9922), model("b", 0.9688), model("c", 0.9))).containsExactly("a", "b");
        // The same accuracies on 10,000 samples are measurably different: the best stands alone.
        assertThat(members(10_000, model("a", 0.9922), model("b", 0.9688), model("c", 0.9)))
                .containsExactly("a");
        // Order is kept, whichever is the most accurate.
        assertThat(members(300, model("x", 0.79), model("y", 0.83), model("z", 0.6))).containsExactly("x", "y");
        // Equal accuracies, even perfect ones, all join.
        assertThat(members(50, model("p", 1.0), model("q", 1.0))).containsExactly("p", "q");
    }
}
