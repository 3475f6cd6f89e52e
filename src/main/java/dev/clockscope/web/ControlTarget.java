package dev.clockscope.web;

/** Whoever owns the machines (the cluster runner) applies validated controls. */
public interface ControlTarget {
    /** Applies {@code request}; returns a one-line description of what was done, or throws with why not. */
    String apply(ControlRequest request) throws ControlException;
}
