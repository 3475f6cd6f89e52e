package dev.clockscope.net;

/** The network cannot start (port in use, host unresolvable...). The message is one line for the user. */
public final class NetStartException extends Exception {
    public NetStartException(String message) {
        super(message);
    }
}
