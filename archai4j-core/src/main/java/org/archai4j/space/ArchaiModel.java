package org.archai4j.space;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.archai4j.config.ArchConfig;
import org.archai4j.python.PyRepr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An architecture found by a search: the built model ({@code arch}, which may be absent), its architecture id
 * and metadata (the {@link ArchConfig} under {@code "config"} for config search spaces, and what algorithms
 * record, such as {@code "parent"} or {@code "generation"}).
 *
 * <pre>{@code
 * ArchaiModel<MyNet> m = space.randomSample();
 * m.archid();            // "cc3aba2e903b62619035a871ff3bcdc65dc151de"
 * m.config();            // Optional[ArchConfig({...})]
 * m.clear();             // drop the built model to save memory; the config stays
 * }</pre>
 *
 * <p>The archid identifies the architecture only; it is what searches deduplicate and cache by.
 *
 * @param <M> the type of the built model
 */
public final class ArchaiModel<M> {
    /** The metadata key under which config search spaces keep the {@link ArchConfig}. */
    public static final String CONFIG = "config";

    private static final Logger LOG = LoggerFactory.getLogger(ArchaiModel.class);

    private M arch;
    private final String archid;
    private final Map<String, Object> metadata;

    /** A model with empty metadata. */
    public ArchaiModel(M arch, String archid) {
        this(arch, archid, null);
    }

    /** A model; {@code metadata} is copied into an ordered, mutable map ({@code null} means empty). */
    public ArchaiModel(M arch, String archid, Map<String, ?> metadata) {
        this.arch = arch;
        this.archid = Objects.requireNonNull(archid, "archid");
        this.metadata = metadata == null ? new LinkedHashMap<>() : new LinkedHashMap<>(metadata);
    }

    /** The built model, or {@code null} when there is none (never built, or {@link #clear() cleared}). */
    public M arch() {
        return arch;
    }

    /** The architecture id. */
    public String archid() {
        return archid;
    }

    /** The metadata, ordered and mutable (algorithms add to it). */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The config under {@code metadata["config"]}, if there is one. */
    public Optional<ArchConfig> config() {
        return metadata.get(CONFIG) instanceof ArchConfig c ? Optional.of(c) : Optional.empty();
    }

    /**
     * Drops the built model (to save memory); archid and metadata stay. A model that holds resources (an
     * {@link AutoCloseable}, such as a network with native memory) is closed.
     */
    public void clear() {
        M dropped = arch;
        arch = null;
        if (dropped instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing the model of {} failed: {}", archid, e.toString());
            }
        }
    }

    /** Python's repr: {@code ArchaiModel(\n\tarchid=..., \n\tmetadata={...}, \n\tarch=...\n)}. */
    @Override
    public String toString() {
        return "ArchaiModel(\n\tarchid=" + archid + ", \n\tmetadata=" + PyRepr.repr(metadata) + ", \n\tarch="
                + PyRepr.repr(arch) + "\n)";
    }
}
