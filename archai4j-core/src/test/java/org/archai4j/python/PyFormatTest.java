package org.archai4j.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.archai4j.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Python's float repr, tuple str and json.dumps(indent=4), against values printed by CPython. */
class PyFormatTest {
    @Test
    void floatReprMatchesCPython() {
        double[] values = {1e16, 1e-05, 0.1, 100.0, 1e15, -0.0, Double.NaN, Double.POSITIVE_INFINITY};
        assertThat(PyFloat.tupleRepr(values))
                .isEqualTo("(1e+16, 1e-05, 0.1, 100.0, 1000000000000000.0, -0.0, nan, inf)");
        assertThat(PyFloat.repr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(PyFloat.repr(5e-324)).isEqualTo("5e-324");
        assertThat(PyFloat.repr(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(PyFloat.repr(2.82879384806159e17)).isEqualTo("2.82879384806159e+17");
        assertThat(PyFloat.repr(123456.789)).isEqualTo("123456.789");
        assertThat(PyFloat.repr(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(PyFloat.repr(-2.5e-7)).isEqualTo("-2.5e-07");
        assertThat(PyFloat.repr(9007199254740993.0)).isEqualTo("9007199254740992.0");
        assertThat(PyFloat.repr(1e22)).isEqualTo("1e+22");
        assertThat(PyFloat.repr(1e23)).isEqualTo("1e+23");
        assertThat(PyFloat.repr(1.5e-323)).isEqualTo("1.5e-323");
        assertThat(PyFloat.repr(0.0001)).isEqualTo("0.0001");
        assertThat(PyFloat.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(PyFloat.repr(1.218719480020992e+18)).isEqualTo("1.218719480020992e+18");
    }

    @Test
    void tupleReprOfOneAndNone() {
        assertThat(PyFloat.tupleRepr(new double[] {1.0})).isEqualTo("(1.0,)");
        assertThat(PyFloat.tupleRepr(new double[0])).isEqualTo("()");
    }

    @ParameterizedTest(name = "value {0}")
    @MethodSource("seeds3000")
    void floatReprRoundTripsAndIsNoLongerThanJava(double value) {
        String repr = PyFloat.repr(value);
        double back = switch (repr) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(repr);
        };
        assertThat(Double.compare(back, value)).as("%s parses back to %s", repr, value).isZero();
        assertThat(significantDigits(repr)).isLessThanOrEqualTo(significantDigits(Double.toString(value)));
    }

    private static int significantDigits(String s) {
        String mantissa = s.toLowerCase().split("e")[0].replace("-", "").replace(".", "");
        mantissa = mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "");
        return mantissa.length();
    }

    @Test
    void jsonDumpsIndent4LikePython() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k", "y");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", 4);
        doc.put("f", 1.2);
        doc.put("t", true);
        doc.put("n", null);
        doc.put("e", List.of());
        doc.put("m", Map.of());
        doc.put("l", List.of(2.0, Double.NaN, Double.NEGATIVE_INFINITY));
        doc.put("s", "é\"\\\n\u007f");
        doc.put("d", inner);
        assertThat(PyJson.dumps(doc)).isEqualTo("""
                {
                    "a": 4,
                    "f": 1.2,
                    "t": true,
                    "n": null,
                    "e": [],
                    "m": {},
                    "l": [
                        2.0,
                        NaN,
                        -Infinity
                    ],
                    "s": "\\u00e9\\"\\\\\\n\\u007f",
                    "d": {
                        "k": "y"
                    }
                }""");
        assertThatThrownBy(() -> PyJson.dumps(new Object())).hasMessageContaining("not JSON serializable");
    }

    @Test
    void pythonReprOfValues() {
        assertThat(PyRepr.repr(Arrays.asList(1, "a", true, null, 2.0))).isEqualTo("[1, 'a', True, None, 2.0]");
        assertThat(PyRepr.repr("it's")).isEqualTo("\"it's\"");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", "value");
        assertThat(PyRepr.repr(m)).isEqualTo("{'key': 'value'}");
    }

    @Test
    void pythonEqualityAcrossNumbersAndBools() {
        assertThat(PyValues.pyEquals(1, 1.0)).isTrue();
        assertThat(PyValues.pyEquals(1, true)).isTrue();
        assertThat(PyValues.pyEquals(0, false)).isTrue();
        assertThat(PyValues.pyEquals("1", 1)).isFalse();
        assertThat(PyValues.pyEquals(new ArrayList<>(List.of(1, 2)), List.of(1.0, 2))).isTrue();
        assertThat(PyValues.toFloat(true)).isEqualTo(1.0);
        assertThat(PyValues.toFloat("2.5")).isEqualTo(2.5);
        assertThatThrownBy(() -> PyValues.toFloat("relu")).hasMessage("could not convert 'relu' to float");
    }

    static java.util.stream.DoubleStream seeds3000() {
        return Seeds.doubles(3000);
    }
}
