package org.archai4j.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.archai4j.io.AtomicFiles;
import org.archai4j.python.PyJson;
import org.archai4j.python.PyValues;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads and writes arch files: Python-identical JSON, or portable (untagged) YAML. */
final class ArchFiles {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private enum Format { JSON, YAML }

    private ArchFiles() {
    }

    /** Python's {@code Path.suffix}: the last dotted part of the file name, or "" (also for ".bashrc"). */
    static String suffix(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && dot < name.length() - 1 ? name.substring(dot) : "";
    }

    /** Appends {@code .json} to a name without a suffix, as Archai does. */
    static Path withDefaultSuffix(Path path) {
        return suffix(path).isEmpty() ? path.resolveSibling(path.getFileName() + ".json") : path;
    }

    private static Format format(Path path) {
        String suffix = suffix(path);
        switch (suffix) {
            case ".json":
                return Format.JSON;
            case ".yaml":
            case ".yml":
                return Format.YAML;
            default:
                throw new IllegalArgumentException("Unsupported file extension " + suffix + " for arch file " + path
                        + "; expected .json, .yaml or .yml (or no suffix, which means .json)");
        }
    }

    static Path write(ArchConfig config, Path path) {
        Path target = withDefaultSuffix(path);
        Map<String, Object> dict = config.toDict();
        String text = format(target) == Format.JSON ? PyJson.dumps(dict) : yaml().dumpToString(dict);
        AtomicFiles.writeString(target, text);
        return target;
    }

    private static Dump yaml() {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());
    }

    static ArchConfig read(Path path) {
        Path source = withDefaultSuffix(path);
        Format format = format(source);
        String text;
        try {
            text = Files.readString(source, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("arch file " + source + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read arch file " + source + ": " + e.getMessage(), e);
        }
        return toConfig(format == Format.JSON ? parseJson(source, text) : parseYaml(source, text), source);
    }

    /** A config from the JSON text of an arch file ({@code source} names it in errors). */
    static ArchConfig fromJson(String text, String source) {
        return toConfig(parseJson(Path.of(source), text), Path.of(source));
    }

    private static ArchConfig toConfig(Object parsed, Path source) {
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw new IllegalArgumentException("arch file " + source + " holds " + PyValues.describeType(parsed)
                    + "; expected a dictionary of parameters");
        }
        try {
            return ArchConfig.of(dict);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("arch file " + source + ": " + e.getMessage(), e);
        }
    }

    private static Object parseJson(Path source, String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new IllegalArgumentException("arch file " + source + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static Object parseYaml(Path source, String text) {
        try {
            return new Load(LoadSettings.builder().setLabel(source.toString()).build()).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> " at line " + (m.getLine() + 1) + ", column "
                    + (m.getColumn() + 1)).orElse("");
            throw new IllegalArgumentException("arch file " + source + " is not valid YAML" + where + ": "
                    + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("arch file " + source + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
