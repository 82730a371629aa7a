package org.archai4j.algos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.BayesOptSearchSpace;
import org.archai4j.space.EvolutionarySearchSpace;

/** Archai's test fixture {@code DummySearchSpace(seed=10)}: archids are integers, mutation nudges them. */
final class DummySearchSpace implements EvolutionarySearchSpace<Void>, BayesOptSearchSpace<Void> {
    private final PyRandom rng;

    DummySearchSpace(long seed) {
        this.rng = new PyRandom(seed);
    }

    @Override
    public ArchaiModel<Void> randomSample() {
        return new ArchaiModel<>(null, Long.toString(rng.randint(0, 100000)));
    }

    @Override
    public ArchaiModel<Void> mutate(ArchaiModel<Void> model) {
        return new ArchaiModel<>(null, Long.toString(Long.parseLong(model.archid()) + rng.randint(-10, 10)));
    }

    @Override
    public ArchaiModel<Void> crossover(List<ArchaiModel<Void>> models) {
        long a = Long.parseLong(models.get(0).archid());
        long b = Long.parseLong(models.get(1).archid());
        return new ArchaiModel<>(null, Long.toString((a + b) / 2));
    }

    @Override
    public double[] encode(ArchaiModel<Void> model) {
        return new double[] {Long.parseLong(model.archid())};
    }

    @Override
    public void saveArch(ArchaiModel<Void> model, Path file) {
        try {
            Files.writeString(file.resolveSibling(file.getFileName() + ".json"), "{\"archid\": \"" + model.archid() + "\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ArchaiModel<Void> loadArch(Path file) {
        try {
            String text = Files.readString(file);
            return new ArchaiModel<>(null, text.replaceAll(".*\"archid\": \"([^\"]+)\".*", "$1").strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void saveModelWeights(ArchaiModel<Void> model, Path file) {
    }

    @Override
    public void loadModelWeights(ArchaiModel<Void> model, Path file) {
    }
}
