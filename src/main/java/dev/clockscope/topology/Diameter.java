package dev.clockscope.topology;

/**
 * The longest shortest path of a connected topology, in hops. {@code exact} is false when it is the
 * double-sweep lower bound of {@link Topology#diameter()} (large graphs): the true diameter is at least
 * {@code hops}.
 */
public record Diameter(int hops, boolean exact) {
}
