package dev.clockscope.net;

import dev.clockscope.protocol.Frame;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Heartbeats on an established connection (docs/PROTOCOL.md, "Heartbeats"). Every {@code interval} it
 * checks the connection: if nothing was written for an interval it writes a Heartbeat; if nothing was read
 * for {@code timeout} the connection is dead and is closed with a reset (so the peer is declared down and
 * the connector reconnects). Silence while we ourselves have stopped reading (back-pressure) does not
 * count. Heartbeats it reads are consumed here.
 *
 * <p>{@code dropStaleReads} (the acceptor's side): a machine that has written nothing for longer than
 * timeout + 2 intervals (it was paused, e.g. by SIGSTOP) knows its peer has given up on this connection and
 * reported what it carried as unacknowledged; so it takes nothing more from it and closes it.
 *
 * <p>Time comes from {@code nanoTime} (the transport's time source) and the checks from the channel's
 * scheduler, so tests drive both by hand (EmbeddedChannel's advanceTimeBy and a fake time source).
 */
final class HeartbeatHandler extends ChannelDuplexHandler {
    private final long intervalNanos;
    private final long timeoutNanos;
    private final LongSupplier nanoTime;
    private final boolean dropStaleReads;
    private final String what;
    private final String peer;
    private long lastReadNanos;
    private long lastWriteNanos;
    private boolean inBurst;
    private boolean stale;
    private ScheduledFuture<?> check;

    /** {@code what}: "inbound" or "outbound", for the warning; {@code peer}: who is at the other end. */
    HeartbeatHandler(Duration interval, Duration timeout, LongSupplier nanoTime, boolean dropStaleReads, String what,
                     String peer) {
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.nanoTime = nanoTime;
        this.dropStaleReads = dropStaleReads;
        this.what = what;
        this.peer = peer;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long now = nanoTime.getAsLong();
        lastReadNanos = now;
        lastWriteNanos = now;
        check = ctx.executor().scheduleAtFixedRate(() -> check(ctx), intervalNanos, intervalNanos,
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        check.cancel(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        check.cancel(false);
        ctx.fireChannelInactive();
    }

    /** How long nothing has arrived on this connection. */
    long silentNanos() {
        return nanoTime.getAsLong() - lastReadNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!inBurst) {
            inBurst = true;
            long now = nanoTime.getAsLong();
            long unwritten = now - lastWriteNanos;
            if (dropStaleReads && !stale && unwritten > timeoutNanos + 2 * intervalNanos) {
                stale = true;
                Rejection.abort(ctx.channel(), what, "this machine wrote nothing to " + peer + " for "
                        + Rejection.millisText(TimeUnit.NANOSECONDS.toMillis(unwritten))
                        + " (paused?), so it has given up on this connection; what arrives on it is dropped");
            }
            lastReadNanos = now;
        }
        if (stale || msg instanceof Frame.Heartbeat) {
            return; // frames are plain objects: nothing to release
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inBurst = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastWriteNanos = nanoTime.getAsLong();
        ctx.write(msg, promise);
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (!ctx.channel().config().isAutoRead()) {
            lastReadNanos = now; // we stopped reading (back-pressure): the silence is ours
        }
        if (now - lastReadNanos >= timeoutNanos) {
            Rejection.abort(ctx.channel(), what, "nothing arrived from " + peer + " for "
                    + Rejection.millisText(TimeUnit.NANOSECONDS.toMillis(now - lastReadNanos)) + " (heartbeat timeout "
                    + Rejection.millisText(TimeUnit.NANOSECONDS.toMillis(timeoutNanos)) + "): the link is dead");
            return;
        }
        if (now - lastWriteNanos >= intervalNanos) {
            lastWriteNanos = now;
            ctx.writeAndFlush(Frame.Heartbeat.INSTANCE, ctx.voidPromise());
        }
    }
}
