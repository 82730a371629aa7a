package org.archai4j.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.archai4j.djl.evaluators.DjlActivations;
import org.archai4j.djl.evaluators.DjlMacs;
import org.archai4j.djl.evaluators.DjlPeakMemory;
import org.archai4j.djl.nn.ForwardCost;
import org.archai4j.djl.nn.Layers;
import org.archai4j.space.ArchaiModel;
import org.junit.jupiter.api.Test;

/** MAC counts against hand calculations. */
class ForwardCostTest {
    private static long macs(Block block, Shape sample) {
        try (DjlNetwork net = new DjlNetwork(block, sample)) {
            return ForwardCost.macs(net.block(), net.inputShape(1));
        }
    }

    @Test
    void convolution() {
        // 3x3, 3 -> 8 channels, 'same' on 10x10: 10*10*8 outputs x 3*3*3 each.
        assertThat(macs(Layers.sameConv(8, 3), new Shape(3, 10, 10))).isEqualTo(10 * 10 * 8 * 3 * 9);
    }

    @Test
    void stridedConvolution() {
        // 3x3, stride 2, padding 1 on 3x9x9 -> 5x5; 16 channels.
        assertThat(macs(Layers.conv(16, 3, 2, 1), new Shape(3, 9, 9))).isEqualTo(5 * 5 * 16 * 3 * 9);
    }

    @Test
    void groupedConvolution() {
        // 8 -> 12 channels in 4 groups: each output sees 8/4 = 2 input channels; 5x5 kernel, no padding on 7x7.
        Conv2d grouped = Conv2d.builder().setFilters(12).setKernelShape(new Shape(5, 5)).optGroups(4).build();
        assertThat(macs(grouped, new Shape(8, 7, 7))).isEqualTo(3 * 3 * 12 * 2 * 25);
    }

    @Test
    void activationsAreEveryLayersOutput() {
        // conv 8x10x10, batch norm and ReLU the same, max-pool 8x5x5, flatten 200, linear 10.
        SequentialBlock net = new SequentialBlock().add(Layers.convBnAct(8, 3, 1, 1, "relu")).add(Layers.maxPool(2))
                .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
        try (DjlNetwork network = new DjlNetwork(net, new Shape(1, 10, 10))) {
            assertThat(ForwardCost.activations(network.block(), network.inputShape(1)))
                    .isEqualTo(3 * 800 + 200 + 200 + 10);
            assertThat(new DjlActivations().evaluate(new ArchaiModel<>(network, "a"), null))
                    .isEqualTo(3 * 800 + 200 + 200 + 10);
        }
    }

    @Test
    void linear() {
        assertThat(macs(Linear.builder().setUnits(10).build(), new Shape(64))).isEqualTo(640);
    }

    @Test
    void seedCell2ModelMatchesTheNotes() {
        SequentialBlock net = new SequentialBlock().add(Layers.convBnAct(32, 3, 4, 1, "relu"));
        for (int i = 0; i < 5; i++) {
            net.add(Layers.convBnAct(32, 3, "relu"));
        }
        // Stem: 16*16*32*27; then five 16*16*32*(32*9).
        assertThat(macs(net, new Shape(3, 64, 64))).isEqualTo(16 * 16 * 32 * 27 + 5L * 16 * 16 * 32 * 288)
                .isEqualTo(12_017_664);
    }

    @Test
    void parallelBranchesEachSeeTheInput() {
        ParallelBlock residual = new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow()
                .add(list.get(1).singletonOrThrow())), List.of(Layers.sameConv(4, 3), Layers.activation("identity")));
        assertThat(macs(residual, new Shape(4, 6, 6))).isEqualTo(6 * 6 * 4 * 4 * 9);

        // Two strided branches, both on the 4x6x6 input (4x3x3 out each), joined along the channels (8x3x3).
        ParallelBlock branches = new ParallelBlock(list -> new NDList(NDArrays.concat(new NDList(
                list.get(0).singletonOrThrow(), list.get(1).singletonOrThrow()), 1)),
                List.of(Layers.conv(4, 3, 2, 1), Layers.conv(4, 3, 2, 1)));
        try (DjlNetwork net = new DjlNetwork(branches, new Shape(4, 6, 6))) {
            assertThat(ForwardCost.activations(net.block(), net.inputShape(1))).isEqualTo(36 + 36 + 72);
        }
    }

    @Test
    void flopsAreTwoPerMacAndMemoryCountsParametersAndLiveActivations() throws Exception {
        SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(10).build())
                .add(Linear.builder().setUnits(2).build());
        ArchaiModel<DjlNetwork> model = new ArchaiModel<>(new DjlNetwork(block, new Shape(4)), "m");
        assertThat(DjlMacs.macs().evaluate(model, null)).isEqualTo(4 * 10 + 10 * 2);
        assertThat(DjlMacs.flops().evaluate(model, null)).isEqualTo(2 * (4 * 10 + 10 * 2));
        // Parameters 4*10+10 + 10*2+2 = 72; peak activations at the first layer: batch 3 x (4 in + 10 out).
        assertThat(new DjlPeakMemory(3).evaluate(model, null)).isEqualTo(4 * (72 + 3 * (4 + 10)));
        model.arch().close();
    }

    @Test
    void aCompositeBlockThatDoesNotSayHowItComposesIsAnError() {
        Block opaque = new Opaque();
        assertThatThrownBy(() -> ForwardCost.macs(opaque, new Shape(1, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Opaque")
                .hasMessageContaining("ForwardCost.Counted");
    }

    private static final class Opaque extends AbstractBlock {
        Opaque() {
            addChildBlock("inner", BatchNorm.builder().build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            return inputs;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }
}
