package dev.clockscope.clock;

/**
 * A hybrid logical clock, with the rules exactly as Kulkarni, Demirbas et al. state them (2014, Figure 5).
 * {@code pt} is the machine's physical reading at the event, in µs. Owned by one thread; not thread-safe.
 * <pre>
 * send or local event:             receive of m:
 *   l' := l                          l' := l
 *   l  := max(l', pt)                l  := max(l', l.m, pt)
 *   c  := l = l' ? c + 1 : 0         c  := l = l' = l.m ? max(c, c.m) + 1
 *                                        : l = l'       ? c + 1
 *                                        : l = l.m      ? c.m + 1
 *                                        : 0
 * </pre>
 * The paper proves l - pt stays within the clocks' uncertainty only if every clock is within it; a machine
 * therefore refuses a remote l too far ahead of its own clock ({@link #tooFarAhead}), as CockroachDB's
 * {@code UpdateAndCheckMaxOffset} does, instead of letting one bad clock drag everyone's l with it.
 */
public final class HybridLogicalClock {
    private long l;
    private int c;

    /** l = 0, c = 0, as the paper initialises it. */
    public HybridLogicalClock() {
    }

    /** A send or local event at physical reading {@code pt}; returns the event's timestamp. */
    public Hlc tick(long pt) {
        long before = l;
        l = Math.max(before, pt);
        c = l == before ? Math.incrementExact(c) : 0;
        return now();
    }

    /** The receive of a message stamped (lm, cm), at physical reading {@code pt}; returns the event's timestamp. */
    public Hlc receive(long pt, long lm, int cm) {
        long before = l;
        l = Math.max(Math.max(before, lm), pt);
        if (l == before && l == lm) {
            c = Math.incrementExact(Math.max(c, cm));
        } else if (l == before) {
            c = Math.incrementExact(c);
        } else if (l == lm) {
            c = Math.incrementExact(cm);
        } else {
            c = 0;
        }
        return now();
    }

    /**
     * Whether a remote {@code lm} is more than {@code maxOffsetMicros} ahead of the physical reading {@code pt}:
     * such a message is refused, and the clock stays as it was.
     */
    public static boolean tooFarAhead(long lm, long pt, long maxOffsetMicros) {
        return lm - pt > maxOffsetMicros;
    }

    public Hlc now() {
        return new Hlc(l, c);
    }

    public long l() {
        return l;
    }

    public int c() {
        return c;
    }
}
