package dev.clockscope.analysis.scale;

import dev.clockscope.analysis.LogHistogram;
import dev.clockscope.clock.Hlc;
import dev.clockscope.eventlog.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics of a run fed in process, event by event, in time order (the simulator's order), for any
 * number of machines: O(1) work per event and a few primitive arrays per machine, so a run of a million
 * machines needs no event log on disk. Drift (the spread of the Lamport clocks) is sampled ~200 times over
 * the run instead of after every event, since recomputing it costs O(machines).
 *
 * <p>Per-machine figures, by name: {@code ticksPerSecond} (configured), {@code achievedTicksPerSecond},
 * {@code lamportPerSecond}, {@code finalLamport}, {@code maxJump}, {@code meanJump}, {@code meanQueue},
 * {@code maxQueue}, {@code maxLag} (how far behind the fastest clock it was at worst, in Lamport units).
 */
public final class ScaleStats {
    public static final int EXTREMES = 10;
    /** Jump sizes counted one by one, for the histogram (larger ones are in the distribution). */
    public static final int JUMP_COUNTS = 65;
    static final int DRIFT_SAMPLES = 200;
    public static final String CLOCKS_INCREASE = "clocks increase";
    public static final String RECEIVE_AFTER_SEND = "receive clock > message clock";

    private final List<String> ids;
    private final int n;
    private final long sampleEveryMicros;
    /**
     * Every machine's accumulators in one row of {@value #STRIDE} longs (machine i at i * STRIDE): an event touches
     * one or two cache lines, not one per figure (with a million machines each array would cost a miss per event).
     */
    private final long[] rows;
    /**
     * Each machine's latest Lamport clock while it ticks, else -1 - that clock: what a drift sample reads, 8 bytes
     * a machine, so sampling a million machines scans 8 MB instead of their rows.
     */
    private final long[] clocks;
    /** Each machine's worst lag behind the fastest clock, written by the samples. */
    private final long[] maxLags;
    private static final int STRIDE = 16;
    private static final int TICKS = 0;
    private static final int FIRST_WALL = 1;
    private static final int LAST_WALL = 2;
    private static final int FIRST_LAMPORT = 3;
    private static final int LAST_LAMPORT = 4;
    private static final int MAX_JUMP = 5;
    private static final int JUMP_SUM = 6;
    private static final int QUEUE_PREV_WALL = 7;
    private static final int QUEUE_OBSERVED = 8;
    /** Σ queue length × µs it held. */
    private static final int QUEUE_WEIGHTED = 9;
    /** The current life's last Lamport clock (the check's "previous"). */
    private static final int LIFE_LAMPORT = 11;
    private static final int RATE = 12;
    private static final int QUEUE_MAX = 13;
    private static final int QUEUE_PREV = 14;
    /** Bit 1: this life has ticked; bits 8..: watch position + 1 (0 = not watched). */
    private static final int FLAGS = 15;
    private static final long LIFE_TICKED = 2;

    private final LogHistogram jumps = new LogHistogram();
    private final LogHistogram receiveJumps = new LogHistogram();
    private final LogHistogram queueWait = new LogHistogram();
    /** The HLC's logical counter, and l − pt, after every tick event of a machine that keeps one. */
    private final LogHistogram hlcLogical = new LogHistogram();
    private final LogHistogram hlcAhead = new LogHistogram();
    /** Lines by kind, counted per event class (see {@link #kindIndex}). */
    private final long[] kindCounts = new long[KINDS.length];
    private static final String[] KINDS = {"start", "send", "receive", "internal", "connected", "peer_up", "peer_down",
        "undelivered", "stall", "rejected", "partition", "stop", "other"};
    private long tickEvents;
    /** Messages as {@code vm analyze} counts them: one per receiver of each send, refused ones included. */
    private long messagesSent;
    /** Messages that reached a machine and no tick took (its {@code unprocessed} lines, at a clean stop). */
    private long messagesUnprocessed;
    private final Map<String, Long> checks = new LinkedHashMap<>();
    private final Map<String, String> firstViolations = new LinkedHashMap<>();

    private long originMicros = -1;
    private long nextSampleMicros;
    private final double[] driftSeconds = new double[DRIFT_SAMPLES + 2];
    private final long[] driftSpread = new long[DRIFT_SAMPLES + 2];
    private final double[] driftMeanLag = new double[DRIFT_SAMPLES + 2];
    private int samples;

    private final int[] watch;
    private final WatchedWindow window;

    /**
     * @param ids            every machine id, by index
     * @param runMicros      about how long the run is (sets the drift sampling interval)
     * @param watch          machine indices for the space-time diagram, in display order
     * @param windowSeconds  the diagram shows the first this many seconds after the first tick
     */
    public ScaleStats(List<String> ids, long runMicros, int[] watch, double windowSeconds) {
        this.ids = ids;
        this.n = ids.size();
        this.sampleEveryMicros = Math.max(10_000, runMicros / DRIFT_SAMPLES);
        this.rows = new long[n * STRIDE];
        this.clocks = new long[n];
        this.maxLags = new long[n];
        java.util.Arrays.fill(clocks, -1);
        for (int i = 0; i < n; i++) {
            rows[i * STRIDE + FIRST_WALL] = -1;
            rows[i * STRIDE + QUEUE_PREV_WALL] = -1;
        }
        this.watch = watch.clone();
        for (int k = 0; k < watch.length; k++) {
            rows[watch[k] * STRIDE + FLAGS] |= (long) (k + 1) << 8;
        }
        this.window = new WatchedWindow(watchedIds(), windowSeconds);
        checks.put(CLOCKS_INCREASE, 0L);
        checks.put(RECEIVE_AFTER_SEND, 0L);
    }

    /** An event of machine {@code i} (any life of it). */
    public void accept(int i, Event e) {
        kindCounts[kindIndex(e)]++;
        int r = i * STRIDE;
        if (e instanceof Event.TickEvent t) {
            tick(i, r, t);
        } else if (e instanceof Event.Start s) {
            rows[r + RATE] = s.ticksPerSecond();
            rows[r + FLAGS] &= ~LIFE_TICKED;
            stopTicking(i);
        } else if (e instanceof Event.Stop) {
            stopTicking(i);
        } else if (e instanceof Event.Unprocessed u) {
            messagesUnprocessed += u.count();
        }
        if (e instanceof Event.Send s) {
            messagesSent += s.to().size();
        }
    }

    private void stopTicking(int i) {
        if (clocks[i] >= 0) {
            clocks[i] = -1 - clocks[i];
        }
    }

    private static int kindIndex(Event e) {
        if (e instanceof Event.Internal) {
            return 3;
        } else if (e instanceof Event.Receive) {
            return 2;
        } else if (e instanceof Event.Send) {
            return 1;
        }
        for (int k = 0; k < KINDS.length - 1; k++) {
            if (KINDS[k].equals(e.kind())) {
                return k;
            }
        }
        return KINDS.length - 1;
    }

    private void tick(int i, int r, Event.TickEvent t) {
        tickEvents++;
        long wall = t.wallMicros();
        long lamport = t.lamport();
        if (originMicros < 0) {
            originMicros = wall;
            nextSampleMicros = wall + sampleEveryMicros;
        }
        while (wall >= nextSampleMicros) {
            sample(nextSampleMicros);
            nextSampleMicros += sampleEveryMicros;
        }
        long[] m = rows;
        long flags = m[r + FLAGS];
        long before = (flags & LIFE_TICKED) != 0 ? m[r + LIFE_LAMPORT] : 0;
        if (lamport <= before) {
            violation(CLOCKS_INCREASE, ids.get(i) + " tick " + t.tick() + ": Lamport " + lamport
                    + " does not exceed the previous " + before);
        }
        long jump = lamport - before;
        if (jump >= 0) {
            jumps.add(jump);
            m[r + MAX_JUMP] = Math.max(m[r + MAX_JUMP], jump);
            m[r + JUMP_SUM] += jump;
        }
        if (t instanceof Event.Receive rc) {
            if (jump >= 0) {
                receiveJumps.add(jump);
            }
            if (lamport <= rc.msgLamport()) {
                violation(RECEIVE_AFTER_SEND, ids.get(i) + " tick " + t.tick() + ": receive clock " + lamport
                        + " is not greater than the message's " + rc.msgLamport());
            }
            if (wall >= rc.arrivedMicros()) {
                queueWait.add(wall - rc.arrivedMicros());
            }
        }
        Hlc h = t.hlc();
        if (h != null) {
            hlcLogical.add(h.c());
            hlcAhead.add(Math.max(0, h.l() - t.physMicros())); // the rules keep l >= pt; a bad log would show it here
        }
        m[r + FLAGS] = flags | LIFE_TICKED;
        m[r + LIFE_LAMPORT] = lamport;
        if (m[r + FIRST_WALL] < 0) {
            m[r + FIRST_WALL] = wall;
            m[r + FIRST_LAMPORT] = lamport;
        }
        m[r + LAST_WALL] = wall;
        m[r + LAST_LAMPORT] = lamport;
        clocks[i] = lamport;
        m[r + TICKS]++;
        // the queue's length, weighted by how long it held
        long prevWall = m[r + QUEUE_PREV_WALL];
        if (prevWall >= 0 && wall > prevWall) {
            long dt = wall - prevWall;
            m[r + QUEUE_WEIGHTED] += m[r + QUEUE_PREV] * dt;
            m[r + QUEUE_OBSERVED] += dt;
        }
        m[r + QUEUE_PREV_WALL] = wall;
        m[r + QUEUE_PREV] = t.queue();
        m[r + QUEUE_MAX] = Math.max(m[r + QUEUE_MAX], t.queue());
        int watched = (int) (flags >>> 8);
        if (watched > 0) {
            window.tick(watched - 1, t, originMicros);
        }
    }

    /** The spread of the clocks of the machines ticking now, and each one's lag behind the fastest. */
    private void sample(long atMicros) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        int count = 0;
        long[] c = clocks;
        for (long clock : c) {
            if (clock >= 0) {
                lo = Math.min(lo, clock);
                hi = Math.max(hi, clock);
                count++;
            }
        }
        if (count < 2 || samples == driftSeconds.length) {
            return;
        }
        double lagSum = 0;
        long[] lags = maxLags;
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 0) {
                long lag = hi - c[i];
                lagSum += lag;
                lags[i] = Math.max(lags[i], lag);
            }
        }
        driftSeconds[samples] = (atMicros - originMicros) / 1e6;
        driftSpread[samples] = hi - lo;
        driftMeanLag[samples] = lagSum / count;
        samples++;
    }

    private void violation(String check, String detail) {
        checks.merge(check, 1L, Long::sum);
        firstViolations.putIfAbsent(check, detail);
    }

    /** The statistics so far (call once the run is over). */
    public ScaleResult result() {
        int count = 0;
        double[] configured = new double[n];
        double[] achieved = new double[n];
        double[] clockRate = new double[n];
        double[] finalLamport = new double[n];
        double[] maxJumps = new double[n];
        double[] meanJump = new double[n];
        double[] meanQueue = new double[n];
        double[] maxQueue = new double[n];
        double[] lags = new double[n];
        int[] which = new int[n];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long[] m = rows;
        for (int i = 0; i < n; i++) {
            int r = i * STRIDE;
            long ticks = m[r + TICKS];
            if (ticks == 0) {
                continue;
            }
            double seconds = (m[r + LAST_WALL] - m[r + FIRST_WALL]) / 1e6;
            first = Math.min(first, m[r + FIRST_WALL]);
            last = Math.max(last, m[r + LAST_WALL]);
            which[count] = i;
            configured[count] = m[r + RATE];
            achieved[count] = seconds <= 0 ? 0 : (ticks - 1) / seconds;
            clockRate[count] = seconds <= 0 ? 0 : (m[r + LAST_LAMPORT] - m[r + FIRST_LAMPORT]) / seconds;
            finalLamport[count] = m[r + LAST_LAMPORT];
            maxJumps[count] = m[r + MAX_JUMP];
            meanJump[count] = (double) m[r + JUMP_SUM] / ticks;
            meanQueue[count] = m[r + QUEUE_OBSERVED] == 0 ? m[r + QUEUE_PREV]
                    : (double) m[r + QUEUE_WEIGHTED] / m[r + QUEUE_OBSERVED];
            maxQueue[count] = m[r + QUEUE_MAX];
            lags[count] = maxLags[i];
            count++;
        }
        Map<String, Spread> spreads = new LinkedHashMap<>();
        Map<String, List<Extreme>> extremes = new LinkedHashMap<>();
        figure("ticksPerSecond", configured, count, which, spreads, null, false);
        figure("achievedTicksPerSecond", achieved, count, which, spreads, null, false);
        figure("lamportPerSecond", clockRate, count, which, spreads, extremes, false);
        figure("finalLamport", finalLamport, count, which, spreads, extremes, true);
        figure("maxJump", maxJumps, count, which, spreads, extremes, true);
        figure("meanJump", meanJump, count, which, spreads, null, true);
        figure("meanQueue", meanQueue, count, which, spreads, null, true);
        figure("maxQueue", maxQueue, count, which, spreads, extremes, true);
        figure("maxLag", lags, count, which, spreads, extremes, true);
        // ordered maps: the summary's bytes must not depend on a JVM's hash salt
        Map<String, Long> eventsByKind = new TreeMap<>();
        for (int k = 0; k < KINDS.length; k++) {
            if (kindCounts[k] > 0) {
                eventsByKind.put(KINDS[k], kindCounts[k]);
            }
        }
        return new ScaleResult(n, tickEvents, Collections.unmodifiableMap(eventsByKind), count == 0 ? 0 : (last - first) / 1e6,
                Collections.unmodifiableMap(spreads), Collections.unmodifiableMap(extremes), jumps.summary(),
                jumpCounts(), receiveJumps.summary(), queueWait.summary(),
                Arrays.copyOf(driftSeconds, samples), Arrays.copyOf(driftSpread, samples),
                Arrays.copyOf(driftMeanLag, samples), Collections.unmodifiableMap(new LinkedHashMap<>(checks)),
                Collections.unmodifiableMap(new LinkedHashMap<>(firstViolations)),
                watchedIds(), window.result(), hlcLogical.summary(), hlcAhead.summary(), messagesSent,
                messagesUnprocessed);
    }

    private List<String> watchedIds() {
        List<String> watched = new ArrayList<>();
        for (int w : watch) {
            watched.add(ids.get(w));
        }
        return List.copyOf(watched);
    }

    private long[] jumpCounts() {
        long[] counts = new long[JUMP_COUNTS];
        for (int v = 0; v < JUMP_COUNTS; v++) {
            counts[v] = jumps.countOf(v);
        }
        return counts;
    }

    /** Adds a figure's spread and, if {@code extremes} is given, its ten highest (or lowest) machines. */
    private void figure(String name, double[] values, int count, int[] which, Map<String, Spread> spreads,
                        Map<String, List<Extreme>> extremes, boolean highest) {
        spreads.put(name, Spread.of(values, count));
        if (extremes == null) {
            return;
        }
        extremes.put(name, Extreme.top(values, count, k -> ids.get(which[k]), highest, EXTREMES));
    }
}
