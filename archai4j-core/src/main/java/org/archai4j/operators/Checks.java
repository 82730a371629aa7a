package org.archai4j.operators;

/** Parameter checks shared by the components and the algorithms' builders. */
public final class Checks {
    private Checks() {
    }

    /** {@code value}, when it is at least 1. */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " is " + value + "; expected a positive number");
        }
        return value;
    }

    /** {@code value}, when it is at least 0. */
    public static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " is " + value + "; expected 0 or more");
        }
        return value;
    }

    /** {@code value}, when it is a fraction strictly between 0 and 1. */
    public static double fraction(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " is " + value + "; expected a fraction between 0 and 1");
        }
        return value;
    }
}
