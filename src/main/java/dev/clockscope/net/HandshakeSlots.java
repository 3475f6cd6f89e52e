package dev.clockscope.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * How many connections from one remote address may be in their handshake at once (docs/PROTOCOL.md,
 * "Limits"): a stranger who opens connections and never finishes them only uses up the slots of its own
 * address, and authenticated connections take no slot at all.
 */
final class HandshakeSlots {
    private final int capPerAddress;
    private final Map<Object, Integer> inUse = new HashMap<>();

    HandshakeSlots(int capPerAddress) {
        this.capPerAddress = capPerAddress;
    }

    int cap() {
        return capPerAddress;
    }

    /** Takes a slot for a connection from {@code remote}; false when its address has none left. */
    synchronized boolean take(SocketAddress remote) {
        Object key = key(remote);
        int n = inUse.getOrDefault(key, 0);
        if (n >= capPerAddress) {
            return false;
        }
        inUse.put(key, n + 1);
        return true;
    }

    synchronized void release(SocketAddress remote) {
        inUse.computeIfPresent(key(remote), (k, n) -> n <= 1 ? null : n - 1);
    }

    synchronized int inUse(SocketAddress remote) {
        return inUse.getOrDefault(key(remote), 0);
    }

    /** The host part only: every port of one address shares its slots. */
    private static Object key(SocketAddress remote) {
        return remote instanceof InetSocketAddress a && a.getAddress() != null ? a.getAddress() : remote;
    }
}
