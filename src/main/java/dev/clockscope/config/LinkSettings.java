package dev.clockscope.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Who may talk and how links behave: the cluster secret (never logged: {@link #toString()} hides it),
 * the handshake timeout, optional TLS, injected network faults, and the heartbeats (an idle connection
 * sends one every {@code heartbeatInterval}; one silent for {@code heartbeatTimeout} is dead).
 */
public record LinkSettings(String secret, Duration handshakeTimeout, Tls tls, NetworkFaults network,
                           Duration heartbeatInterval, Duration heartbeatTimeout) {
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofMillis(1500);
    /** The environment variable that supplies (and overrides) the cluster secret. */
    public static final String SECRET_ENV = "CLOCKSCOPE_SECRET";
    public static final LinkSettings DEFAULT = new LinkSettings(null, DEFAULT_HANDSHAKE_TIMEOUT, null, NetworkFaults.NONE);

    /** The default heartbeats. */
    public LinkSettings(String secret, Duration handshakeTimeout, Tls tls, NetworkFaults network) {
        this(secret, handshakeTimeout, tls, network, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_HEARTBEAT_TIMEOUT);
    }

    public boolean hasSecret() {
        return secret != null && !secret.isEmpty();
    }

    public LinkSettings withSecret(String s) {
        return new LinkSettings(s, handshakeTimeout, tls, network, heartbeatInterval, heartbeatTimeout);
    }

    public LinkSettings withNetwork(NetworkFaults n) {
        return new LinkSettings(secret, handshakeTimeout, tls, n, heartbeatInterval, heartbeatTimeout);
    }

    @Override
    public String toString() {
        return "LinkSettings[secret=" + (hasSecret() ? "(set)" : "(none)") + ", handshakeTimeout=" + handshakeTimeout
                + ", tls=" + tls + ", network=" + network + ", heartbeatInterval=" + heartbeatInterval
                + ", heartbeatTimeout=" + heartbeatTimeout + "]";
    }

    /**
     * PEM files for TLS; {@code cert} and {@code key} may contain {@code {id}}, replaced by the machine id.
     * Paths are relative to the directory of config.json.
     */
    public record Tls(Path base, String ca, String cert, String key) {
        public Path caFile() {
            return base.resolve(ca);
        }

        public Path certFor(String id) {
            return base.resolve(cert.replace("{id}", id));
        }

        public Path keyFor(String id) {
            return base.resolve(key.replace("{id}", id));
        }
    }
}
