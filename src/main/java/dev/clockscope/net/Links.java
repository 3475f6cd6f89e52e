package dev.clockscope.net;

import dev.clockscope.config.MachineSpec;
import dev.clockscope.protocol.Frame;
import dev.clockscope.time.TimeSource;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every connection handler of one machine shares: who we are, our peers ({@link PeerLink}), the
 * listener, time, options and the machine-wide states (reading, saying goodbye, closing). Handlers get it
 * in their constructor, so a test can build the same handlers on an EmbeddedChannel without sockets.
 */
final class Links implements PeerHighWater {
    /** Connections in their handshake at once, per remote address and peer. */
    static final int HANDSHAKES_PER_ADDRESS_PER_PEER = 4;
    /** A batch is handed to its channel once it holds this many bytes (about 160 messages of 3 machines). */
    static final int BATCH_FLUSH_BYTES = 8 * 1024;

    final MachineSpec self;
    final int selfIndex;
    final int clusterSize;
    final long incarnation;
    final NetListener listener;
    final TimeSource time;
    private final Map<String, PeerLink> peers = new LinkedHashMap<>();
    final ChannelGroup inboundChannels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    final HandshakeSlots handshakeSlots;
    final Farewell farewell = new Farewell();
    volatile NetOptions options = NetOptions.DEFAULT;
    volatile PeerHighWater highWater = this;
    /** Back-pressure: whether inbound connections are read. */
    volatile boolean reading = true;
    /** We said goodbye: the peers' Goodbyes are answers, not news. */
    volatile boolean sayingGoodbye;
    /**
     * Acknowledge a message only once the machine says its receive is logged ({@link NetTransport#acknowledge}),
     * not when it is taken: a machine killed with messages in its queue then leaves them unacknowledged, and their
     * senders report them. From the goodbye on, everything taken is acknowledged (it will be logged as unprocessed).
     */
    volatile boolean ackWhenLogged;
    /** Closing down: nothing more is taken (handed over or acknowledged). */
    volatile boolean closing;
    /** Closed: no reconnects, no warnings about connections we close ourselves. */
    volatile boolean closed;

    Links(String selfId, List<MachineSpec> machines, long incarnation, NetListener listener, TimeSource time) {
        int index = -1;
        for (int i = 0; i < machines.size(); i++) {
            MachineSpec m = machines.get(i);
            if (m.id().equals(selfId)) {
                index = i;
            } else {
                String id = m.id();
                peers.put(id, new PeerLink(m, i, BATCH_FLUSH_BYTES,
                        seqs -> undelivered(id, seqs, NetTransport.UNACKNOWLEDGED)));
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException(selfId + " is not among the machines");
        }
        this.self = machines.get(index);
        this.selfIndex = index;
        this.clusterSize = machines.size();
        this.incarnation = incarnation;
        this.listener = listener;
        this.time = time;
        this.handshakeSlots = new HandshakeSlots(HANDSHAKES_PER_ADDRESS_PER_PEER * peers.size());
    }

    PeerLink peer(String id) {
        return peers.get(id);
    }

    Collection<PeerLink> peers() {
        return Collections.unmodifiableCollection(peers.values());
    }

    /** The heartbeats of an established connection with {@code peer}; the acceptor drops what arrives after a pause. */
    HeartbeatHandler heartbeats(boolean acceptor, String peer) {
        NetOptions o = options;
        return new HeartbeatHandler(o.heartbeatInterval(), o.heartbeatTimeout(), time::monotonicNanos, acceptor,
                acceptor ? "inbound" : "outbound", peer);
    }

    void undelivered(String peer, long[] seqs, String reason) {
        if (seqs.length > 0) {
            listener.onUndelivered(peer, seqs, reason);
        }
    }

    /**
     * {@code link}'s life {@code incarnation} said goodbye on {@code ch}: it sends nothing more and takes
     * nothing more. We answer with our own Goodbye on our connection to it (after whatever is already on
     * its way), unless we sent one already; news to the listener unless we are stopping ourselves.
     */
    void goodbyeFrom(PeerLink link, Channel ch, long peerIncarnation) {
        link.saidGoodbye(ch, peerIncarnation);
        Channel out = link.outbound;
        if (out != null && out.isActive()) {
            out.writeAndFlush(Frame.Goodbye.INSTANCE, out.voidPromise()); // a second one is dropped by ConnectorLink
        }
        if (!sayingGoodbye) {
            listener.onPeerStopped(link.id());
        }
        farewell.changed();
    }

    /** Our side of {@code link} is settled for a goodbye: everything we wrote was acknowledged, or the link is gone. */
    static boolean outboundSettled(PeerLink link) {
        Channel out = link.outbound;
        return out == null || !out.isActive() || link.unacked.size() == 0;
    }

    /** The peer's side is settled: it said goodbye on its connection to us, or that connection is gone. */
    static boolean inboundSettled(PeerLink link) {
        Channel in = link.inbound;
        return in == null || !in.isActive() || link.goodbyeChannel == in;
    }

    @Override
    public long lamportSeenFrom(String peer) {
        PeerLink link = peers.get(peer);
        return link == null ? 0 : link.seenLamport();
    }

    @Override
    public long ownEntrySeenFrom(String peer) {
        PeerLink link = peers.get(peer);
        return link == null ? 0 : link.seenOwnEntry();
    }
}
