package dev.clockscope.net;

import dev.clockscope.protocol.Handshake;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;

/**
 * How connections are secured, how long a handshake may take, and the heartbeats: an idle connection
 * sends a heartbeat every {@code heartbeatInterval}; one on which nothing arrives for
 * {@code heartbeatTimeout} is closed as dead. {@code serverTls}/{@code clientTls} are null when TLS is off;
 * the HMAC handshake runs either way.
 */
public record NetOptions(Handshake handshake, Duration handshakeTimeout, SslContext serverTls, SslContext clientTls,
                         Duration heartbeatInterval, Duration heartbeatTimeout) {
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofMillis(1500);
    public static final NetOptions DEFAULT = new NetOptions(new Handshake(null), Duration.ofSeconds(5), null, null);

    public NetOptions {
        if (heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(3)) < 0 || heartbeatInterval.isZero()
                || heartbeatInterval.isNegative()) {
            // a live peer's frames can be up to two intervals apart; the timeout must leave room for that
            throw new IllegalArgumentException("need 0 < 3 x heartbeat interval <= heartbeat timeout, got "
                    + heartbeatInterval + ", " + heartbeatTimeout);
        }
    }

    /** The default heartbeats. */
    public NetOptions(Handshake handshake, Duration handshakeTimeout, SslContext serverTls, SslContext clientTls) {
        this(handshake, handshakeTimeout, serverTls, clientTls, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_HEARTBEAT_TIMEOUT);
    }

    public NetOptions withHeartbeats(Duration interval, Duration timeout) {
        return new NetOptions(handshake, handshakeTimeout, serverTls, clientTls, interval, timeout);
    }
}
