package dev.clockscope.node;

/** How a machine reaches its peers: Netty in a real process, the simulated network, a recording fake in tests. */
public interface Transport {
    /**
     * Hands {@code message} to the link to machine {@code peer} (an index). Returns null when it was handed
     * over, otherwise the reason it could not be (e.g. "peer down"), which the machine logs as undelivered.
     */
    String send(int peer, Message message);

    /** Called at the start of every tick, before its action (injected faults log partitions starting and ending). */
    default void beforeTick() {
    }
}
