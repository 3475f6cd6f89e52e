package dev.clockscope.net;

import dev.clockscope.protocol.Handshake;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;

/**
 * How connections are secured and how long a handshake may take. {@code serverTls}/{@code clientTls}
 * are null when TLS is off; the HMAC handshake runs either way.
 */
public record NetOptions(Handshake handshake, Duration handshakeTimeout, SslContext serverTls, SslContext clientTls) {
    public static final NetOptions DEFAULT = new NetOptions(new Handshake(null), Duration.ofSeconds(5), null, null);
}
