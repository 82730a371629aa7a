package org.archai4j.python;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Python's {@code repr(float)}: the shortest digits that read back as the same double, in fixed notation when
 * the decimal exponent is in {@code [-4, 16)} and in exponent notation ({@code 1e-05}, {@code 1e+16}) otherwise.
 *
 * <p>Archids are SHA-1 hashes of Python tuple reprs and arch files carry Python floats, so this has to match
 * CPython to the character; Java's {@code Double.toString} does not ({@code 1.0E16}, {@code NaN}).
 *
 * <pre>{@code
 * PyFloat.repr(3.0);    // "3.0"
 * PyFloat.repr(1e-5);   // "1e-05"
 * PyFloat.repr(0.1);    // "0.1"
 * }</pre>
 */
public final class PyFloat {
    private static final double FIXED_LIMIT = 1e16;
    /** Search spaces use few distinct non-integral values; their shortest digits are costly, so they are kept. */
    private static final int MEMO_LIMIT = 1 << 16;
    private static final ConcurrentHashMap<Double, String> MEMO = new ConcurrentHashMap<>();

    /** Reprs of the small integral values that dominate encodings: "-1024.0" .. "1024.0". */
    private static final int SMALL = 1024;
    private static final String[] SMALL_REPRS = new String[2 * SMALL + 1];

    static {
        for (int i = -SMALL; i <= SMALL; i++) {
            SMALL_REPRS[i + SMALL] = i + ".0";
        }
    }

    private PyFloat() {
    }

    /** {@code repr(value)} as CPython prints it. */
    public static String repr(double value) {
        return appendRepr(new StringBuilder(24), value).toString();
    }

    /** Appends {@code repr(value)} to {@code out}. */
    public static StringBuilder appendRepr(StringBuilder out, double value) {
        if (Double.isNaN(value)) {
            return out.append("nan");
        }
        if (value == Math.rint(value) && Math.abs(value) < FIXED_LIMIT) {
            // Integral values below 1e16 are exact and print as the integer followed by ".0".
            if (value == 0.0 && Double.doubleToRawLongBits(value) < 0) {
                return out.append("-0.0");
            }
            long integral = (long) value;
            if (integral >= -SMALL && integral <= SMALL) {
                return out.append(SMALL_REPRS[(int) integral + SMALL]);
            }
            return out.append(integral).append(".0");
        }
        if (Double.isInfinite(value)) {
            return out.append(value > 0 ? "inf" : "-inf");
        }
        return out.append(shortRepr(value));
    }

    /** The repr of a finite value that is not a small integer: shortest round-trip digits, memoised. */
    private static String shortRepr(double value) {
        String known = MEMO.get(value);
        if (known != null) {
            return known;
        }
        String repr = format(shortestRoundTrip(value).stripTrailingZeros());
        if (MEMO.size() < MEMO_LIMIT) {
            MEMO.put(value, repr);
        }
        return repr;
    }

    /** The shortest decimal that parses back to {@code value}; the closest one when several have that length. */
    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == value) {
                return nearest;
            }
            // Just above a power of two the round-trip interval is lopsided: the nearest candidate can fall
            // outside it while the candidate on the other side is still inside.
            BigDecimal other = exact.round(new MathContext(digits,
                    nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR));
            if (other.doubleValue() == value) {
                return other;
            }
        }
        return exact.round(MathContext.DECIMAL64);
    }

    private static String format(BigDecimal decimal) {
        String sign = decimal.signum() < 0 ? "-" : "";
        String digits = decimal.unscaledValue().abs().toString();
        int n = digits.length();
        // value = 0.d1d2...dn * 10^decpt
        int decpt = n - decimal.scale();
        StringBuilder out = new StringBuilder(sign);
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                out.append("0.").append("0".repeat(-decpt)).append(digits);
            } else if (decpt >= n) {
                out.append(digits).append("0".repeat(decpt - n)).append(".0");
            } else {
                out.append(digits, 0, decpt).append('.').append(digits, decpt, n);
            }
        } else {
            int exponent = decpt - 1;
            out.append(digits.charAt(0));
            if (n > 1) {
                out.append('.').append(digits, 1, n);
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        }
        return out.toString();
    }

    /** Python's {@code str(tuple(values))}: {@code "(1.0, nan)"}, {@code "(1.0,)"} for one value, {@code "()"}. */
    public static String tupleRepr(double[] values) {
        return appendTupleRepr(new StringBuilder(values.length * 6 + 2), values).toString();
    }

    /** Appends Python's {@code str(tuple(values))} to {@code out}. */
    public static StringBuilder appendTupleRepr(StringBuilder out, double[] values) {
        out.append('(');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            appendRepr(out, values[i]);
        }
        if (values.length == 1) {
            out.append(',');
        }
        return out.append(')');
    }
}
