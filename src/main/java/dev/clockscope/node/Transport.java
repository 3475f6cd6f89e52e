package dev.clockscope.node;

/** How a machine reaches its peers. Netty in a real process, a recording fake in tests. */
public interface Transport {
    /**
     * Hands {@code message} to the link to {@code peer}. Returns null when it was handed over, otherwise
     * the reason it could not be (e.g. "peer down"), which the machine logs as undelivered.
     */
    String send(String peer, Message message);
}
