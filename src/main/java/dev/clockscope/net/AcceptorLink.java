package dev.clockscope.net;

import dev.clockscope.clock.VectorClock;
import dev.clockscope.node.Message;
import dev.clockscope.protocol.Frame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer's authenticated connection to us: takes its Data frames, hands each read burst to the listener
 * in one go and answers it with one cumulative Ack (a few bytes per burst, not a frame per message), and
 * takes its Goodbye. While the transport is closing nothing is taken: not handed over, not acknowledged,
 * so the sender reports it.
 */
final class AcceptorLink extends SimpleChannelInboundHandler<Frame> {
    private final Links links;
    private final PeerLink peer;
    /** The life of the peer this connection belongs to. */
    private final long incarnation;
    /** Highest seq taken on this connection: a peer's seqs only grow, so anything else is a replay. */
    private long lastSeq;
    /** The last Ack written on this connection. */
    private long acked = -1;
    private boolean goodbye;
    /** Messages of the current read burst, handed over at its end (null: none yet). */
    private List<Message> received;

    AcceptorLink(Links links, PeerLink peer, long incarnation) {
        this.links = links;
        this.peer = peer;
        this.incarnation = incarnation;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (frame instanceof Frame.Data d && !goodbye) {
            take(ctx, d);
        } else if (frame instanceof Frame.Goodbye && !goodbye) {
            handOver(ctx);
            goodbye = true;
            links.goodbyeFrom(peer, ctx.channel(), incarnation);
        } else {
            reject(ctx, "unexpected " + frame.getClass().getSimpleName() + (goodbye ? " after Goodbye" : " after the handshake"));
        }
    }

    private void take(ChannelHandlerContext ctx, Frame.Data d) {
        if (d.senderIndex() != peer.index) {
            reject(ctx, "message claims sender index " + d.senderIndex() + " on " + peer.id()
                    + "'s connection (index " + peer.index + ")");
            return;
        }
        if (d.vector().length != links.clusterSize) {
            reject(ctx, "vector clock of size " + d.vector().length + " in a cluster of " + links.clusterSize);
            return;
        }
        if (received == null) {
            received = new ArrayList<>(16);
        }
        // the decoder made the vector for this message alone and checked it: no copy
        received.add(new Message(peer.index, incarnation, d.seq(), d.lamport(), VectorClock.adopt(d.vector()),
                links.time.wallMicros(), d.hlc()));
        peer.sawData(d.lamport(), d.vector()[peer.index]);
        if (d.seq() <= lastSeq) {
            // handed on so the machine logs it as rejected (it never applies a seq twice); then cut off
            reject(ctx, "replayed sequence number " + d.seq() + " from " + peer.id() + " (last was " + lastSeq + ")");
            return;
        }
        lastSeq = d.seq();
    }

    /** The end of a read burst: everything it decoded goes to the machine in one hand-over, answered by one Ack. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        handOver(ctx);
        ctx.fireChannelReadComplete();
    }

    private void handOver(ChannelHandlerContext ctx) {
        List<Message> batch = received;
        if (batch == null) {
            return;
        }
        received = null;
        if (links.closing) {
            return; // not taken: the sender hears no Ack and reports these itself
        }
        links.listener.onMessages(batch);
        peer.taken(incarnation, lastSeq);
        acknowledge(ctx.channel());
    }

    /**
     * Writes the cumulative Ack if it grew: what was taken, or, when the machine acknowledges only what it has
     * logged (and is not saying goodbye), what it has logged. Event loop only.
     */
    void acknowledge(io.netty.channel.Channel ch) {
        long cumulative = links.ackWhenLogged && !links.sayingGoodbye ? peer.loggedFrom(incarnation)
                : peer.takenFrom(incarnation);
        if (cumulative > acked && ch.isActive()) {
            acked = cumulative;
            ch.writeAndFlush(new Frame.Ack(cumulative), ch.voidPromise());
        }
    }

    /** What arrived before the offending frame is taken (and acknowledged) first; then the connection goes. */
    private void reject(ChannelHandlerContext ctx, String reason) {
        handOver(ctx);
        Rejection.reject(ctx, "inbound", reason);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handOver(ctx);
        if (peer.inbound == ctx.channel()) {
            peer.inbound = null;
            links.listener.onLinkDown(peer.id(), false);
        }
        links.farewell.changed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reject(ctx, Rejection.describe(cause));
    }
}
