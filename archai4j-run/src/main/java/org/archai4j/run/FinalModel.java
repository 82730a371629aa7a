package org.archai4j.run;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A model of the final stage: trained on every training sample, measured once on the test split.
 *
 * @param archid its architecture
 * @param testAccuracy its accuracy on the test split
 * @param parameters its trainable parameters
 * @param trainSeconds how long its final training took
 * @param origin whether this job trained it or found it recorded by an earlier run of the same job
 * @param result everything {@code final/<archid>/result.json} records
 */
public record FinalModel(String archid, double testAccuracy, long parameters, double trainSeconds, Origin origin,
                         ObjectNode result) {
    /** Where a final model's result comes from. */
    public enum Origin {
        /** Trained and measured by this job. */
        TRAINED,
        /** Recorded by an earlier run of the same job, with the same recipe and length: not trained again. */
        RECORDED
    }

    /** The model {@code result.json} describes. */
    public static FinalModel of(ObjectNode result, Origin origin) {
        return new FinalModel(result.path("archid").asText(), result.path("test_accuracy").asDouble(),
                result.path("parameters").asLong(), result.path("train_seconds").asDouble(), origin, result);
    }
}
