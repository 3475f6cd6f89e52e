package dev.clockscope.web;

/** A control that was refused or failed; the message is one line for the page, naming the field or cause. */
public final class ControlException extends Exception {
    public ControlException(String message) {
        super(message);
    }
}
