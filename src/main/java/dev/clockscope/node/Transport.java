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

    /**
     * Machine {@code receiver} (this one) has logged taking message {@code seq} of machine {@code from}'s life
     * {@code fromIncarnation} off its queue (a receive, or a refusal for its clock). The simulated network counts it
     * acknowledged; a real machine's acknowledgement waits until the line is in the file (runtime.DurableAcks).
     */
    default void logged(int receiver, int from, long fromIncarnation, long seq) {
    }
}
