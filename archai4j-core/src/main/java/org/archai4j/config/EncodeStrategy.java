package org.archai4j.config;

/**
 * How a {@link DiscreteChoice} turns a value into features.
 *
 * <ul>
 *   <li>{@link #NUMERIC}: one feature, {@code float(value)}.</li>
 *   <li>{@link #ONE_HOT}: one feature per choice, {@code 1.0} where the choice equals the value.</li>
 *   <li>{@link #AUTO}: numeric when every choice is a number (booleans count, and so does an empty list),
 *       one-hot otherwise, as in Archai.</li>
 * </ul>
 */
public enum EncodeStrategy {
    AUTO,
    NUMERIC,
    ONE_HOT
}
