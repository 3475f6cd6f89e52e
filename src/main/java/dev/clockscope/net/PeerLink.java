package dev.clockscope.net;

import dev.clockscope.config.MachineSpec;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * One peer as the network sees it: where it is, our connection to it (outbound: we write Data, it writes
 * Acks) with what it has not acknowledged yet, its connection to us (inbound: it writes Data, we write
 * Acks) with what we have taken from it, what we have seen of its clocks, and whether it said goodbye.
 * Channel fields are read by the sending thread; everything else changes on the event loop.
 */
final class PeerLink {
    final MachineSpec spec;
    final int index;
    InetSocketAddress address;
    /** Opens and re-opens our connection to the peer; null where there are no sockets (EmbeddedChannel tests). */
    Connector connector;

    /** Our established connection to the peer (after its first Ack), or null. */
    volatile Channel outbound;
    final UnackedSeqs unacked = new UnackedSeqs();
    /** Outgoing messages not yet handed to the channel; sending thread only. */
    final OutboundBatch batch;
    /** The outbound channel whose water marks were set for batching; sending thread only. */
    Channel tunedChannel;

    /** The peer's established connection to us, or null, and the life of the peer it belongs to. */
    volatile Channel inbound;
    volatile long inboundIncarnation;
    /** The inbound connection on which the peer said goodbye (nothing more comes on it). */
    volatile Channel goodbyeChannel;
    /** Highest seq taken from the life {@link #takenIncarnation} of the peer (over all its connections). */
    private long takenIncarnation = -1;
    private long takenSeq;
    /** Highest seq of the life {@link #loggedIncarnation} the machine has logged (durable acknowledgements). */
    private long loggedIncarnation = -1;
    private long loggedSeq;

    /** The peer said goodbye in its life {@link #stoppedIncarnation}: sends are refused until another life connects. */
    volatile boolean stopped;
    private volatile long stoppedIncarnation;

    /**
     * The highest Lamport value and own vector entry in Data from the peer, in any of its lives. Written
     * for every message and read by handshakes, all on the transport's one event loop: plain fields.
     */
    private long seenLamport;
    private long seenOwnEntry;

    PeerLink(MachineSpec spec, int index, int batchFlushBytes, OutboundBatch.Lost lost) {
        this.spec = spec;
        this.index = index;
        this.batch = new OutboundBatch(batchFlushBytes, unacked, lost);
    }

    String id() {
        return spec.id();
    }

    /** Our connection to the peer's life {@code peerIncarnation} is confirmed: sends go to it from now on. */
    void outboundEstablished(Channel ch, long peerIncarnation) {
        unacked.attach(ch);
        if (stopped && peerIncarnation != stoppedIncarnation) {
            stopped = false;
        }
        if (connector != null) {
            connector.connected();
        }
        outbound = ch;
    }

    /** The peer's life {@code incarnation} has authenticated {@code ch}: its Data arrive there. */
    void inboundEstablished(Channel ch, long incarnation) {
        inbound = ch;
        inboundIncarnation = incarnation;
        if (stopped && incarnation != stoppedIncarnation) {
            stopped = false;
        }
    }

    /** The peer's life {@code incarnation} said goodbye on {@code ch}. */
    void saidGoodbye(Channel ch, long incarnation) {
        stoppedIncarnation = incarnation;
        stopped = true;
        goodbyeChannel = ch;
    }

    /** Messages up to {@code seq} of the peer's life {@code incarnation} are taken; returns the cumulative Ack. */
    long taken(long incarnation, long seq) {
        if (incarnation != takenIncarnation) {
            takenIncarnation = incarnation;
            takenSeq = 0;
        }
        takenSeq = Math.max(takenSeq, seq);
        return takenSeq;
    }

    /** The machine has logged the peer's life {@code incarnation}'s messages up to {@code seq} (event loop only). */
    void logged(long incarnation, long seq) {
        if (incarnation != loggedIncarnation) {
            loggedIncarnation = incarnation;
            loggedSeq = 0;
        }
        loggedSeq = Math.max(loggedSeq, seq);
    }

    /** The cumulative Ack a machine that acknowledges when it has logged may send for {@code incarnation}. */
    long loggedFrom(long incarnation) {
        return incarnation == loggedIncarnation ? Math.min(loggedSeq, takenFrom(incarnation)) : 0;
    }

    /** The cumulative Ack for the peer's life {@code incarnation}: 0 if nothing of it was taken. */
    long takenFrom(long incarnation) {
        return incarnation == takenIncarnation ? takenSeq : 0;
    }

    void sawData(long lamport, long ownEntry) {
        if (lamport > seenLamport) {
            seenLamport = lamport;
        }
        if (ownEntry > seenOwnEntry) {
            seenOwnEntry = ownEntry;
        }
    }

    long seenLamport() {
        return seenLamport;
    }

    long seenOwnEntry() {
        return seenOwnEntry;
    }
}
