package dev.clockscope.web;

/** Whoever owns the machines (the cluster runner, a live simulation) applies validated controls. */
public interface ControlTarget {
    /** Applies {@code request}; returns a one-line description of what was done, or throws with why not. */
    String apply(ControlRequest request) throws ControlException;

    /**
     * Where a control applied now is drawn on the diagram, in the run's own µs since the epoch: the host's clock for
     * real machines; a simulation's clock is virtual, and its events are drawn by it.
     */
    default long markMicros() {
        return System.currentTimeMillis() * 1000;
    }
}
