package dev.clockscope.net;

import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptor's side of the handshake on a connection a peer opened to us: expect Hello, answer HelloAck
 * with our proof, expect Auth with theirs, answer with the first Ack; then make way for the link's own
 * handlers ({@link HeartbeatHandler}, {@link AcceptorLink}). Nothing reaches the machine before the peer
 * has proved itself. A Hello of another protocol version gets a refusal that names ours.
 */
final class AcceptorHandshake extends SimpleChannelInboundHandler<Frame> {
    private static final Logger LOG = LoggerFactory.getLogger(NetTransport.class);
    private final Links links;
    private ScheduledFuture<?> timeout;
    private SocketAddress slot;
    private Frame.Hello hello;
    private Frame.HelloAck answer;
    private PeerLink claimed;

    AcceptorHandshake(Links links) {
        this.links = links;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        links.inboundChannels.add(ch);
        // read the back-pressure flag again once in the group: a change since the pipeline was built missed this
        ch.config().setAutoRead(links.reading);
        if (!links.handshakeSlots.take(ch.remoteAddress())) {
            Rejection.reject(ctx, "inbound", "too many handshakes at once from this address (cap "
                    + links.handshakeSlots.cap() + ")");
            return;
        }
        slot = ch.remoteAddress();
        long millis = links.options.handshakeTimeout().toMillis();
        timeout = ctx.executor().schedule(() -> Rejection.reject(ctx, "inbound", "no handshake within "
                + Rejection.millisText(millis)), millis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (hello == null) {
            answerHello(ctx, frame);
        } else {
            authenticate(ctx, frame);
        }
    }

    private void answerHello(ChannelHandlerContext ctx, Frame frame) {
        if (frame instanceof Frame.OtherVersion other && other.isHello()) {
            Rejection.rejectAfter(ctx, "inbound", "protocol version " + other.version() + ", this machine speaks "
                    + FrameCodec.PROTOCOL_VERSION, Frame.OtherVersion.refusal());
            return;
        }
        if (!(frame instanceof Frame.Hello h)) {
            Rejection.reject(ctx, "inbound", frame.getClass().getSimpleName() + " before the handshake");
            return;
        }
        PeerLink link = links.peer(h.machineId());
        if (link == null) {
            Rejection.reject(ctx, "inbound", "unknown machine id \"" + h.machineId() + "\"");
            return;
        }
        String refusal = refusal(link, h);
        if (refusal != null) {
            Rejection.reject(ctx, "inbound", refusal);
            return;
        }
        hello = h;
        claimed = link;
        answer = links.options.handshake().answer(h, links.self.id(), links.incarnation,
                links.highWater.lamportSeenFrom(link.id()), links.highWater.ownEntrySeenFrom(link.id()));
        ctx.writeAndFlush(answer);
    }

    /**
     * Why a Hello from {@code link}'s machine cannot have this connection, or null. An authenticated
     * connection of a newer life wins; one of the same life wins while its heartbeats keep coming: a
     * connector only comes back with the same life after its link died, and after two heartbeat intervals
     * of silence ours has evidently died too.
     */
    private String refusal(PeerLink link, Frame.Hello h) {
        Channel existing = link.inbound;
        if (existing == null || !existing.isActive()) {
            return null;
        }
        long current = link.inboundIncarnation;
        if (h.incarnation() < current) {
            return h.machineId() + " is connected with a newer life (incarnation " + current + " > "
                    + h.incarnation() + ")";
        }
        if (h.incarnation() == current && !silent(existing)) {
            return h.machineId() + " is already connected";
        }
        return null;
    }

    private boolean silent(Channel existing) {
        HeartbeatHandler beats = existing.pipeline().get(HeartbeatHandler.class);
        return beats != null && beats.silentNanos() >= 2 * links.options.heartbeatInterval().toNanos();
    }

    private void authenticate(ChannelHandlerContext ctx, Frame frame) {
        if (!(frame instanceof Frame.Auth auth)) {
            Rejection.reject(ctx, "inbound", frame.getClass().getSimpleName() + " before authentication");
            return;
        }
        if (!links.options.handshake().authValid(hello, answer, auth)) {
            Rejection.reject(ctx, "inbound", "\"" + hello.machineId() + "\" failed authentication (wrong cluster secret?)");
            return;
        }
        PeerLink link = claimed;
        // checked again: another connection for this id may have completed meanwhile
        String refusal = refusal(link, hello);
        if (refusal != null) {
            Rejection.reject(ctx, "inbound", refusal);
            return;
        }
        Channel existing = link.inbound;
        if (existing != null && existing.isActive()) {
            String why = hello.incarnation() > link.inboundIncarnation ? "a new life of it connected"
                    : "its heartbeats stopped and it connected again";
            LOG.warn("{} replaces {}'s old connection {}: {}", links.self.id(), link.id(), existing.remoteAddress(), why);
            Rejection.abort(existing, "inbound", "replaced: " + why);
        }
        timeout.cancel(false);
        releaseSlot();
        Channel ch = ctx.channel();
        ctx.pipeline().addBefore(ctx.name(), "heartbeats", links.heartbeats(true, link.id()));
        ctx.pipeline().replace(this, "link", new AcceptorLink(links, link, hello.incarnation()));
        link.inboundEstablished(ch, hello.incarnation());
        ch.writeAndFlush(new Frame.Ack(link.takenFrom(hello.incarnation())));
        links.listener.onPeerHighWater(link.id(), hello.seenLamport(), hello.seenOwnEntry());
        links.listener.onLinkUp(link.id(), false);
        if (link.connector != null) {
            link.connector.connectNowIfWaiting();
        }
    }

    private void releaseSlot() {
        if (slot != null) {
            links.handshakeSlots.release(slot);
            slot = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        releaseSlot();
        if (!links.closed && !Rejection.rejected(ctx.channel())) {
            LOG.warn("closing inbound connection {}: closed by the remote end before the handshake completed",
                    ctx.channel().remoteAddress());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Rejection.reject(ctx, "inbound", Rejection.describe(cause));
    }
}
