package org.archai4j.djl;

import java.util.Objects;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ModelFactory;

/**
 * A network built from a config: a DJL {@link Block} with the shape of one input sample, initialised on first
 * use. Building one is cheap and holds no native memory, so a search may sample and discard thousands; the
 * parameters are created (seeded, on the network's device) when an evaluator first needs them, and freed by
 * {@link #close()}, which {@code ArchaiModel.clear()} calls once the model is evaluated.
 *
 * <pre>{@code
 * ModelFactory<DjlNetwork> factory = ModelFactory.of(config ->
 *         new DjlNetwork(ImageClassifier.block(config, 2, 10), new Shape(1, 28, 28)));
 * try (DjlNetwork net = factory.create(config, Map.of())) {
 *     net.outputShape(8);   // (8, 10)
 * }
 * }</pre>
 */
public final class DjlNetwork implements AutoCloseable {
    /** Parameter initialisation seeds the engine's global generator, so initialisations take turns. */
    private static final Object SEEDING = new Object();

    private final Block block;
    private final Shape sampleShape;
    private final Device device;
    private final int seed;
    private NDManager manager;
    /** Why the network cannot be initialised, once it failed to be (null while it has not failed). */
    private IllegalStateException unusable;
    private boolean closed;

    /** A network on the CPU whose parameters are initialised with seed 0. */
    public DjlNetwork(Block block, Shape sampleShape) {
        this(block, sampleShape, Device.cpu(), 0);
    }

    /**
     * @param block the network (not yet initialised)
     * @param sampleShape the shape of one input sample, without the batch axis (for images: channels, height,
     *     width)
     * @param device where the parameters live
     * @param seed the seed of the parameter initialisation
     */
    public DjlNetwork(Block block, Shape sampleShape, Device device, int seed) {
        this.block = Objects.requireNonNull(block, "block");
        this.sampleShape = Objects.requireNonNull(sampleShape, "sampleShape");
        this.device = Objects.requireNonNull(device, "device");
        this.seed = seed;
    }

    /** The DJL block, initialised. */
    public synchronized Block block() {
        initialize();
        return block;
    }

    /** The block as built, without initialising it (for walking its structure). */
    public Block uninitializedBlock() {
        return block;
    }

    /** The shape of one input sample, without the batch axis. */
    public Shape sampleShape() {
        return sampleShape;
    }

    /** The shape of a batch of {@code batchSize} inputs. */
    public Shape inputShape(long batchSize) {
        return new Shape(batchSize).addAll(sampleShape);
    }

    /** The output shape for a batch of {@code batchSize}, computed from the layers without running them. */
    public Shape outputShape(long batchSize) {
        return block().getOutputShapes(new Shape[] {inputShape(batchSize)})[0];
    }

    public Device device() {
        return device;
    }

    /** The manager that owns the parameters (the network's device). */
    public synchronized NDManager manager() {
        initialize();
        return manager;
    }

    /** Whether the parameters exist yet. */
    public synchronized boolean isInitialized() {
        return manager != null;
    }

    private void initialize() {
        if (closed) {
            throw new IllegalStateException("the network was closed (its model was cleared after evaluation)");
        }
        if (manager != null) {
            return;
        }
        if (unusable != null) {
            throw unusable;
        }
        NDManager created = Engine.getInstance().newBaseManager(device);
        try {
            synchronized (SEEDING) {
                Engine.getInstance().setRandomSeed(seed);
                block.initialize(created, DataType.FLOAT32, inputShape(1));
            }
        } catch (RuntimeException e) {
            created.close();
            // The block's parameters now point at freed memory: every later use fails for this same reason, said
            // plainly, instead of touching them ("Native resource has been released already").
            unusable = new IllegalStateException("the network cannot run on inputs of shape " + sampleShape + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage().strip()), e);
            throw unusable;
        }
        manager = created;
    }

    /** Frees the parameters and gives the memory back ({@link NativeMemory}); the network is unusable afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        if (manager != null) {
            manager.close();
            manager = null;
            NativeMemory.trim();
        }
    }

    @Override
    public String toString() {
        return "DjlNetwork(input " + sampleShape + ", " + block.getClass().getSimpleName() + ")";
    }
}
