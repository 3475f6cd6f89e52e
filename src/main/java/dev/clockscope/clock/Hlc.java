package dev.clockscope.clock;

/**
 * One hybrid logical clock timestamp (Kulkarni, Demirbas et al. 2014, "Logical Physical Clocks"): {@code l},
 * the largest physical reading this event has heard of, in µs since the epoch; {@code c}, a logical counter
 * that orders events sharing the same {@code l}. Timestamps compare lexicographically, (l, c).
 */
public record Hlc(long l, int c) implements Comparable<Hlc> {
    /** Bytes of one timestamp on the wire: l (8) and c (4). */
    public static final int WIRE_BYTES = 12;

    public Hlc {
        if (l < 0 || c < 0) {
            throw new IllegalArgumentException("an HLC has l >= 0 and c >= 0, got [" + l + ", " + c + "]");
        }
    }

    @Override
    public int compareTo(Hlc o) {
        return compare(l, c, o.l, o.c);
    }

    /** (l1, c1) against (l2, c2), lexicographically: negative, zero or positive. */
    public static int compare(long l1, int c1, long l2, int c2) {
        return l1 != l2 ? Long.compare(l1, l2) : Integer.compare(c1, c2);
    }

    public boolean before(Hlc o) {
        return compareTo(o) < 0;
    }

    @Override
    public String toString() {
        return "[" + l + ", " + c + "]";
    }
}
