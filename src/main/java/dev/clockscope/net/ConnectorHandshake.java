package dev.clockscope.net;

import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import dev.clockscope.protocol.Handshake;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's side of the handshake on our connection to a peer: send Hello, check the HelloAck's
 * proof, send Auth, and wait for the acceptor's first Ack, which confirms that it took the connection.
 * Then this handler makes way for the link's own handlers ({@link HeartbeatHandler}, {@link ConnectorLink})
 * and the link counts as up. A reconnect after any close is scheduled by the {@link Connector}.
 */
final class ConnectorHandshake extends SimpleChannelInboundHandler<Frame> {
    private static final Logger LOG = LoggerFactory.getLogger(NetTransport.class);
    /** Set on a connection whose handshake completed. */
    static final AttributeKey<Boolean> ESTABLISHED = AttributeKey.valueOf("clockscope.established");
    private final Links links;
    private final PeerLink link;
    private ScheduledFuture<?> timeout;
    private Frame.Hello hello;
    private Frame.HelloAck answer;

    ConnectorHandshake(Links links, PeerLink link) {
        this.links = links;
        this.link = link;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String peer = link.id();
        hello = new Frame.Hello(FrameCodec.PROTOCOL_VERSION, links.self.id(), links.incarnation, Handshake.newNonce(),
                links.highWater.lamportSeenFrom(peer), links.highWater.ownEntrySeenFrom(peer));
        ctx.writeAndFlush(hello);
        long millis = links.options.handshakeTimeout().toMillis();
        timeout = ctx.executor().schedule(() -> Rejection.reject(ctx, "outbound", "no handshake answer from "
                + peer + " within " + Rejection.millisText(millis)), millis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (answer == null) {
            checkAnswer(ctx, frame);
        } else if (frame instanceof Frame.Ack ack) {
            established(ctx, ack);
        } else {
            Rejection.reject(ctx, "outbound", "expected " + link.id() + "'s acknowledgement of Auth, got "
                    + frame.getClass().getSimpleName());
        }
    }

    private void checkAnswer(ChannelHandlerContext ctx, Frame frame) {
        if (frame instanceof Frame.OtherVersion other) {
            Rejection.reject(ctx, "outbound", link.id() + " speaks protocol version " + other.version()
                    + ", this machine speaks " + FrameCodec.PROTOCOL_VERSION);
            return;
        }
        if (!(frame instanceof Frame.HelloAck ack)) {
            Rejection.reject(ctx, "outbound", "expected a handshake answer, got " + frame.getClass().getSimpleName());
            return;
        }
        if (!ack.machineId().equals(link.id())) {
            Rejection.reject(ctx, "outbound", "answer from \"" + ack.machineId() + "\", expected \"" + link.id() + "\"");
            return;
        }
        if (!links.options.handshake().ackValid(hello, ack)) {
            Rejection.reject(ctx, "outbound", link.id() + " failed authentication (different cluster secret?)");
            return;
        }
        answer = ack;
        ctx.writeAndFlush(new Frame.Auth(links.options.handshake().authMac(hello, ack)));
    }

    /** The acceptor's first Ack: the connection is ours to write on. */
    private void established(ChannelHandlerContext ctx, Frame.Ack first) {
        String peer = link.id();
        if (first.seq() > 0 && link.unacked.ack(null, first.seq()) < 0) {
            Rejection.reject(ctx, "outbound", peer + " acknowledges seq " + first.seq() + ", which was never sent");
            return;
        }
        timeout.cancel(false);
        ctx.channel().attr(ESTABLISHED).set(true);
        ctx.pipeline().addBefore(ctx.name(), "heartbeats", links.heartbeats(false, peer));
        ctx.pipeline().replace(this, "link", new ConnectorLink(links, link));
        link.outboundEstablished(ctx.channel(), answer.incarnation());
        if (link.stopped || links.sayingGoodbye) {
            // connected again in the middle of a goodbye (ours or the peer's): it goes on this connection too
            ctx.channel().writeAndFlush(Frame.Goodbye.INSTANCE, ctx.channel().voidPromise());
        }
        LOG.info("{} connected to {} at {}", links.self.id(), peer, ctx.channel().remoteAddress());
        links.listener.onPeerHighWater(peer, answer.seenLamport(), answer.seenOwnEntry());
        links.listener.onLinkUp(peer, true);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Rejection.reject(ctx, "outbound", Rejection.describe(cause));
    }
}
