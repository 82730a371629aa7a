package org.archai4j.evaluation;

/**
 * A search's clock: real time since it was made, except that it can be moved on to a later time, so that a
 * resumed run, replaying its journal, counts the time the earlier run spent too. Time limits read it.
 *
 * <pre>{@code
 * RunClock clock = new RunClock();
 * clock.advanceTo(record.at());   // replaying an evaluation the earlier run finished at that time
 * double seconds = clock.elapsedSeconds();
 * }</pre>
 */
public final class RunClock {
    /** {@code seconds} at {@code nanos}, advancing in real time from there. */
    private double seconds;
    private long nanos = System.nanoTime();

    /** Seconds on the run's clock. */
    public synchronized double elapsedSeconds() {
        return seconds + (System.nanoTime() - nanos) / 1e9;
    }

    /** Moves the clock on to {@code at} seconds, if that is later than it reads (NaN: not at all). */
    public synchronized void advanceTo(double at) {
        if (!Double.isNaN(at) && at > elapsedSeconds()) {
            seconds = at;
            nanos = System.nanoTime();
        }
    }
}
