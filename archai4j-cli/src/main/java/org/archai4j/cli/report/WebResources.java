package org.archai4j.cli.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The scripts the report and the dashboard share, from {@code org/archai4j/cli/web/} on the classpath: Vega,
 * Vega-Lite and vega-embed (BSD-3-Clause, unmodified npm builds, see {@code VEGA-LICENSE.txt}) and
 * {@code charts.js}, which draws {@link ChartSpecs}.
 */
public final class WebResources {
    /** Where they are on the classpath. */
    public static final String DIRECTORY = "/org/archai4j/cli/web/";

    private WebResources() {
    }

    /** The bytes of {@code name}. */
    public static byte[] bytes(String name) {
        try (InputStream in = WebResources.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIRECTORY + name + " (a broken build)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of {@code name}. */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
