package dev.clockscope.analysis;

/**
 * Per link, the last messages whose fate the ledger has settled (received, lost, unprocessed, never left),
 * newest last. A sender reports a lost link's unacknowledged messages when it notices the loss, often after
 * the receiver has already processed some of them (their Ack was lost with the link): those reports find
 * their message here instead of in the link's queue. Reports come within the link's last round trip, so
 * the last {@link #CAPACITY} fates per link are plenty; an older one is reported as naming no known send.
 */
final class RecentFates {
    static final int CAPACITY = 256;
    static final byte RECEIVED = 1;
    static final byte RECEIVED_ACK_LOST = 2;
    static final byte LOST = 3;
    static final byte TO_EARLIER_LIFE = 4;
    static final byte UNPROCESSED = 5;
    static final byte UNPROCESSED_ACK_LOST = 6;
    static final byte UNDELIVERED = 7;
    static final byte REFUSED = 8;

    /** One link's ring, allocated at its first settled message, grown by doubling up to CAPACITY. */
    private static final class Ring {
        long[] seq = new long[16];
        long[] line = new long[16];
        byte[] fate = new byte[16];
        int next;
        int size;
    }

    private final Ring[] rings;

    RecentFates(int links) {
        rings = new Ring[links];
    }

    /** Records the fate of (link, seq); {@code line} is where it was settled (the receiver's or sender's line). */
    void add(int link, long seq, byte fate, long line) {
        Ring r = rings[link];
        if (r == null) {
            r = rings[link] = new Ring();
        } else if (r.size == r.seq.length && r.seq.length < CAPACITY) {
            grow(r);
        }
        r.seq[r.next] = seq;
        r.line[r.next] = line;
        r.fate[r.next] = fate;
        r.next = (r.next + 1) % r.seq.length;
        r.size = Math.min(r.size + 1, r.seq.length);
    }

    private static void grow(Ring r) {
        int n = r.seq.length;
        long[] seq = new long[n * 2];
        long[] line = new long[n * 2];
        byte[] fate = new byte[n * 2];
        for (int i = 0; i < n; i++) { // full and wrapped at next: oldest first
            int from = (r.next + i) % n;
            seq[i] = r.seq[from];
            line[i] = r.line[from];
            fate[i] = r.fate[from];
        }
        r.seq = seq;
        r.line = line;
        r.fate = fate;
        r.next = n;
    }

    /** The slot holding (link, seq), newest first, or -1 when it is not among the recent fates. */
    int find(int link, long seq) {
        Ring r = rings[link];
        if (r == null) {
            return -1;
        }
        int n = r.seq.length;
        for (int k = 1; k <= r.size; k++) {
            int slot = (r.next - k + n) % n;
            if (r.seq[slot] == seq) {
                return slot;
            }
        }
        return -1;
    }

    byte fate(int link, int slot) {
        return rings[link].fate[slot];
    }

    long line(int link, int slot) {
        return rings[link].line[slot];
    }

    void settle(int link, int slot, byte fate) {
        rings[link].fate[slot] = fate;
    }
}
