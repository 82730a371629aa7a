package org.archai4j.python;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The handful of Python value semantics that leak into archai's observable behaviour: which values are numbers,
 * {@code float(x)}, and {@code ==} across ints, floats and bools ({@code 1 == 1.0 == True}).
 *
 * <p>Values inside configs are kept in one canonical Java form so that equal configs compare equal and print
 * the same: {@code Integer} (or {@code Long} when it does not fit), {@code Double}, {@code String},
 * {@code Boolean}, {@code null}, unmodifiable {@code List}s and ordered {@code Map}s of those.
 */
public final class PyValues {
    private PyValues() {
    }

    /** Canonical form of a config value: integral numbers to Integer/Long, Float to Double, lists copied. */
    public static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof String || value instanceof Boolean
                || value instanceof Double || value == null) {
            return value;
        }
        if (value instanceof Long l) {
            return l == l.intValue() ? Integer.valueOf(l.intValue()) : l;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigInteger b) {
            if (b.bitLength() < 64) {
                return normalize(b.longValue());
            }
            throw new IllegalArgumentException("integer " + b + " does not fit in 64 bits");
        }
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(normalize(item));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
            return copy;
        }
        return value;
    }

    /** Python's {@code isinstance(x, numbers.Number)} for config values (bools are numbers in Python). */
    public static boolean isNumber(Object value) {
        return value instanceof Number || value instanceof Boolean;
    }

    /**
     * Python's {@code float(x)} for config values.
     *
     * @throws IllegalArgumentException when the value is not a number nor a string holding one
     */
    public static double toFloat(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (value instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            switch (t) {
                case "nan", "+nan", "-nan":
                    return Double.NaN;
                case "inf", "+inf", "infinity", "+infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf", "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        if (!t.isEmpty() && !t.endsWith("d") && !t.endsWith("f")) {
                            return Double.parseDouble(t.replace("_", ""));
                        }
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
            }
        }
        throw new IllegalArgumentException("could not convert " + PyRepr.repr(value) + " to float");
    }

    /** Python's {@code a == b} for config values: numbers (and bools) compare by value, lists element-wise. */
    public static boolean pyEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (isNumber(a) && isNumber(b)) {
            if (isIntegral(a) && isIntegral(b)) {
                return toLong(a) == toLong(b);
            }
            return toFloat(a) == toFloat(b);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!pyEquals(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static boolean isIntegral(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof Boolean;
    }

    private static long toLong(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
    }

    /** A short English name of a value's type for error messages: "an integer", "a string", ... */
    public static String describeType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "an integer";
        }
        if (value instanceof Double || value instanceof Float) {
            return "a float";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a dictionary";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
