package dev.clockscope.sim;

/** A control that would do nothing (a resume of a running machine), or came after the run's end: why, in words. */
public final class ControlRefused extends Exception {
    public ControlRefused(String message) {
        super(message, null, false, false);
    }
}
