package org.archai4j.run.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.archai4j.run.spec.SpecException;

/**
 * The reference's files in a run directory, as {@link RunSnapshot} reads them: the newest
 * {@code search_state_<n>.csv} (every evaluated model with its iteration) and the arch files of the newest
 * {@code pareto_models_iter_<n>/} (or {@code models_iter_<n>/}). Their names are the core's outputs'.
 */
final class SearchStateFiles {
    private static final Pattern STATE = Pattern.compile("search_state_(\\d+)\\.csv");
    /** An archid as archai4j's config search spaces write them: SHA-1 in hexadecimal. */
    static final Pattern ARCHID = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern ARCH_FILE = Pattern.compile("[0-9a-f]{40}\\.json");
    private static final Pattern PARETO_DIR = Pattern.compile("(?:pareto_models_iter|models_iter)_(\\d+)");
    private static final Pattern PARETO_SNAPSHOT = Pattern.compile("pareto_models_iter_(\\d{1,9})");

    private SearchStateFiles() {
    }

    /**
     * The rows of the newest search-state table (none without one).
     *
     * @throws SpecException naming the file, the record and what was expected when a row is damaged
     */
    static List<RunSnapshot.StateRow> rows(Path directory, List<String> objectives) {
        Optional<Path> csv = latest(directory, STATE);
        if (csv.isEmpty()) {
            return List.of();
        }
        List<List<String>> records;
        try {
            records = Csv.records(Files.readString(csv.get(), StandardCharsets.UTF_8));
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
                throw new SpecException(csv.get() + ": no column '" + (archid < 0 ? "archid" : objectives.get(i))
                        + "'");
            }
        }
        List<RunSnapshot.StateRow> out = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() != header.size()) {
                throw new SpecException(csv.get() + ": record " + (r + 1) + " has " + cells.size() + " cells; "
                        + "expected " + header.size() + ", one per column");
            }
            if (!ARCHID.matcher(cells.get(archid)).matches()) {
                throw new SpecException(csv.get() + ": record " + (r + 1) + ": archid '"
                        + abbreviate(cells.get(archid)) + "' is not an archid; expected 40 hexadecimal digits");
            }
            double[] values = new double[columns.length];
            for (int i = 0; i < columns.length; i++) {
                values[i] = number(cells.get(columns[i]));
            }
            out.add(new RunSnapshot.StateRow(cells.get(archid), values, iteration < 0 ? 0
                    : (int) number(cells.get(iteration))));
        }
        return out;
    }

    /** The arch files of the newest frontier (or evaluated-models) directory, by archid. */
    static Map<String, RunSnapshot.ArchFile> archFiles(Path directory) {
        Map<String, RunSnapshot.ArchFile> archFiles = new LinkedHashMap<>();
        latest(directory, PARETO_DIR).ifPresent(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> ARCH_FILE.matcher(p.getFileName().toString()).matches())
                        .sorted().toList()) {
                    archFiles.put(f.getFileName().toString().replaceFirst("\\.json$", ""), new RunSnapshot.ArchFile(
                            directory.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return archFiles;
    }

    /** The newest {@code pareto_models_iter_<n>} directory: the frontier's arch files and weights. */
    static Optional<Path> newestParetoSnapshot(Path directory) {
        return latest(directory, PARETO_SNAPSHOT);
    }

    /** The file or directory matching {@code pattern} with the largest number. */
    private static Optional<Path> latest(Path directory, Pattern pattern) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
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

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static double number(String cell) {
        try {
            return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell.replace("nan", "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
