package dev.clockscope.net;

import dev.clockscope.protocol.Frame;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our established connection to a peer: writes Data batches (and, once, a Goodbye), reads the peer's
 * cumulative Acks. Whatever is unacknowledged when the connection goes is reported to the listener as
 * undelivered ({@link NetTransport#UNACKNOWLEDGED}); a batch that arrives here after our Goodbye is not
 * written, and its messages are reported as {@link NetTransport#PEER_STOPPED}.
 */
final class ConnectorLink extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NetTransport.class);
    private final Links links;
    private final PeerLink link;
    private boolean goodbyeSent;

    ConnectorLink(Links links, PeerLink link) {
        this.links = links;
        this.link = link;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame.Ack ack)) {
            Rejection.reject(ctx, "outbound", "unexpected " + msg.getClass().getSimpleName() + " from " + link.id());
            return;
        }
        int acknowledged = link.unacked.ack(ctx.channel(), ack.seq());
        if (acknowledged < 0) {
            Rejection.reject(ctx, "outbound", link.id() + " acknowledges seq " + ack.seq() + ", which was never sent");
        } else if (acknowledged > 0 && links.sayingGoodbye) {
            links.farewell.changed();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof DataBatch batch) {
            if (goodbyeSent) {
                batch.release();
                promise.trySuccess();
                links.undelivered(link.id(), link.unacked.forget(ctx.channel(), batch.seqs, batch.count),
                        NetTransport.PEER_STOPPED);
                return;
            }
            ctx.write(batch.content(), promise);
            return;
        }
        if (msg instanceof Frame.Goodbye) {
            if (goodbyeSent) {
                promise.trySuccess();
                return;
            }
            goodbyeSent = true;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        String peer = link.id();
        if (link.outbound == ctx.channel()) {
            link.outbound = null;
            if (!links.closed) {
                LOG.warn("{} lost its link to {}", links.self.id(), peer);
            }
            links.listener.onLinkDown(peer, true);
        }
        links.undelivered(peer, link.unacked.detach(ctx.channel()), NetTransport.UNACKNOWLEDGED);
        links.farewell.changed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Rejection.reject(ctx, "outbound", Rejection.describe(cause));
    }
}
