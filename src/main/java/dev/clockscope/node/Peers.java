package dev.clockscope.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@link Machine} keeps per neighbour, by slot (the neighbours sorted ascending): whether each direction
 * of the link is up, whether the machine has been connected to all of them, and the replay guard (the sender
 * life last seen and the highest seq taken from it). The machine decides what to log; this class only keeps
 * the books, so that the rules about links and replays are in one place.
 */
final class Peers {
    /** {@link #link} results: nothing changed for the peer, it came up (and the machine is now connected), it went down. */
    static final int UNCHANGED = 0;
    static final int CAME_UP = 1;
    static final int CAME_UP_ALL_CONNECTED = 2;
    static final int WENT_DOWN = 3;

    private final int[] neighbours;
    /** Per slot: [2s] the sender life last seen, [2s+1] the highest seq taken from it. */
    private final long[] lastSeen;
    /** Per slot: bit 0 our link to it is up, bit 1 its link to us is up. */
    private final byte[] links;
    private int peersUp;
    private boolean connected;
    /** The neighbours' ids, for send events to all of them; built on the first such send. */
    private List<String> allIds;

    /** @param neighbours any order, no duplicates, not {@code self}, each in [0, ids.size()) */
    Peers(int self, MachineIds ids, int[] neighbours) {
        this.neighbours = neighbours.clone();
        Arrays.sort(this.neighbours);
        for (int i = 0; i < this.neighbours.length; i++) {
            int n = this.neighbours[i];
            if (n == self || n < 0 || n >= ids.size() || (i > 0 && n == this.neighbours[i - 1])) {
                throw new IllegalArgumentException(ids.id(self) + ": bad neighbour list " + Arrays.toString(neighbours));
            }
        }
        this.lastSeen = new long[2 * this.neighbours.length];
        for (int s = 0; s < this.neighbours.length; s++) {
            lastSeen[2 * s] = -1;
        }
        this.links = new byte[this.neighbours.length];
    }

    /** The slot of neighbour {@code peer}; -1 if it is not one. */
    int slotOf(int peer) {
        int slot = Arrays.binarySearch(neighbours, peer);
        return slot < 0 ? -1 : slot;
    }

    /**
     * The replay guard: true if the message {@code seq} of sender life {@code fromIncarnation} from the neighbour in
     * {@code slot} is new (a new life starts its seqs again), and it is then remembered as taken.
     */
    boolean take(int slot, long fromIncarnation, long seq) {
        if (lastSeen[2 * slot] != fromIncarnation) {
            lastSeen[2 * slot] = fromIncarnation;
            lastSeen[2 * slot + 1] = 0;
        }
        if (seq <= lastSeen[2 * slot + 1]) {
            return false;
        }
        lastSeen[2 * slot + 1] = seq;
        return true;
    }

    /**
     * One direction of the link to the neighbour in {@code slot} went up or down. A peer is up when both directions
     * are; the machine is connected once every neighbour has been up (and stays so).
     */
    int link(int slot, boolean outbound, boolean up) {
        int before = links[slot];
        int bit = outbound ? 1 : 2;
        int after = up ? before | bit : before & ~bit;
        links[slot] = (byte) after;
        if (before != 3 && after == 3) {
            peersUp++;
            if (!connected && peersUp == neighbours.length) {
                connected = true;
                return CAME_UP_ALL_CONNECTED;
            }
            return CAME_UP;
        }
        if (before == 3 && after != 3) {
            peersUp--;
            return WENT_DOWN;
        }
        return UNCHANGED;
    }

    boolean up(int slot) {
        return links[slot] == 3;
    }

    boolean connected() {
        return connected;
    }

    /** Reads the books a link change reads (see {@link Machine#touch}); a number of no meaning. */
    long touch() {
        return neighbours.length + links.length;
    }

    /** The neighbours, ascending: this object's own array, which the caller must not change. */
    int[] sorted() {
        return neighbours;
    }

    int[] copy() {
        return neighbours.clone();
    }

    /** The neighbours' ids, ascending by index (a new list). */
    List<String> ids(MachineIds ids) {
        List<String> names = new ArrayList<>(neighbours.length);
        for (int n : neighbours) {
            names.add(ids.id(n));
        }
        return names;
    }

    /** The same ids as one immutable list, built once: "to all" is the same list on every such send event. */
    List<String> allIds(MachineIds ids) {
        if (allIds == null) {
            allIds = List.copyOf(ids(ids));
        }
        return allIds;
    }
}
