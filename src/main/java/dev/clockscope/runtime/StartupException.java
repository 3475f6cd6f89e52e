package dev.clockscope.runtime;

/** The machine cannot start (port busy, host unresolvable, output directory unwritable...): one line for the user. */
public final class StartupException extends Exception {
    public StartupException(String message) {
        super(message);
    }
}
