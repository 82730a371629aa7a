package org.archai4j.run.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.pareto.Pareto;
import org.archai4j.run.spec.SpecException;

/**
 * What a run directory holds, read back for the report: the summary ({@code run.json}), every evaluated model
 * with its objectives and iteration (the last {@code search_state_<n>.csv}), the arch files of the last Pareto
 * frontier and the spec.
 *
 * @param directory the run directory
 * @param summary {@code run.json}
 * @param objectives objective names, in order
 * @param higherIsBetter per objective
 * @param models every evaluated model, in evaluation order
 * @param archFiles the Pareto models' arch files (relative path to content), by archid
 * @param spec the spec's text (empty if absent)
 */
public record RunData(Path directory, JsonNode summary, List<String> objectives, boolean[] higherIsBetter,
                      List<Model> models, Map<String, ArchFile> archFiles, String spec, List<FinalModel> finals) {

    /**
     * A model of the final stage ({@code final.json}): trained on all the training data, measured on the test split.
     *
     * @param archid its architecture
     * @param values the measurements, in final.json's order (test_accuracy, validation_accuracy, parameters, ...)
     */
    public record FinalModel(String archid, Map<String, Double> values) {
    }

    /** One evaluated model: its archid, objective values (NaN when failed) and iteration. */
    public record Model(String archid, double[] values, int iteration) {
    }

    /** An arch file: its path relative to the run directory and its text. */
    public record ArchFile(String relativePath, String text) {
    }

    private static final Pattern STATE = Pattern.compile("search_state_(\\d+)\\.csv");
    /** An archid as archai4j's config search spaces write them: SHA-1 in hexadecimal. */
    static final Pattern ARCHID = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern ARCH_FILE = Pattern.compile("[0-9a-f]{40}\\.json");
    private static final Pattern PARETO_DIR = Pattern.compile("(?:pareto_models_iter|models_iter)_(\\d+)");
    private static final Pattern PARETO_SNAPSHOT = Pattern.compile("pareto_models_iter_(\\d{1,9})");

    /** Reads a run directory; a missing or unreadable part is a {@link SpecException} naming the file. */
    public static RunData read(Path directory) {
        Path summaryFile = directory.resolve(RunDirectory.SUMMARY);
        if (!Files.isRegularFile(summaryFile)) {
            throw new SpecException(directory + ": not a run directory (no run.json); expected the output "
                    + "directory of 'archai4j search'");
        }
        JsonNode summary;
        try {
            summary = new ObjectMapper().readTree(summaryFile.toFile());
        } catch (IOException e) {
            throw new SpecException(summaryFile + ": " + e.getMessage().split("\n")[0], e);
        }
        List<String> objectives = new ArrayList<>();
        List<Boolean> higher = new ArrayList<>();
        for (JsonNode o : summary.path("objectives")) {
            if (!o.path("name").isTextual() || !o.path("higher_is_better").isBoolean()) {
                throw new SpecException(summaryFile + ": objectives: " + o + " is not an objective; expected "
                        + "{\"name\": ..., \"higher_is_better\": true|false}");
            }
            objectives.add(o.path("name").asText());
            higher.add(o.path("higher_is_better").asBoolean());
        }
        if (objectives.isEmpty()) {
            throw new SpecException(summaryFile + ": objectives: none; expected the run.json that 'archai4j search' "
                    + "writes, which lists them");
        }
        boolean[] directions = new boolean[higher.size()];
        for (int i = 0; i < directions.length; i++) {
            directions[i] = higher.get(i);
        }
        List<Model> models = latest(directory, STATE).map(f -> models(f, objectives)).orElse(List.of());
        Map<String, ArchFile> archFiles = new LinkedHashMap<>();
        latest(directory, PARETO_DIR).ifPresent(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> ARCH_FILE.matcher(p.getFileName().toString()).matches())
                        .sorted().toList()) {
                    archFiles.put(f.getFileName().toString().replaceFirst("\\.json$", ""), new ArchFile(
                            directory.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String spec = "";
        try {
            Path specFile = directory.resolve(RunDirectory.SPEC);
            if (Files.isRegularFile(specFile)) {
                spec = Files.readString(specFile, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RunData(directory, summary, objectives, directions, models, archFiles, spec,
                finals(directory.resolve(RunDirectory.FINALS)));
    }

    /** The final models of {@code final.json} (none when the file is absent); damage is a one-line error. */
    private static List<FinalModel> finals(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new SpecException(file + ": " + e.getMessage().split("\n")[0], e);
        }
        List<FinalModel> finals = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            String archid = m.path("archid").asText("");
            if (!ARCHID.matcher(archid).matches()) {
                throw new SpecException(file + ": models: archid '" + abbreviate(archid) + "'; expected 40 "
                        + "hexadecimal digits");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (String key : FINAL_COLUMNS) {
                if (m.path(key).isNumber()) {
                    values.put(key, m.path(key).asDouble());
                }
            }
            finals.add(new FinalModel(archid, values));
        }
        return finals;
    }

    /** The measurements of a final model the report shows, in order. */
    public static final List<String> FINAL_COLUMNS = List.of("test_accuracy", "validation_accuracy", "parameters",
            "macs", "latency_ms", "epochs", "train_seconds");

    /**
     * The newest {@code pareto_models_iter_<n>} directory of a run: the frontier's arch files and, when the space
     * saves them, its weights.
     */
    public static Optional<Path> newestParetoSnapshot(Path run) {
        return latest(run, PARETO_SNAPSHOT);
    }

    /** The file or directory matching {@code pattern} with the largest number. */
    private static Optional<Path> latest(Path directory, Pattern pattern) {
        try (Stream<Path> files = Files.list(directory)) {
            Path best = null;
            long bestN = -1;
            for (Path p : files.toList()) {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(1)) > bestN) {
                    bestN = Long.parseLong(m.group(1));
                    best = p;
                }
            }
            return Optional.ofNullable(best);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Model> models(Path csv, List<String> objectives) {
        List<List<String>> records;
        try {
            records = Csv.records(Files.readString(csv, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (records.isEmpty()) {
            return List.of();
        }
        List<String> header = records.get(0);
        int archid = header.indexOf("archid");
        int iteration = header.indexOf("iteration_num");
        int[] columns = objectives.stream().mapToInt(header::indexOf).toArray();
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] < 0 || archid < 0) {
                throw new SpecException(csv + ": no column '" + (archid < 0 ? "archid" : objectives.get(i)) + "'");
            }
        }
        List<Model> out = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() != header.size()) {
                throw new SpecException(csv + ": record " + (r + 1) + " has " + cells.size() + " cells; expected "
                        + header.size() + ", one per column");
            }
            if (!ARCHID.matcher(cells.get(archid)).matches()) {
                throw new SpecException(csv + ": record " + (r + 1) + ": archid '" + abbreviate(cells.get(archid))
                        + "' is not an archid; expected 40 hexadecimal digits");
            }
            double[] values = new double[columns.length];
            for (int i = 0; i < columns.length; i++) {
                values[i] = number(cells.get(columns[i]));
            }
            out.add(new Model(cells.get(archid), values, iteration < 0 ? 0 : (int) number(cells.get(iteration))));
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static double number(String cell) {
        try {
            return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell.replace("nan", "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The indices of the Pareto-optimal models among those of {@code subset} (failed models never are). */
    public int[] frontier(List<Integer> subset) {
        return frontier(subset, IntStream.range(0, objectives.size()).toArray());
    }

    /**
     * The indices of the models of {@code subset} that no other beats on the given objectives (models with a NaN
     * among them never are), in lexicographic order of those objectives, best first.
     */
    public int[] frontier(List<Integer> subset, int... objectiveIndices) {
        List<Integer> valid = subset.stream().filter(i -> Arrays.stream(objectiveIndices)
                .noneMatch(j -> Double.isNaN(models.get(i).values()[j]))).toList();
        double[][] points = new double[valid.size()][objectiveIndices.length];
        for (int k = 0; k < points.length; k++) {
            double[] v = models.get(valid.get(k)).values();
            for (int j = 0; j < objectiveIndices.length; j++) {
                int o = objectiveIndices[j];
                points[k][j] = higherIsBetter[o] ? -v[o] : v[o];
            }
        }
        return Arrays.stream(Pareto.frontier(points)).map(valid::get).toArray();
    }

    /** The iterations present, in order. */
    public List<Integer> iterations() {
        return models.stream().map(Model::iteration).distinct().sorted().toList();
    }
}
