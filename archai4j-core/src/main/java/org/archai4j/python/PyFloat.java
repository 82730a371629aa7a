package org.archai4j.python;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

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

    private PyFloat() {
    }

    /** {@code repr(value)} as CPython prints it. */
    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0.0) {
            return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
        }
        if (value == Math.rint(value) && Math.abs(value) < FIXED_LIMIT) {
            // Integral values below 1e16 are exact and print as the integer followed by ".0".
            return Long.toString((long) value) + ".0";
        }
        BigDecimal shortest = shortestRoundTrip(value).stripTrailingZeros();
        return format(shortest);
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
        StringBuilder out = new StringBuilder(values.length * 5 + 2).append('(');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(repr(values[i]));
        }
        if (values.length == 1) {
            out.append(',');
        }
        return out.append(')').toString();
    }
}
