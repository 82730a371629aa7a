package org.archai4j.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archai4j.run.directory.RunDirectory;
import org.archai4j.search.SearchListener;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ArchaiModel;

/**
 * Appends the config of every evaluated model to the run's {@code configs.jsonl} as each iteration ends, one JSON
 * line per architecture ({@code {"archid", "iteration", "bred", "parents", "config"}}): what the dashboard's
 * parallel coordinates, parameter importance, lineage and model pages read. A resumed run adds only architectures
 * not written before.
 */
final class ConfigLog<M> implements SearchListener<M> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Set<String> written = new HashSet<>();

    ConfigLog(RunDirectory run) {
        this.file = run.configs();
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    try {
                        written.add(JSON.readTree(line).path("archid").asText());
                    } catch (IOException e) {
                        // a torn last line: that architecture is written again
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void iterationFinished(int iteration, SearchResults<M> results, List<ArchaiModel<M>> nextPopulation) {
        StringBuilder lines = new StringBuilder();
        for (ArchaiModel<M> model : results.allModels()) {
            if (model.config().isPresent() && written.add(model.archid())) {
                ObjectNode line = JSON.createObjectNode().put("archid", model.archid()).put("iteration", iteration);
                // Lineage, as the breeding operators record it: "parents" after a crossover, "parent" after a
                // mutation, neither for a random sample.
                Object parents = model.metadata().get("parents");
                Object parent = model.metadata().get("parent");
                line.put("bred", parents != null ? "crossover" : parent != null ? "mutation" : "random sample");
                ArrayNode from = line.putArray("parents");
                for (String id : String.valueOf(parents != null ? parents : parent != null ? parent : "").split(",")) {
                    if (!id.isBlank()) {
                        from.add(id.strip());
                    }
                }
                try {
                    line.set("config", JSON.readTree(model.config().get().toJson()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                lines.append(line).append('\n');
            }
        }
        if (lines.length() == 0) {
            return;
        }
        RunDirectory.append(file, lines.toString());
    }
}
