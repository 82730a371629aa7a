package org.archai4j.djl.models;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.archai4j.config.ArchConfig;

/**
 * Where a run's networks come from: a {@link ModelFamily} by name (built in, or from a jar), or a DJL
 * {@link Block} class with an {@code (ArchConfig, Map)} or {@code (ArchConfig)} constructor, looked up once on
 * archai4j's classpath plus the given jars. The search, the cluster worker and {@code ExportedModel} all build
 * their networks through it.
 *
 * <pre>{@code
 * try (NetworkSource source = NetworkSource.family("compact-cnn", List.of())) {
 *     Block block = source.block(config, new Shape(1, 28, 28), 10, Map.of());
 * }
 * }</pre>
 */
public final class NetworkSource implements AutoCloseable {
    private final ModelFamily family;
    private final Constructor<?> withOptions;
    private final Constructor<?> plain;
    private final URLClassLoader jars;

    private NetworkSource(ModelFamily family, Constructor<?> withOptions, Constructor<?> plain, URLClassLoader jars) {
        this.family = family;
        this.withOptions = withOptions;
        this.plain = plain;
        this.jars = jars;
    }

    /**
     * The family {@code name}, built in or from {@code jars}.
     *
     * @throws IllegalArgumentException "no family 'x'; expected one of ..." when there is none of that name
     */
    public static NetworkSource family(String name, List<Path> jars) {
        URLClassLoader loader = loader(jars);
        List<ModelFamily> known = ModelFamily.all(loader == null ? NetworkSource.class.getClassLoader() : loader);
        return known.stream().filter(f -> f.name().equals(name)).findFirst()
                .map(f -> new NetworkSource(f, null, null, loader))
                .orElseThrow(() -> {
                    closeQuietly(loader);
                    return new IllegalArgumentException("is '" + name + "'; expected one of " + String.join(", ",
                            known.stream().map(ModelFamily::name).toList()));
                });
    }

    /**
     * The block class {@code className}, from archai4j's classpath or {@code jars}.
     *
     * @throws IllegalArgumentException saying what is wrong: no such class, not a block, no constructor
     */
    public static NetworkSource blockClass(String className, List<Path> jars) {
        URLClassLoader loader = loader(jars);
        try {
            Class<?> type;
            try {
                type = Class.forName(className, true, loader == null ? NetworkSource.class.getClassLoader() : loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalArgumentException("no class " + className + " on the classpath"
                        + (jars.isEmpty() ? " (add its jar to model.classpath)" : " or in " + jars), e);
            }
            if (!Block.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(className + " is not a DJL Block");
            }
            Constructor<?> withOptions = constructor(type, ArchConfig.class, Map.class);
            Constructor<?> plain = constructor(type, ArchConfig.class);
            if (withOptions == null && plain == null) {
                throw new IllegalArgumentException(className + " has no public constructor (ArchConfig) or "
                        + "(ArchConfig, Map)");
            }
            return new NetworkSource(null, withOptions, plain, loader);
        } catch (RuntimeException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    /** The family's or class's name. */
    public String name() {
        return family != null ? family.name() : (withOptions != null ? withOptions : plain).getDeclaringClass()
                .getName();
    }

    /**
     * The network of {@code config} for samples of shape {@code sample} and {@code classes} classes; a family
     * reads its options, a block class's {@code (ArchConfig, Map)} constructor receives them.
     */
    public Block block(ArchConfig config, Shape sample, int classes, Map<String, Object> options) {
        if (family != null) {
            return family.block(config, new ModelFamily.Input(sample, classes, options));
        }
        try {
            return (Block) (withOptions != null ? withOptions.newInstance(config, options) : plain.newInstance(config));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Constructor<?> constructor(Class<?> type, Class<?>... parameters) {
        try {
            return type.getConstructor(parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static URLClassLoader loader(List<Path> jars) {
        if (jars.isEmpty()) {
            return null;
        }
        URL[] urls = jars.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(p + ": not a jar path", e);
            }
        }).toArray(URL[]::new);
        return new URLClassLoader("archai4j-models", urls, NetworkSource.class.getClassLoader());
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                // nothing was written; a jar that cannot be closed leaks a file handle at worst
            }
        }
    }

    /** Closes the jars' class loader; networks built before keep working, new ones cannot load new classes. */
    @Override
    public void close() {
        closeQuietly(jars);
    }
}
