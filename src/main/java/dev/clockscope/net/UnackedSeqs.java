package dev.clockscope.net;

import io.netty.channel.Channel;
import java.util.Arrays;

/**
 * The sequence numbers written to one peer and not yet acknowledged, in send order, for the outbound
 * connection they were written on. The sending thread records a batch before writing it; the channel's
 * event loop drops what an Ack covers and, when the connection is lost, takes the rest to report it. One
 * lock makes every message end up either acknowledged or reported, exactly once, whichever thread gets
 * there first. Memory: 8 bytes per message in flight (Netty's buffer plus the kernel's).
 */
final class UnackedSeqs {
    static final long[] NONE = new long[0];

    private long[] ring = new long[64];
    private int head;
    private int size;
    /** The connection the recorded messages were written on; null while there is none. */
    private Channel channel;
    /** Highest seq ever recorded for this peer (any connection of this life): an Ack above it is a lie. */
    private long highestSent;

    /** A new connection is up; anything recorded from now on belongs to it. */
    synchronized void attach(Channel ch) {
        channel = ch;
    }

    /** Records a batch about to be written on {@code ch}; false (nothing recorded) if {@code ch} is no longer the link. */
    synchronized boolean record(Channel ch, long[] seqs, int count) {
        if (ch != channel) {
            return false;
        }
        if (size + count > ring.length) {
            grow(size + count);
        }
        for (int i = 0; i < count; i++) {
            ring[(head + size + i) & (ring.length - 1)] = seqs[i];
        }
        size += count;
        if (count > 0) {
            highestSent = Math.max(highestSent, seqs[count - 1]);
        }
        return true;
    }

    /**
     * A cumulative Ack on {@code ch}: drops every recorded seq up to {@code upTo}. Returns how many it
     * dropped (0 for a repeated or older Ack), or -1 when {@code upTo} is above anything ever sent.
     */
    synchronized int ack(Channel ch, long upTo) {
        if (upTo > highestSent) {
            return -1;
        }
        if (ch != channel) {
            return 0;
        }
        int dropped = 0;
        while (size > 0 && ring[head] <= upTo) {
            head = (head + 1) & (ring.length - 1);
            size--;
            dropped++;
        }
        return dropped;
    }

    /** {@code ch} is gone: returns what it never had acknowledged (send order) and forgets it. */
    synchronized long[] detach(Channel ch) {
        if (ch != channel) {
            return NONE;
        }
        channel = null;
        long[] lost = new long[size];
        for (int i = 0; i < size; i++) {
            lost[i] = ring[(head + i) & (ring.length - 1)];
        }
        head = 0;
        size = 0;
        return lost;
    }

    /** Removes {@code seqs} (a batch that was never written on {@code ch}); returns those that were recorded. */
    synchronized long[] forget(Channel ch, long[] seqs, int count) {
        if (ch != channel || count == 0) {
            return NONE;
        }
        long[] kept = new long[ring.length];
        long[] removed = new long[count];
        int keptSize = 0;
        int removedSize = 0;
        for (int i = 0; i < size; i++) {
            long s = ring[(head + i) & (ring.length - 1)];
            if (Arrays.binarySearch(seqs, 0, count, s) >= 0) {
                removed[removedSize++] = s;
            } else {
                kept[keptSize++] = s;
            }
        }
        ring = kept;
        head = 0;
        size = keptSize;
        return Arrays.copyOf(removed, removedSize);
    }

    synchronized int size() {
        return size;
    }

    private void grow(int needed) {
        int capacity = ring.length;
        while (capacity < needed) {
            capacity <<= 1;
        }
        long[] bigger = new long[capacity];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }
}
