package dev.clockscope.web;

/** The live view could not start: a bad address (bad input), or one it cannot listen on (port in use...). */
public final class LiveServerException extends Exception {
    private final boolean badInput;

    public LiveServerException(String message, boolean badInput) {
        super(message);
        this.badInput = badInput;
    }

    /** True when the address itself is wrong (exit 2), false when it could not be used (exit 3). */
    public boolean badInput() {
        return badInput;
    }
}
