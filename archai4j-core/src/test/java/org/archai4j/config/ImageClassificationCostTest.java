package org.archai4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.Test;

/** The analytic cost of the tutorial's cell-35 model, against hand calculations. */
class ImageClassificationCostTest {
    @Test
    void oneBlockOneConvByHand() {
        ArchConfig config = ArchConfig.of(ParamTrees.dict(
                "base_num_channels", 8,
                "downsample_blocks", ParamTrees.dict("_config_type", "config_list", "_share_arch", false,
                        "_repeat_times", 1, "_configs", ParamTrees.dict("0", ParamTrees.dict(
                                "max_pool_kernel_size", 2, "channel_multiplier", 2.0,
                                "convs", ParamTrees.dict("_config_type", "config_list", "_share_arch", false,
                                        "_repeat_times", 1, "_configs", ParamTrees.dict("0", ParamTrees.dict(
                                                "kernel_size", 3, "act_fn", "relu"))))))));
        ImageClassificationSpace.Cost cost = ImageClassificationSpace.cost(config, 2, 3, 240, 240);
        // stem: 3*8*9 + 8 bias + 16 BN; conv: 8*16*9 + 16 bias + 32 BN
        assertThat(cost.parameters()).isEqualTo(3 * 8 * 9 + 8 + 16 + 8 * 16 * 9 + 16 + 32);
        // stem 120x120 output: 120*120*8*3*9; conv at 120x120: 120*120*16*8*9
        assertThat(cost.macs()).isEqualTo(120L * 120 * 8 * 3 * 9 + 120L * 120 * 16 * 8 * 9);
        assertThat(config.getUsedParams().get("base_num_channels")).isEqualTo(true);
    }
}
