package dev.clockscope.net;

/**
 * What this machine has seen from each peer, sent in every handshake so that a restarted peer can resume
 * its clocks above it (docs/PROTOCOL.md, "Clocks across lives"). The transport keeps its own record of the
 * Data frames it received ({@link NetTransport#withHighWater} replaces it, e.g. with the machine's vector
 * clock, which also knows a peer's entry from third parties). Called on Netty I/O threads: implementations
 * must be thread-safe.
 */
public interface PeerHighWater {
    /** The highest Lamport value carried by any message from {@code peer}, in any of its lives; 0 if none. */
    long lamportSeenFrom(String peer);

    /** The highest vector entry of {@code peer} itself seen from it, in any of its lives; 0 if none. */
    long ownEntrySeenFrom(String peer);
}
