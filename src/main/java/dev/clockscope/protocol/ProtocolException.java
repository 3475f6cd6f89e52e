package dev.clockscope.protocol;

/** A frame that breaks the protocol; the message says why, for the warning that closes the connection. */
public final class ProtocolException extends Exception {
    public ProtocolException(String reason) {
        super(reason);
    }
}
