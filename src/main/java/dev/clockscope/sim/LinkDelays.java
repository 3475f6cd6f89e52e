package dev.clockscope.sim;

import dev.clockscope.config.NetworkFaults;
import dev.clockscope.faults.DelaySampler;
import dev.clockscope.random.RandomSource;
import dev.clockscope.topology.Topology;

/**
 * The base delay of a simulated link (what a real link costs before any injected fault): a delay drawn for
 * each message, with the sender's network random stream.
 */
@FunctionalInterface
public interface LinkDelays {
    /** The delay of a message from machine {@code from} to machine {@code to}, in nanoseconds (never negative). */
    long sampleNanos(int from, int to, RandomSource random);

    /**
     * The real cluster's loopback link, as measured on this project's machine: one-way delays of 100–300 µs
     * (README "Performance": p50 120–234 µs at 1,000 ticks/s; ARCHITECTURE.md: loopback round trip p50 72 µs).
     */
    NetworkFaults.Delay LOOPBACK = new NetworkFaults.Delay("uniform", 0.1, 0.3);

    /** The delays a topology file sets per link; links without one get {@code otherwise}. */
    static LinkDelays perLink(Topology topology, NetworkFaults.Delay otherwise) {
        return (from, to, random) -> {
            NetworkFaults.Delay d = topology.linkDelay(from, topology.slotOf(from, to));
            return DelaySampler.sampleNanos(d == null ? otherwise : d, random);
        };
    }

    /** The same distribution on every link. */
    static LinkDelays of(NetworkFaults.Delay delay) {
        DelaySampler.Shape shape = DelaySampler.shape(delay);
        return (from, to, random) -> shape.sampleNanos(delay, random);
    }
}
