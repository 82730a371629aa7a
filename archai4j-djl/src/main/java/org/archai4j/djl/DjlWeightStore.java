package org.archai4j.djl;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import org.archai4j.io.AtomicFiles;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.WeightStore;

/**
 * Saves and loads the parameters of {@link DjlNetwork}s in DJL's format, so that {@code ConfigSearchSpace}'s
 * {@code saveModelWeights}/{@code loadModelWeights} and the searches' Pareto weights work. Writes are atomic.
 *
 * <pre>{@code
 * ConfigSearchSpace<DjlNetwork> space = ConfigSearchSpace.builder(factory, tree)
 *         .weightStore(new DjlWeightStore()).build();
 * space.saveModelWeights(model, Path.of("best.params"));
 * }</pre>
 */
public final class DjlWeightStore implements WeightStore<DjlNetwork> {
    @Override
    public void save(DjlNetwork model, Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.block().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the weights for " + file, e);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    @Override
    public void load(DjlNetwork model, Path file) {
        loadParameters(model.block(), model.manager(), file);
    }

    /**
     * Reads {@code file} (DJL's parameter format) into the initialised {@code block}.
     *
     * @throws IllegalArgumentException naming the file when its weights do not fit the block
     * @throws UncheckedIOException when it cannot be read
     */
    public static void loadParameters(Block block, NDManager manager, Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            block.loadParameters(manager, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weights from " + file + ": " + e.getMessage(), e);
        } catch (MalformedModelException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": weights do not fit this network (" + e.getMessage() + ")",
                    e);
        }
    }

    /** DJL's parameter files: {@code .params}. */
    @Override
    public String fileExtension() {
        return ".params";
    }
}
