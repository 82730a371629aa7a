package org.archai4j.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.BayesOptSearchSpace;
import org.archai4j.space.EvolutionarySearchSpace;
import org.junit.jupiter.api.Test;

/** Archai's {@code test_archai_model.py} and {@code test_search_space.py} (spec section 6.3). */
class ArchaiModelTest {
    /** Stands in for {@code torch.nn.Linear(10, 1)}, whose repr the reference test prints. */
    private record Linear(int in, int out) {
        @Override
        public String toString() {
            return "Linear(in_features=" + in + ", out_features=" + out + ", bias=True)";
        }
    }

    @Test
    void fieldsAndRepr() {
        Linear arch = new Linear(10, 1);
        ArchaiModel<Linear> model = new ArchaiModel<>(arch, "test_archid", Map.of("key", "value"));
        assertThat(model.arch()).isSameAs(arch);
        assertThat(model.archid()).isEqualTo("test_archid");
        assertThat(model.metadata()).isEqualTo(Map.of("key", "value"));
        assertThat(model).hasToString("ArchaiModel(\n\tarchid=test_archid, \n\tmetadata={'key': 'value'}, \n"
                + "\tarch=Linear(in_features=10, out_features=1, bias=True)\n)");
        assertThat(model.config()).isEmpty();
        model.clear();
        assertThat(model.arch()).isNull();
        assertThat(model.archid()).isEqualTo("test_archid");
    }

    @Test
    void clearingClosesAModelThatHoldsResources() {
        List<String> closed = new ArrayList<>();
        AutoCloseable network = () -> closed.add("network");
        ArchaiModel<AutoCloseable> model = new ArchaiModel<>(network, "id");
        model.clear();
        model.clear();
        assertThat(closed).containsExactly("network");

        ArchaiModel<AutoCloseable> failing = new ArchaiModel<>(() -> {
            throw new IllegalStateException("boom");
        }, "id2");
        failing.clear();   // logged, not thrown: a search goes on
        assertThat(failing.arch()).isNull();
    }

    @Test
    void searchSpaceInterfacesCanBeImplemented() {
        class Space implements EvolutionarySearchSpace<String>, BayesOptSearchSpace<String> {
            @Override
            public ArchaiModel<String> randomSample() {
                return new ArchaiModel<>("net", "1");
            }

            @Override
            public void saveArch(ArchaiModel<String> model, Path file) {
            }

            @Override
            public ArchaiModel<String> loadArch(Path file) {
                return randomSample();
            }

            @Override
            public void saveModelWeights(ArchaiModel<String> model, Path file) {
            }

            @Override
            public void loadModelWeights(ArchaiModel<String> model, Path file) {
            }

            @Override
            public ArchaiModel<String> mutate(ArchaiModel<String> model) {
                return new ArchaiModel<>(model.arch(), model.archid() + "m");
            }

            @Override
            public ArchaiModel<String> crossover(List<ArchaiModel<String>> models) {
                return models.get(0);
            }

            @Override
            public double[] encode(ArchaiModel<String> model) {
                return new double[] {Double.parseDouble(model.archid())};
            }
        }
        Space space = new Space();
        assertThat(space.mutate(space.randomSample()).archid()).isEqualTo("1m");
        assertThat(space.encode(space.randomSample())).containsExactly(1.0);
    }
}
