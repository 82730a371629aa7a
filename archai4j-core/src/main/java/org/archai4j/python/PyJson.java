package org.archai4j.python;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * Python's {@code json.dumps(obj, indent=4)}, byte for byte: four-space indent, {@code ": "} and {@code ","}
 * separators, no trailing newline, {@code ensure_ascii} escapes, Python float reprs and the {@code NaN} /
 * {@code Infinity} literals. Arch files written with it are identical to the reference's.
 *
 * <pre>{@code
 * PyJson.dumps(Map.of("a", 1));   // "{\n    \"a\": 1\n}"
 * }</pre>
 */
public final class PyJson {
    private static final String INDENT = "    ";

    private PyJson() {
    }

    /** {@code json.dumps(value, indent=4)} for maps, lists, strings, numbers, booleans and null. */
    public static String dumps(Object value) {
        return dumps(value, v -> {
            throw new IllegalArgumentException("Object of type " + v.getClass().getSimpleName()
                    + " is not JSON serializable");
        });
    }

    /**
     * {@code json.dumps(value, indent=4, default=fallback)}: values of other types are first converted by
     * {@code fallback}, as Python's {@code default} hook does.
     */
    public static String dumps(Object value, Function<Object, Object> fallback) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0, fallback);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int level, Function<Object, Object> fallback) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                out.append("NaN");
            } else if (Double.isInfinite(d)) {
                out.append(d > 0 ? "Infinity" : "-Infinity");
            } else {
                out.append(PyFloat.repr(d));
            }
        } else if (value instanceof Number n) {
            out.append(n);
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                newline(out, level + 1);
                writeString(out, String.valueOf(e.getKey()));
                out.append(": ");
                write(out, e.getValue(), level + 1, fallback);
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            newline(out, level);
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            Iterator<?> it = list.iterator();
            while (it.hasNext()) {
                newline(out, level + 1);
                write(out, it.next(), level + 1, fallback);
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            newline(out, level);
            out.append(']');
        } else {
            write(out, fallback.apply(value), level, fallback);
        }
    }

    private static void newline(StringBuilder out, int level) {
        out.append('\n');
        for (int i = 0; i < level; i++) {
            out.append(INDENT);
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
