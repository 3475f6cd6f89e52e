package dev.clockscope.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closing a connection with one warning that names its remote address and the reason (docs/PROTOCOL.md,
 * "Error handling"). A connection closed this way is marked, so its close is not reported a second time.
 */
final class Rejection {
    private static final Logger LOG = LoggerFactory.getLogger(NetTransport.class);
    private static final AttributeKey<Boolean> REJECTED = AttributeKey.valueOf("clockscope.rejected");

    private Rejection() {
    }

    /** Warns "closing {what} connection {address}: {reason}" (once per connection) and closes it. */
    static void reject(ChannelHandlerContext ctx, String what, String reason) {
        warn(ctx.channel(), what, reason);
        ctx.close();
    }

    /** As {@link #reject}, but writes {@code lastWords} first and closes once they are written. */
    static void rejectAfter(ChannelHandlerContext ctx, String what, String reason, Object lastWords) {
        warn(ctx.channel(), what, reason);
        ctx.writeAndFlush(lastWords).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * As {@link #reject}, but with a TCP reset: whatever is still in our socket's send buffer is dropped
     * instead of being delivered once the link heals, because we have given up on this connection and
     * reported what it carried as unacknowledged.
     */
    static void abort(Channel ch, String what, String reason) {
        warn(ch, what, reason);
        ch.config().setOption(ChannelOption.SO_LINGER, 0);
        ch.close();
    }

    static boolean rejected(Channel ch) {
        return ch.attr(REJECTED).get() != null;
    }

    private static void warn(Channel ch, String what, String reason) {
        if (ch.attr(REJECTED).setIfAbsent(true) == null) {
            LOG.warn("closing {} connection {}: {}", what, ch.remoteAddress(), reason);
        }
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /** 5000 -> "5 s", 1500 -> "1.5 s", 250 -> "250 ms". */
    static String millisText(long millis) {
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return millis >= 1000 && millis % 100 == 0 ? millis / 1000 + "." + millis % 1000 / 100 + " s" : millis + " ms";
    }
}
