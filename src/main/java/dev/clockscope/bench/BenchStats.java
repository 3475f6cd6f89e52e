package dev.clockscope.bench;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Numbers for scripts/bench.sh, computed from the event logs of a run (never from the machines' own
 * claims). Prints {@code key=value} lines the script collects into bench.json.
 *
 * <pre>
 * throughput DIR   events/s of an unthrottled run, and the message check: every receive matches a send,
 *                  and per link no send is missing before the last one received (TCP and the queue keep
 *                  order, so a gap is a lost message; the rest was unprocessed when the receiver stopped)
 * ticks DIR RATE   tick-rate error (%) and p99 lateness (µs) of a throttled run at RATE ticks/s; the p99 also
 *                  without the first 5 s after connecting
 * latency DIR      one-way delay send -> enqueued at the receiver (arrivedMicros - send wallMicros), µs;
 *                  the p99 also without messages sent in the first 5 s after all machines connected
 * connect DIR      last machine's start line -> every machine connected, ms
 * reader FILE N    streaming EventLogReader over FILE, N passes: lines/s of the best pass (one core)
 * </pre>
 */
public final class BenchStats {
    /** The first seconds after connecting (JIT, first collections, peers still starting): reported apart too. */
    static final long WARM_UP_MICROS = 5_000_000;

    private BenchStats() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        switch (args[0]) {
            case "throughput" -> throughput(Path.of(args[1])).print();
            case "ticks" -> ticks(Path.of(args[1]), Integer.parseInt(args[2]));
            case "latency" -> latency(Path.of(args[1]));
            case "connect" -> connect(Path.of(args[1]));
            case "reader" -> reader(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static List<Path> logs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    /** A growable array of longs (millions of sequence numbers without boxing). */
    static final class Longs {
        long[] a = new long[1024];
        int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        long[] sorted() {
            long[] s = Arrays.copyOf(a, n);
            Arrays.sort(s);
            return s;
        }
    }

    /** One direction of one link: what the sender sent, what the receiver took off its queue. */
    static final class Link {
        final Longs sent = new Longs();
        final Longs sentWall = new Longs();
        final Longs received = new Longs();
        final Longs undelivered = new Longs();
    }

    record Summary(String machine, long tickEvents, long connectedMicros, long stopMicros, long startMicros,
                   long queueAtStop) {
    }

    /** Result of {@link #throughput}: event rates and the message check. */
    public record Throughput(long tickEvents, long logLines, double windowSeconds, double eventsPerSecondTotal,
                             double eventsPerSecondSumOfMachines, long messages, long matched, long unmatchedReceives,
                             long undelivered, long unprocessedAtStop, long queuedAtStop, long lost,
                             Map<String, Long> eventsByMachine) {
        void print() {
            eventsByMachine.forEach((m, n) -> System.out.printf("machine.%s.events=%d%n", m, n));
            System.out.printf("tickEvents=%d%nlogLines=%d%nwindowSeconds=%.3f%n", tickEvents, logLines, windowSeconds);
            System.out.printf("eventsPerSecondTotal=%.0f%neventsPerSecondSumOfMachines=%.0f%n", eventsPerSecondTotal,
                    eventsPerSecondSumOfMachines);
            System.out.printf("messages=%d%nmatched=%d%nunmatchedReceives=%d%nundelivered=%d%nunprocessedAtStop=%d%n"
                    + "queuedAtStop=%d%nlost=%d%n", messages, matched, unmatchedReceives, undelivered,
                    unprocessedAtStop, queuedAtStop, lost);
        }
    }

    /** Reads every log in {@code dir}: event rates, and every message accounted for (see the class comment). */
    public static Throughput throughput(Path dir) throws Exception {
        Map<String, Link> links = new TreeMap<>();
        List<Summary> summaries = new ArrayList<>();
        long lines = 0;
        for (Path file : logs(dir)) {
            long ticks = 0;
            long connected = -1;
            long stop = -1;
            String self = null;
            long startMicros = 0;
            long queue = 0;
            try (EventLogReader r = EventLogReader.open(file)) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    lines++;
                    if (e instanceof Event.TickEvent t) {
                        queue = t.queue();
                    }
                    if (e instanceof Event.Start s) {
                        self = s.machine();
                        startMicros = s.wallMicros();
                    } else if (e instanceof Event.Send s) {
                        ticks++;
                        for (String to : s.to()) {
                            Link l = links.computeIfAbsent(self + "->" + to, k -> new Link());
                            l.sent.add(s.seq());
                            l.sentWall.add(s.wallMicros());
                        }
                    } else if (e instanceof Event.Receive rc) {
                        ticks++;
                        links.computeIfAbsent(rc.from() + "->" + self, k -> new Link()).received.add(rc.seq());
                    } else if (e instanceof Event.TickEvent) {
                        ticks++;
                    } else if (e instanceof Event.Undelivered u) {
                        links.computeIfAbsent(self + "->" + u.to(), k -> new Link()).undelivered.add(u.seq());
                    } else if (e instanceof Event.Connected c) {
                        connected = c.wallMicros();
                    } else if (e instanceof Event.Stop s) {
                        stop = s.wallMicros();
                    }
                }
            }
            summaries.add(new Summary(self, ticks, connected, stop, startMicros, queue));
        }
        long total = 0;
        double ratesSum = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long queued = 0;
        Map<String, Long> byMachine = new TreeMap<>();
        for (Summary s : summaries) {
            total += s.tickEvents();
            double seconds = (s.stopMicros() - s.connectedMicros()) / 1e6;
            ratesSum += s.tickEvents() / seconds;
            first = Math.min(first, s.connectedMicros());
            last = Math.max(last, s.stopMicros());
            queued += s.queueAtStop();
            byMachine.put(s.machine(), s.tickEvents());
        }
        // conservative: all events over the whole window, from the first machine connected to the last stopped
        double window = (last - first) / 1e6;

        // TCP keeps each link in order and a machine takes its queue in order, so per link the receives are a
        // prefix of the sends: a send missing before the last receive is lost; the sends after it were
        // still queued or in the network when the receiver stopped
        long messages = 0;
        long matched = 0;
        long unmatched = 0;
        long undelivered = 0;
        long tail = 0;
        long lost = 0;
        for (Map.Entry<String, Link> e : links.entrySet()) {
            Link l = e.getValue();
            long[] received = l.received.sorted();
            long[] und = l.undelivered.sorted();
            for (int i = 1; i < received.length; i++) {
                if (received[i] == received[i - 1]) {
                    unmatched++; // received twice
                }
            }
            long lastReceived = received.length == 0 ? 0 : received[received.length - 1];
            long[] sent = Arrays.copyOf(l.sent.a, l.sent.n);
            int ri = 0;
            for (long seq : sent) {
                messages++;
                while (ri < received.length && received[ri] < seq) {
                    unmatched++; // a receive with no send
                    ri++;
                }
                if (ri < received.length && received[ri] == seq) {
                    matched++;
                    ri++;
                } else if (Arrays.binarySearch(und, seq) >= 0) {
                    undelivered++;
                } else if (seq > lastReceived) {
                    tail++;
                } else {
                    lost++;
                    if (lost <= 5) {
                        System.err.println("lost: " + e.getKey() + " seq " + seq);
                    }
                }
            }
            unmatched += received.length - ri;
        }
        return new Throughput(total, lines, window, total / window, ratesSum, messages, matched, unmatched,
                undelivered, tail, queued, lost, byMachine);
    }

    /**
     * Tick k (0-based, counting skipped ticks) is due at start + k * period. Lateness of a tick is its
     * logged wall time minus its deadline, with the schedule's start taken as the smallest offset seen.
     * tickRateErrorPercent: ticks performed per second over the run vs the configured rate (skipped
     * ticks count against it); tickScheduleErrorPercent: tick slots (performed + skipped) per second,
     * i.e. the drift of the schedule itself.
     */
    static void ticks(Path dir, int rate) throws Exception {
        double periodMicros = 1e6 / rate;
        Longs lateness = new Longs();
        Longs steadyLateness = new Longs();
        double worstError = 0;
        double worstScheduleError = 0;
        long missedAll = 0;
        for (Path file : logs(dir)) {
            Longs wall = new Longs();
            Longs slot = new Longs();
            long missed = 0;
            long connected = 0;
            long stop = 0;
            try (EventLogReader r = EventLogReader.open(file)) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    if (e instanceof Event.TickEvent t) {
                        wall.add(t.wallMicros());
                        slot.add(t.tick() - 1 + missed);
                    } else if (e instanceof Event.Stall s) {
                        missed += s.missedTicks();
                    } else if (e instanceof Event.Connected c) {
                        connected = c.wallMicros();
                    } else if (e instanceof Event.Stop s) {
                        stop = s.wallMicros();
                    }
                }
            }
            missedAll += missed;
            int n = wall.n;
            double minOffset = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                minOffset = Math.min(minOffset, wall.a[i] - slot.a[i] * periodMicros);
            }
            for (int i = 0; i < n; i++) {
                long late = Math.round(wall.a[i] - slot.a[i] * periodMicros - minOffset);
                lateness.add(late);
                if (wall.a[i] >= connected + WARM_UP_MICROS) {
                    steadyLateness.add(late);
                }
            }
            // the run's span in schedule time: from the first deadline to one period after the last one
            double seconds = (slot.a[n - 1] + 1) * periodMicros / 1e6;
            double performed = n / seconds;
            double slots = (slot.a[n - 1] + 1) / ((wall.a[n - 1] - wall.a[0]) / 1e6 + periodMicros / 1e6);
            worstError = Math.max(worstError, Math.abs(performed - rate) / rate * 100);
            worstScheduleError = Math.max(worstScheduleError, Math.abs(slots - rate) / rate * 100);
            String m = file.getFileName().toString().replace(".log", "");
            System.out.printf("machine.%s.ticks=%d%nmachine.%s.skipped=%d%nmachine.%s.runSeconds=%.3f%n", m, n, m,
                    missed, m, (stop - connected) / 1e6);
        }
        long[] s = lateness.sorted();
        System.out.printf("tickRateErrorPercent=%.5f%ntickScheduleErrorPercent=%.5f%n", worstError, worstScheduleError);
        System.out.printf("tickLatenessP50Micros=%d%ntickLatenessP99Micros=%d%ntickLatenessMaxMicros=%d%nmissedTicks=%d%n",
                pct(s, 50), pct(s, 99), s[s.length - 1], missedAll);
        System.out.printf("tickLatenessP99MicrosAfterWarmUp=%d%n", pct(steadyLateness.sorted(), 99));
    }

    static void latency(Path dir) throws Exception {
        Map<String, Map<Long, Long>> sendWall = new LinkedHashMap<>();
        List<long[]> receives = new ArrayList<>(); // from-index-free: (seq, arrived) with sender name kept aside
        List<String> receiveFrom = new ArrayList<>();
        long allConnected = Long.MIN_VALUE;
        for (Path file : logs(dir)) {
            String self = null;
            try (EventLogReader r = EventLogReader.open(file)) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    if (e instanceof Event.Start s) {
                        self = s.machine();
                    } else if (e instanceof Event.Connected c) {
                        allConnected = Math.max(allConnected, c.wallMicros());
                    } else if (e instanceof Event.Send s) {
                        sendWall.computeIfAbsent(self, k -> new java.util.HashMap<>()).put(s.seq(), s.wallMicros());
                    } else if (e instanceof Event.Receive rc) {
                        receives.add(new long[] {rc.seq(), rc.arrivedMicros()});
                        receiveFrom.add(rc.from());
                    }
                }
            }
        }
        Longs delays = new Longs();
        Longs steadyDelays = new Longs();
        for (int i = 0; i < receives.size(); i++) {
            Long sent = sendWall.getOrDefault(receiveFrom.get(i), Map.of()).get(receives.get(i)[0]);
            if (sent != null) {
                delays.add(receives.get(i)[1] - sent);
                if (sent >= allConnected + WARM_UP_MICROS) {
                    steadyDelays.add(receives.get(i)[1] - sent);
                }
            }
        }
        long[] s = delays.sorted();
        System.out.printf("latencySamples=%d%nlatencyP50Micros=%d%nlatencyP99Micros=%d%nlatencyMaxMicros=%d%n",
                s.length, pct(s, 50), pct(s, 99), s.length == 0 ? 0 : s[s.length - 1]);
        System.out.printf("latencyP99MicrosAfterWarmUp=%d%n", pct(steadyDelays.sorted(), 99));
    }

    static void connect(Path dir) throws Exception {
        long lastStart = Long.MIN_VALUE;
        long lastConnected = Long.MIN_VALUE;
        for (Path file : logs(dir)) {
            try (EventLogReader r = EventLogReader.open(file)) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    if (e instanceof Event.Start s) {
                        lastStart = Math.max(lastStart, s.wallMicros());
                    } else if (e instanceof Event.Connected c) {
                        lastConnected = Math.max(lastConnected, c.wallMicros());
                        break;
                    }
                }
            }
        }
        System.out.printf("connectMillis=%.1f%n", (lastConnected - lastStart) / 1000.0);
    }

    static void reader(Path file, int passes) throws Exception {
        double best = 0;
        long lines = 0;
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            lines = 0;
            try (EventLogReader r = EventLogReader.open(file)) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    lines++;
                }
            }
            double rate = lines / ((System.nanoTime() - t0) / 1e9);
            best = Math.max(best, rate);
        }
        System.out.printf("analyzerLines=%d%nanalyzerLinesPerSecond=%.0f%n", lines, best);
    }

    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
