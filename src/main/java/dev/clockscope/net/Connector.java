package dev.clockscope.net;

import dev.clockscope.random.RandomSource;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens our connection to one peer and opens it again after it closes, with {@link Backoff}. One hook,
 * {@link #retryLater}, serves a failed connect and a lost or refused connection alike (as in Netty's
 * "uptime" client example), and never schedules twice.
 */
final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(NetTransport.class);
    private static final long WAITING_LINE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Links links;
    private final PeerLink link;
    private final EventLoopGroup group;
    private final Backoff backoff;
    private final RandomSource jitter;
    /** Back-off waits cut short because a peer connected to us; shared by the machine's connectors. */
    private final AtomicInteger connectsOnHello;
    private Bootstrap bootstrap;
    private int attempt;
    private boolean retryPending;
    /** The scheduled retry while {@link #retryPending}; guarded by this. */
    private ScheduledFuture<?> retry;
    private long lastWaitingLineNanos;

    Connector(Links links, PeerLink link, EventLoopGroup group, Backoff backoff, RandomSource jitter,
              AtomicInteger connectsOnHello) {
        this.links = links;
        this.link = link;
        this.group = group;
        this.backoff = backoff;
        this.jitter = jitter;
        this.connectsOnHello = connectsOnHello;
    }

    void connect() {
        if (links.closed) {
            return;
        }
        if (bootstrap == null) {
            bootstrap = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                    .handler(new ConnectorInitializer(links, link));
        }
        bootstrap.connect(link.address).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                retryLater(Rejection.describe(f.cause()));
                return;
            }
            Channel ch = f.channel();
            ch.closeFuture().addListener(c -> retryLater(everUp(ch) ? "link lost" : "handshake failed"));
        });
    }

    /** Whether {@code ch} got as far as the established link. */
    private static boolean everUp(Channel ch) {
        return ch.hasAttr(ConnectorHandshake.ESTABLISHED);
    }

    /** The one reconnect hook, for a failed connect and for a lost link alike; never schedules twice. */
    synchronized void retryLater(String why) {
        if (links.closed || retryPending) {
            return;
        }
        retryPending = true;
        attempt++;
        Duration delay;
        synchronized (jitter) {
            delay = backoff.delayFor(attempt, jitter);
        }
        long now = links.time.monotonicNanos();
        String self = links.self.id();
        if (attempt == 1 || now - lastWaitingLineNanos >= WAITING_LINE_EVERY_NANOS) {
            lastWaitingLineNanos = now;
            LOG.info("{} waiting for {} at {}:{} ({}); attempt {}, next try in {} ms", self, link.id(),
                    link.spec.host(), link.spec.port(), why, attempt, delay.toMillis());
        } else {
            LOG.debug("{} retrying {} in {} ms ({}), attempt {}", self, link.id(), delay.toMillis(), why, attempt);
        }
        retry = group.schedule(() -> {
            synchronized (Connector.this) {
                retryPending = false;
                retry = null;
            }
            connect();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The peer has just authenticated a connection to us, so it is evidently up: if our own link to it
     * is waiting in back-off, cancel the wait and connect now. Does nothing while a connect or handshake
     * is under way or the link is up (no double connects: only the one who cancels the pending retry
     * connects, and a retry already running is left alone). The attempt count is kept, so a peer whose
     * port still refuses us backs off as before.
     */
    void connectNowIfWaiting() {
        int waitedAttempt;
        synchronized (this) {
            if (links.closed || !retryPending || retry == null || !retry.cancel(false)) {
                return;
            }
            retryPending = false;
            retry = null;
            waitedAttempt = attempt;
        }
        connectsOnHello.incrementAndGet();
        LOG.info("{}: {} connected to us, so it is up: connecting to it now (was waiting after attempt {})",
                links.self.id(), link.id(), waitedAttempt);
        connect();
    }

    /** The link is up: the next loss starts the back-off from the beginning. */
    synchronized void connected() {
        attempt = 0;
    }

    synchronized boolean retryPending() {
        return retryPending;
    }
}
