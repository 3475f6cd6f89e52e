package dev.clockscope.web;

import dev.clockscope.eventlog.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where events enter the live view, from any thread and any producer: log followers, the cluster
 * runner's controls, or (later) a simulator in the same JVM. {@link #publish} never blocks on a page: it
 * stores the event in a fixed-size ring (the newest {@code ringCapacity} events) and adds it to exact
 * totals; the {@link Broadcaster} decides what each page gets. Memory is bounded by the ring whatever the
 * event rate. One lock guards everything; a publish holds it for a few counter updates.
 */
public final class LiveHub {
    /** The default ring: enough for a finished assignment run many times over, ~10 MB of events. */
    public static final int DEFAULT_RING_EVENTS = 1 << 17;
    /**
     * Vector entries the ring holds at most in all (64 MiB of longs): every event keeps its own vector, so 131,072
     * events of a 1,000-machine run would hold 1 GiB.
     */
    public static final long RING_VECTOR_ENTRIES = 8L << 20;
    private static final int MIN_RING_EVENTS = 1024;
    private static final int MAX_WARNINGS = 100;

    private final EventRing ring;
    private final RunStats stats = new RunStats();
    private final List<String> machines = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private long warningsDropped;
    private RunDescription run = new RunDescription("", "finished", List.of(), false);
    /** Changes whenever the run or its list of machines changes, so pages learn of it. */
    private long runVersion = 1;
    private long runGeneration = 1;

    public LiveHub() {
        this(DEFAULT_RING_EVENTS);
    }

    public LiveHub(int ringCapacity) {
        ring = new EventRing(ringCapacity);
    }

    /**
     * A hub for events whose vector clocks have {@code vectorEntries} entries (0: none): the default ring, or as
     * many events as {@value #RING_VECTOR_ENTRIES} entries allow (a power of two, at least 1,024).
     */
    public static LiveHub forVectors(int vectorEntries) {
        long fit = Long.highestOneBit(RING_VECTOR_ENTRIES / Math.max(1, vectorEntries));
        return new LiveHub((int) Math.max(MIN_RING_EVENTS, Math.min(DEFAULT_RING_EVENTS, fit)));
    }

    /** How many events the ring holds. */
    public int ringCapacity() {
        return ring.capacity();
    }

    /** Starts a new run: forgets the previous one's events and totals. */
    public synchronized void describeRun(RunDescription description) {
        run = description;
        ring.clear();
        stats.clear();
        machines.clear();
        index.clear();
        warnings.clear();
        warningsDropped = 0;
        description.machines().forEach(this::indexOf);
        runVersion++;
        runGeneration++;
    }

    /**
     * Adds one event of {@code machineId}'s log ({@code line}: its line number there, 0 if it has none).
     * Thread-safe and non-blocking but for the hub's own short lock.
     */
    public synchronized void publish(String machineId, long line, Event event) {
        if (event instanceof Event.Start s) {
            // learn the machines in config order, so vector entries line up with machine indices
            s.machines().forEach(this::indexOf);
        }
        int m = indexOf(machineId);
        stats.apply(m, event, this::indexOf);
        ring.add(m, line, event);
    }

    /**
     * {@code lines} of {@code machineId}'s log were counted but not parsed (a follower that fell behind
     * skipped them): they count as events, of no known kind.
     */
    public synchronized void countOnly(String machineId, long lines) {
        stats.countOnly(indexOf(machineId), lines);
    }

    /** Records a control applied to {@code machineId} so every page draws it. */
    public synchronized void mark(String machineId, Mark mark) {
        ring.add(indexOf(machineId), 0, mark);
    }

    /** A problem the pages should show (a malformed log line...); the newest {@value #MAX_WARNINGS} kept. */
    public synchronized void warn(String message) {
        if (warnings.size() == MAX_WARNINGS) {
            warnings.remove(0);
            warningsDropped++;
        }
        warnings.add(message);
    }

    private int indexOf(String machineId) {
        Integer i = index.get(machineId);
        if (i == null) {
            i = machines.size();
            machines.add(machineId);
            index.put(machineId, i);
            runVersion++;
        }
        return i;
    }

    /** Everything a broadcast needs, copied under the lock so encoding happens outside it. */
    record View(long runVersion, long runGeneration, RunDescription run, List<String> machines, long head,
                long oldest, int capacity, RunStats.Snapshot stats, List<String> warnings, long warningsDropped) {
    }

    synchronized View view() {
        return new View(runVersion, runGeneration, run, List.copyOf(machines), ring.head(), ring.oldest(),
                ring.capacity(), stats.snapshot(), List.copyOf(warnings), warningsDropped);
    }

    /** Where a {@link #copy} started (events before it had been overwritten) and how many it copied. */
    record Copied(long first, int count) {
    }

    /**
     * Copies up to {@code count} events from sequence {@code from} (or the oldest still held, if later) if they
     * belong to run {@code generation}; none if the run changed meanwhile.
     */
    synchronized Copied copy(long generation, long from, int count, Object[] items, int[] ms, long[] lines) {
        if (generation != runGeneration) {
            return new Copied(from, 0);
        }
        long start = Math.max(from, ring.oldest());
        int n = (int) Math.max(0, Math.min(count, ring.head() - start));
        ring.copy(start, n, items, ms, lines);
        return new Copied(start, n);
    }
}
