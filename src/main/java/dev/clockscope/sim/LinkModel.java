package dev.clockscope.sim;

import dev.clockscope.config.LinkSettings;
import java.time.Duration;

/**
 * What a simulated link does by itself, before any injected fault: delays each message, and may lose one
 * silently — as a UDP datagram or a crashed kernel's buffer would: no line in any log, so only the analyzer
 * finds it ("lost": a later message on the link arrived). TCP, which the real cluster uses, never does.
 *
 * @param silentLoss       probability that a message vanishes in the network (0 = TCP-like, the default)
 * @param heartbeatTimeout how long a machine may be silent (paused) before its peers declare it down, as the real
 *                         cluster's heartbeats do (config.json's {@code heartbeatTimeout}, default 1.5 s)
 */
public record LinkModel(LinkDelays delays, double silentLoss, Duration heartbeatTimeout) {
    public LinkModel {
        if (!(silentLoss >= 0 && silentLoss <= 1)) {
            throw new IllegalArgumentException("silent loss must be 0..1, got " + silentLoss);
        }
        if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
            throw new IllegalArgumentException("the heartbeat timeout must be positive, got " + heartbeatTimeout);
        }
    }

    /** The real cluster's default heartbeat timeout. */
    public LinkModel(LinkDelays delays, double silentLoss) {
        this(delays, silentLoss, LinkSettings.DEFAULT_HEARTBEAT_TIMEOUT);
    }

    /** Links that only delay (like TCP). */
    public static LinkModel of(LinkDelays delays) {
        return new LinkModel(delays, 0);
    }
}
