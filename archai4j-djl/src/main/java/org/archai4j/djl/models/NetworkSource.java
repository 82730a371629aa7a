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
import java.util.Optional;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.archai4j.config.ArchConfig;

/**
 * Where a run's networks come from: a {@link ModelFamily} by name (built in, or from a jar), or a DJL
 * {@link Block} class with an {@code (ArchConfig, Map)} or {@code (ArchConfig)} constructor, looked up once. The
 * search, the cluster worker and {@code ExportedModel} all build their networks through it.
 *
 * <p>What archai4j's own classpath has is used first, and then no jar is opened at all: a jar is loaded (and its
 * classes may run) only when the family or class is not built in, and only with {@link CodeLoading#ALLOW}.
 * {@link #loadedJars()} and {@link #unusedJars()} say which was which.
 *
 * <pre>{@code
 * try (NetworkSource source = NetworkSource.family("compact-cnn", List.of(), CodeLoading.REFUSE)) {
 *     Block block = source.block(config, new Shape(1, 28, 28), 10, Map.of());
 * }
 * }</pre>
 */
public final class NetworkSource implements AutoCloseable {
    private final ModelFamily family;
    private final Constructor<?> withOptions;
    private final Constructor<?> plain;
    private final URLClassLoader jars;
    private final List<Path> loadedJars;
    private final List<Path> unusedJars;

    private NetworkSource(ModelFamily family, Constructor<?> withOptions, Constructor<?> plain, URLClassLoader jars,
                          List<Path> given) {
        this.family = family;
        this.withOptions = withOptions;
        this.plain = plain;
        this.jars = jars;
        this.loadedJars = jars == null ? List.of() : List.copyOf(given);
        this.unusedJars = jars == null ? List.copyOf(given) : List.of();
    }

    /** The jars whose code was loaded (empty when the family or class is built in). */
    public List<Path> loadedJars() {
        return loadedJars;
    }

    /** The jars given but not needed, and so never opened: the family or class is built in. */
    public List<Path> unusedJars() {
        return unusedJars;
    }

    /**
     * The family {@code name}: built in, or else from {@code jars} when {@code code} allows.
     *
     * @throws IllegalArgumentException "is 'x'; expected one of ..." when there is none of that name, or naming
     *     the jars when the family needs them and {@code code} refuses
     */
    public static NetworkSource family(String name, List<Path> jars, CodeLoading code) {
        List<ModelFamily> builtIn = ModelFamily.all(NetworkSource.class.getClassLoader());
        Optional<ModelFamily> found = builtIn.stream().filter(f -> f.name().equals(name)).findFirst();
        if (found.isPresent()) {
            return new NetworkSource(found.get(), null, null, null, jars);
        }
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("is '" + name + "'; expected one of " + names(builtIn));
        }
        refuseUnlessAllowed(code, "family '" + name + "'", jars);
        URLClassLoader loader = loader(jars);
        List<ModelFamily> known = ModelFamily.all(loader);
        return known.stream().filter(f -> f.name().equals(name)).findFirst()
                .map(f -> new NetworkSource(f, null, null, loader, jars))
                .orElseThrow(() -> {
                    closeQuietly(loader);
                    return new IllegalArgumentException("is '" + name + "'; expected one of " + names(known));
                });
    }

    /**
     * The block class {@code className}: on archai4j's classpath, or else from {@code jars} when {@code code}
     * allows.
     *
     * @throws IllegalArgumentException saying what is wrong: no such class, not a block, no constructor, or the
     *     jars it needs and {@code code} refuses
     */
    public static NetworkSource blockClass(String className, List<Path> jars, CodeLoading code) {
        Class<?> type = builtInClass(className);
        URLClassLoader loader = null;
        if (type == null) {
            if (jars.isEmpty()) {
                throw new IllegalArgumentException("no class " + className + " on the classpath (add its jar to "
                        + "model.classpath)");
            }
            refuseUnlessAllowed(code, "class " + className, jars);
            loader = loader(jars);
            try {
                type = Class.forName(className, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                closeQuietly(loader);
                throw new IllegalArgumentException("no class " + className + " on the classpath or in " + jars, e);
            }
        }
        try {
            if (!Block.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(className + " is not a DJL Block");
            }
            Constructor<?> withOptions = constructor(type, ArchConfig.class, Map.class);
            Constructor<?> plain = constructor(type, ArchConfig.class);
            if (withOptions == null && plain == null) {
                throw new IllegalArgumentException(className + " has no public constructor (ArchConfig) or "
                        + "(ArchConfig, Map)");
            }
            return new NetworkSource(null, withOptions, plain, loader, jars);
        } catch (RuntimeException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    /** The class on archai4j's own classpath, not initialised yet, or null when it is not there. */
    private static Class<?> builtInClass(String className) {
        try {
            return Class.forName(className, false, NetworkSource.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static void refuseUnlessAllowed(CodeLoading code, String what, List<Path> jars) {
        if (code != CodeLoading.ALLOW) {
            throw new IllegalArgumentException(what + " is not built in: it needs code from "
                    + String.join(", ", jars.stream().map(p -> p.getFileName().toString()).toList())
                    + ", which is loaded only when allowed (archai4j predict --allow-code; CodeLoading.ALLOW)");
        }
    }

    private static String names(List<ModelFamily> families) {
        return String.join(", ", families.stream().map(ModelFamily::name).toList());
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
