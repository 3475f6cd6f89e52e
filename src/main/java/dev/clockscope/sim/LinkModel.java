package dev.clockscope.sim;

/**
 * What a simulated link does by itself, before any injected fault: delays each message, and may lose one
 * silently — as a UDP datagram or a crashed kernel's buffer would: no line in any log, so only the analyzer
 * finds it ("lost": a later message on the link arrived). TCP, which the real cluster uses, never does.
 *
 * @param silentLoss probability that a message vanishes in the network (0 = TCP-like, the default)
 */
public record LinkModel(LinkDelays delays, double silentLoss) {
    public LinkModel {
        if (!(silentLoss >= 0 && silentLoss <= 1)) {
            throw new IllegalArgumentException("silent loss must be 0..1, got " + silentLoss);
        }
    }

    /** Links that only delay (like TCP). */
    public static LinkModel of(LinkDelays delays) {
        return new LinkModel(delays, 0);
    }
}
