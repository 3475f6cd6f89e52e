package dev.clockscope.analysis.scale;

import dev.clockscope.analysis.LogHistogram;
import dev.clockscope.analysis.SpaceTimeWindow;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
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
    static final int MAX_WATCHED_DOTS = 2_000;
    public static final String CLOCKS_INCREASE = "clocks increase";
    public static final String RECEIVE_AFTER_SEND = "receive clock > message clock";

    private final List<String> ids;
    private final int n;
    private final long sampleEveryMicros;
    private final int[] rate;
    private final long[] ticks;
    private final long[] firstTickWall;
    private final long[] lastTickWall;
    private final long[] firstLamport;
    private final long[] lastLamport;
    private final long[] maxJump;
    private final long[] jumpSum;
    private final int[] queueMax;
    private final int[] queuePrev;
    private final long[] queuePrevWall;
    private final double[] queueWeighted;
    private final long[] queueObserved;
    private final long[] maxLag;
    private final boolean[] ticking;
    /** Within the current life: whether a tick event was seen, and its Lamport clock. */
    private final boolean[] lifeTicked;
    private final long[] lifeLamport;

    private final LogHistogram jumps = new LogHistogram();
    private final LogHistogram receiveJumps = new LogHistogram();
    private final LogHistogram queueWait = new LogHistogram();
    private final Map<String, Long> eventsByKind = new TreeMap<>();
    private long tickEvents;
    private final Map<String, Long> checks = new LinkedHashMap<>();
    private final Map<String, String> firstViolations = new LinkedHashMap<>();

    private long originMicros = -1;
    private long nextSampleMicros;
    private final double[] driftSeconds = new double[DRIFT_SAMPLES + 2];
    private final long[] driftSpread = new long[DRIFT_SAMPLES + 2];
    private final double[] driftMeanLag = new double[DRIFT_SAMPLES + 2];
    private int samples;

    private final int[] watch;
    private final Map<String, Integer> watchPosition = new HashMap<>();
    private final int[] watchPositionOf;
    private final double windowSeconds;
    private final List<SpaceTimeWindow.Dot> dots = new ArrayList<>();
    private final List<SpaceTimeWindow.Arrow> arrows = new ArrayList<>();
    /** Sends of watched machines in the window: (position << 40 | seq) -> {wall, lamport}. */
    private final Map<Long, long[]> watchedSends = new HashMap<>();
    private boolean windowTruncated;

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
        this.rate = new int[n];
        this.ticks = new long[n];
        this.firstTickWall = new long[n];
        this.lastTickWall = new long[n];
        this.firstLamport = new long[n];
        this.lastLamport = new long[n];
        this.maxJump = new long[n];
        this.jumpSum = new long[n];
        this.queueMax = new int[n];
        this.queuePrev = new int[n];
        this.queuePrevWall = new long[n];
        this.queueWeighted = new double[n];
        this.queueObserved = new long[n];
        this.maxLag = new long[n];
        this.ticking = new boolean[n];
        this.lifeTicked = new boolean[n];
        this.lifeLamport = new long[n];
        Arrays.fill(firstTickWall, -1);
        Arrays.fill(queuePrevWall, -1);
        this.watch = watch.clone();
        this.watchPositionOf = new int[n];
        Arrays.fill(watchPositionOf, -1);
        for (int k = 0; k < watch.length; k++) {
            watchPositionOf[watch[k]] = k;
            watchPosition.put(ids.get(watch[k]), k);
        }
        this.windowSeconds = windowSeconds;
        checks.put(CLOCKS_INCREASE, 0L);
        checks.put(RECEIVE_AFTER_SEND, 0L);
    }

    /** The consumer of machine {@code index}'s events (every life of it). */
    public EventLog machine(int index) {
        return event -> accept(index, event);
    }

    private void accept(int i, Event e) {
        eventsByKind.merge(e.kind(), 1L, Long::sum);
        if (e instanceof Event.TickEvent t) {
            tick(i, t);
        } else if (e instanceof Event.Start s) {
            rate[i] = s.ticksPerSecond();
            lifeTicked[i] = false;
            ticking[i] = false;
        } else if (e instanceof Event.Stop) {
            ticking[i] = false;
        }
    }

    private void tick(int i, Event.TickEvent t) {
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
        long before = lifeTicked[i] ? lifeLamport[i] : 0;
        if (lamport <= before) {
            violation(CLOCKS_INCREASE, ids.get(i) + " tick " + t.tick() + ": Lamport " + lamport
                    + " does not exceed the previous " + before);
        }
        long jump = lamport - before;
        if (jump >= 0) {
            jumps.add(jump);
            maxJump[i] = Math.max(maxJump[i], jump);
            jumpSum[i] += jump;
        }
        if (t instanceof Event.Receive r) {
            if (jump >= 0) {
                receiveJumps.add(jump);
            }
            if (lamport <= r.msgLamport()) {
                violation(RECEIVE_AFTER_SEND, ids.get(i) + " tick " + t.tick() + ": receive clock " + lamport
                        + " is not greater than the message's " + r.msgLamport());
            }
            if (wall >= r.arrivedMicros()) {
                queueWait.add(wall - r.arrivedMicros());
            }
        }
        lifeTicked[i] = true;
        lifeLamport[i] = lamport;
        ticking[i] = true;
        if (firstTickWall[i] < 0) {
            firstTickWall[i] = wall;
            firstLamport[i] = lamport;
        }
        lastTickWall[i] = wall;
        lastLamport[i] = lamport;
        ticks[i]++;
        queue(i, wall, t.queue());
        if (watchPositionOf[i] >= 0) {
            watched(watchPositionOf[i], t);
        }
    }

    private void queue(int i, long wall, int length) {
        long prevWall = queuePrevWall[i];
        if (prevWall >= 0 && wall > prevWall) {
            long dt = wall - prevWall;
            queueWeighted[i] += (double) queuePrev[i] * dt;
            queueObserved[i] += dt;
        }
        queuePrevWall[i] = wall;
        queuePrev[i] = length;
        queueMax[i] = Math.max(queueMax[i], length);
    }

    /** The spread of the clocks of the machines ticking now, and each one's lag behind the fastest. */
    private void sample(long atMicros) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (ticking[i]) {
                lo = Math.min(lo, lastLamport[i]);
                hi = Math.max(hi, lastLamport[i]);
                count++;
            }
        }
        if (count < 2 || samples == driftSeconds.length) {
            return;
        }
        double lagSum = 0;
        for (int i = 0; i < n; i++) {
            if (ticking[i]) {
                long lag = hi - lastLamport[i];
                lagSum += lag;
                maxLag[i] = Math.max(maxLag[i], lag);
            }
        }
        driftSeconds[samples] = (atMicros - originMicros) / 1e6;
        driftSpread[samples] = hi - lo;
        driftMeanLag[samples] = lagSum / count;
        samples++;
    }

    private void watched(int position, Event.TickEvent t) {
        double at = (t.wallMicros() - originMicros) / 1e6;
        if (at > windowSeconds) {
            return;
        }
        if (dots.size() >= MAX_WATCHED_DOTS) {
            windowTruncated = true;
            return;
        }
        dots.add(new SpaceTimeWindow.Dot(position, at, t.lamport(), t.kind()));
        if (t instanceof Event.Send s) {
            watchedSends.put(((long) position << 40) | s.seq(), new long[] {t.wallMicros(), t.lamport()});
        } else if (t instanceof Event.Receive r) {
            Integer from = watchPosition.get(r.from());
            long[] send = from == null ? null : watchedSends.get(((long) from << 40) | r.seq());
            if (send != null) {
                arrows.add(new SpaceTimeWindow.Arrow(from, (send[0] - originMicros) / 1e6, send[1], position, at,
                        t.lamport()));
            }
        }
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
        for (int i = 0; i < n; i++) {
            if (ticks[i] == 0) {
                continue;
            }
            double seconds = (lastTickWall[i] - firstTickWall[i]) / 1e6;
            first = Math.min(first, firstTickWall[i]);
            last = Math.max(last, lastTickWall[i]);
            which[count] = i;
            configured[count] = rate[i];
            achieved[count] = seconds <= 0 ? 0 : (ticks[i] - 1) / seconds;
            clockRate[count] = seconds <= 0 ? 0 : (lastLamport[i] - firstLamport[i]) / seconds;
            finalLamport[count] = lastLamport[i];
            maxJumps[count] = maxJump[i];
            meanJump[count] = (double) jumpSum[i] / ticks[i];
            meanQueue[count] = queueObserved[i] == 0 ? queuePrev[i] : queueWeighted[i] / queueObserved[i];
            maxQueue[count] = queueMax[i];
            lags[count] = maxLag[i];
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
        List<String> watchedIds = new ArrayList<>();
        for (int w : watch) {
            watchedIds.add(ids.get(w));
        }
        double to = windowTruncated && !dots.isEmpty() ? dots.get(dots.size() - 1).atSeconds() : windowSeconds;
        SpaceTimeWindow window = new SpaceTimeWindow(0, to, List.copyOf(dots), List.copyOf(arrows), windowTruncated);
        // ordered maps: the summary's bytes must not depend on a JVM's hash salt
        return new ScaleResult(n, tickEvents, Collections.unmodifiableMap(new TreeMap<>(eventsByKind)), count == 0 ? 0 : (last - first) / 1e6,
                Collections.unmodifiableMap(spreads), Collections.unmodifiableMap(extremes), jumps.summary(),
                jumpCounts(), receiveJumps.summary(), queueWait.summary(),
                Arrays.copyOf(driftSeconds, samples), Arrays.copyOf(driftSpread, samples),
                Arrays.copyOf(driftMeanLag, samples), Collections.unmodifiableMap(new LinkedHashMap<>(checks)),
                Collections.unmodifiableMap(new LinkedHashMap<>(firstViolations)),
                List.copyOf(watchedIds), window);
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
        // a partial selection: the ten best of count values, ties broken by machine index
        Integer[] order = new Integer[Math.min(count, EXTREMES)];
        int filled = 0;
        for (int k = 0; k < count; k++) {
            if (filled < order.length) {
                order[filled++] = k;
                for (int j = filled - 1; j > 0 && better(values, order[j], order[j - 1], highest); j--) {
                    Integer tmp = order[j];
                    order[j] = order[j - 1];
                    order[j - 1] = tmp;
                }
            } else if (better(values, k, order[order.length - 1], highest)) {
                order[order.length - 1] = k;
                for (int j = order.length - 1; j > 0 && better(values, order[j], order[j - 1], highest); j--) {
                    Integer tmp = order[j];
                    order[j] = order[j - 1];
                    order[j - 1] = tmp;
                }
            }
        }
        List<Extreme> top = new ArrayList<>();
        for (int j = 0; j < filled; j++) {
            top.add(new Extreme(ids.get(which[order[j]]), values[order[j]]));
        }
        extremes.put(name, List.copyOf(top));
    }

    private static boolean better(double[] values, int a, int b, boolean highest) {
        int c = Double.compare(values[a], values[b]);
        return highest ? c > 0 : c < 0;
    }
}
