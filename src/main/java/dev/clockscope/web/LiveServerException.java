package dev.clockscope.web;

/** The live view could not start (address not local to this machine, port in use...). */
public final class LiveServerException extends Exception {
    public LiveServerException(String message) {
        super(message);
    }
}
