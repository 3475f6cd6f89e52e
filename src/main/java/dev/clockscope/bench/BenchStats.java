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
 *                  nothing sent is missing except sends still in flight when their receiver stopped
 * ticks DIR RATE   tick-rate error (%) and p99 lateness (µs) of a throttled run at RATE ticks/s
 * latency DIR      one-way delay send -> enqueued at the receiver (arrivedMicros - send wallMicros), µs
 * connect DIR      last machine's start line -> every machine connected, ms
 * reader FILE N    streaming EventLogReader over FILE, N passes: lines/s of the best pass (one core)
 * </pre>
 */
public final class BenchStats {
    private BenchStats() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        switch (args[0]) {
            case "throughput" -> throughput(Path.of(args[1]));
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

    record Summary(String machine, long tickEvents, long connectedMicros, long stopMicros, long startMicros) {
    }

    static void throughput(Path dir) throws Exception {
        Map<String, Link> links = new TreeMap<>();
        List<Summary> summaries = new ArrayList<>();
        long lines = 0;
        for (Path file : logs(dir)) {
            long ticks = 0;
            long connected = -1;
            long stop = -1;
            String self = null;
            long startMicros = 0;
            try (EventLogReader r = EventLogReader.open(file)) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    lines++;
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
            summaries.add(new Summary(self, ticks, connected, stop, startMicros));
        }
        long total = 0;
        double ratesSum = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Map<String, Long> stopOf = new LinkedHashMap<>();
        for (Summary s : summaries) {
            total += s.tickEvents();
            double seconds = (s.stopMicros() - s.connectedMicros()) / 1e6;
            ratesSum += s.tickEvents() / seconds;
            first = Math.min(first, s.connectedMicros());
            last = Math.max(last, s.stopMicros());
            stopOf.put(s.machine(), s.stopMicros());
            System.out.printf("machine.%s.events=%d%nmachine.%s.eventsPerSecond=%.0f%n", s.machine(), s.tickEvents(),
                    s.machine(), s.tickEvents() / seconds);
        }
        double window = (last - first) / 1e6;
        System.out.printf("tickEvents=%d%nlogLines=%d%nwindowSeconds=%.3f%n", total, lines, window);
        // conservative: all events over the whole window, from the first machine connected to the last stopped
        System.out.printf("eventsPerSecondTotal=%.0f%n", total / window);
        System.out.printf("eventsPerSecondSumOfMachines=%.0f%n", ratesSum);

        long messages = 0;
        long matched = 0;
        long unmatched = 0;
        long undelivered = 0;
        long inFlight = 0;
        long lost = 0;
        for (Map.Entry<String, Link> e : links.entrySet()) {
            Link l = e.getValue();
            String receiver = e.getKey().substring(e.getKey().indexOf("->") + 2);
            long receiverStop = stopOf.getOrDefault(receiver, Long.MAX_VALUE);
            long[] received = l.received.sorted();
            long[] und = l.undelivered.sorted();
            // receives in the receiver's log must be distinct and each one a send of this link
            for (int i = 1; i < received.length; i++) {
                if (received[i] == received[i - 1]) {
                    unmatched++;
                }
            }
            long[] sent = Arrays.copyOf(l.sent.a, l.sent.n);
            long[] sentWall = Arrays.copyOf(l.sentWall.a, l.sentWall.n);
            int ri = 0;
            for (int i = 0; i < sent.length; i++) {
                long seq = sent[i];
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
                } else if (sentWall[i] >= receiverStop - 1_000_000) {
                    // sent in the receiver's last second (or after it stopped): still in flight or in its queue
                    inFlight++;
                } else {
                    lost++;
                    if (lost <= 5) {
                        System.err.println("lost: " + e.getKey() + " seq " + seq);
                    }
                }
            }
            unmatched += received.length - ri;
        }
        System.out.printf("messages=%d%nmatched=%d%nunmatchedReceives=%d%nundelivered=%d%ninFlightAtStop=%d%nlost=%d%n",
                messages, matched, unmatched, undelivered, inFlight, lost);
    }

    static void ticks(Path dir, int rate) throws Exception {
        double periodMicros = 1e6 / rate;
        Longs lateness = new Longs();
        double worstError = 0;
        long missed = 0;
        for (Path file : logs(dir)) {
            Longs wall = new Longs();
            try (EventLogReader r = EventLogReader.open(file)) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    if (e instanceof Event.TickEvent t) {
                        wall.add(t.wallMicros());
                    } else if (e instanceof Event.Stall s) {
                        missed += s.missedTicks();
                    }
                }
            }
            int n = wall.n;
            // tick k (0-based) is due at start + k * period: its offset from the schedule is wall - k * period;
            // the smallest offset is the schedule's start (as seen by the wall clock), the rest is lateness
            double minOffset = Double.MAX_VALUE;
            for (int k = 0; k < n; k++) {
                minOffset = Math.min(minOffset, wall.a[k] - k * periodMicros);
            }
            for (int k = 0; k < n; k++) {
                lateness.add(Math.round(wall.a[k] - k * periodMicros - minOffset));
            }
            double seconds = (wall.a[n - 1] - wall.a[0]) / 1e6;
            double measured = (n - 1) / seconds;
            double error = Math.abs(measured - rate) / rate * 100;
            worstError = Math.max(worstError, error);
            System.out.printf("machine.%s.ticks=%d%nmachine.%s.measuredRate=%.4f%n", file.getFileName(), n,
                    file.getFileName(), measured);
        }
        long[] s = lateness.sorted();
        System.out.printf("tickRateErrorPercent=%.5f%n", worstError);
        System.out.printf("tickLatenessP50Micros=%d%ntickLatenessP99Micros=%d%ntickLatenessMaxMicros=%d%nmissedTicks=%d%n",
                pct(s, 50), pct(s, 99), s[s.length - 1], missed);
    }

    static void latency(Path dir) throws Exception {
        Map<String, Map<Long, Long>> sendWall = new LinkedHashMap<>();
        List<long[]> receives = new ArrayList<>(); // from-index-free: (seq, arrived) with sender name kept aside
        List<String> receiveFrom = new ArrayList<>();
        for (Path file : logs(dir)) {
            String self = null;
            try (EventLogReader r = EventLogReader.open(file)) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    if (e instanceof Event.Start s) {
                        self = s.machine();
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
        for (int i = 0; i < receives.size(); i++) {
            Long sent = sendWall.getOrDefault(receiveFrom.get(i), Map.of()).get(receives.get(i)[0]);
            if (sent != null) {
                delays.add(receives.get(i)[1] - sent);
            }
        }
        long[] s = delays.sorted();
        System.out.printf("latencySamples=%d%nlatencyP50Micros=%d%nlatencyP99Micros=%d%nlatencyMaxMicros=%d%n",
                s.length, pct(s, 50), pct(s, 99), s.length == 0 ? 0 : s[s.length - 1]);
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
