package dev.clockscope.node;

/**
 * The network's side of a machine: what arrives and which links come and go. Netty (through the real
 * runtime, on the machine's thread) and the simulated network call the same methods. Peers are indices.
 */
public interface Inbound {
    /**
     * A message reached this machine's queue ({@code message.arrivedMicros()} says when). Returns false,
     * and drops it, when it replays a sequence number already taken from the same life of the sender.
     */
    boolean deliver(Message message);

    /** {@code outbound}: our connection to the peer (used for sends); otherwise the peer's connection to us. */
    void linkUp(int peer, boolean outbound);

    void linkDown(int peer, boolean outbound);

    /**
     * A message this machine sent, which the network had taken, did not get through (e.g. it was never
     * acknowledged before the link went down, or the peer stopped first): logged as undelivered.
     */
    void undelivered(int peer, long seq, String reason);
}
