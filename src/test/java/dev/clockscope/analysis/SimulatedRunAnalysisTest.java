package dev.clockscope.analysis;

import dev.clockscope.testing.SimulatedRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.analysis.report.ShivizExport;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Randomized runs of the simulator (the real Machines in virtual time), analyzed and checked against brute force. Each prints its seed. */
class SimulatedRunAnalysisTest {
    @TempDir
    Path dir;

    private record Node(int machine, long wall, Event.TickEvent event) {
    }

    @Test
    void concurrencyCountEqualsPairByPairReachability() throws Exception {
        long seed = System.nanoTime();
        System.out.println("concurrencyCountEqualsPairByPairReachability seed " + seed);
        Path run = dir.resolve("run");
        new SimulatedRun(seed, 20, 35, 9, 14).dropEvery(7).write(run, 3.0);
        RunResult r = new RunAnalyzer(RunInput.open(run), WindowSpec.DEFAULT, List.of()).analyze();
        assertTrue(r.passed(), "seed " + seed + ": " + r.checks());
        assertTrue(r.messages().lost() > 0, "seed " + seed + ": the run should lose messages");

        // brute force: happened-before = reachability over program order and matched messages
        List<String> ids = r.machineIds();
        List<Node> nodes = new ArrayList<>();
        for (int m = 0; m < ids.size(); m++) {
            for (Event e : EventLogReader.readAll(run.resolve(ids.get(m) + ".log"))) {
                if (e instanceof Event.TickEvent t) {
                    nodes.add(new Node(m, e.wallMicros(), t));
                }
            }
        }
        nodes.sort(Comparator.comparingLong(Node::wall)); // sends precede their receives in wall time here
        Map<String, Integer> sendIndex = new HashMap<>();
        int[] last = new int[ids.size()];
        java.util.Arrays.fill(last, -1);
        BitSet[] ancestors = new BitSet[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            BitSet a = new BitSet();
            if (last[n.machine()] >= 0) {
                a.or(ancestors[last[n.machine()]]);
                a.set(last[n.machine()]);
            }
            if (n.event() instanceof Event.Send s) {
                sendIndex.put(n.machine() + "/" + s.seq(), i);
            } else if (n.event() instanceof Event.Receive rc) {
                int from = sendIndex.get(ids.indexOf(rc.from()) + "/" + rc.seq());
                a.or(ancestors[from]);
                a.set(from);
            }
            ancestors[i] = a;
            last[n.machine()] = i;
        }
        long pairs = 0;
        long concurrent = 0;
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                if (nodes.get(i).machine() != nodes.get(j).machine()) {
                    pairs++;
                    if (!ancestors[j].get(i) && !ancestors[i].get(j)) {
                        concurrent++;
                    }
                }
            }
        }
        assertEquals(pairs, r.concurrency().crossMachinePairs(), "seed " + seed);
        assertEquals(concurrent, r.concurrency().concurrentPairs(), "seed " + seed);
    }

    @Test
    void shivizClocksCountLoggedEventsOnlyAndMergeMatchedSends() throws Exception {
        long seed = System.nanoTime();
        System.out.println("shivizClocksCountLoggedEventsOnlyAndMergeMatchedSends seed " + seed);
        Path run = dir.resolve("run");
        new SimulatedRun(seed, 6, 3, 1).dropEvery(5).write(run, 20);
        Path out = dir.resolve("shiviz.log");
        try (ShivizExport shiviz = new ShivizExport(out)) {
            new RunAnalyzer(RunInput.open(run), WindowSpec.DEFAULT, List.of(shiviz)).analyze();
        }
        // ShiViz's default parser regex, applied as ShiViz does (multi-line)
        String text = Files.readString(out);
        Matcher m = Pattern.compile("(?<event>.*)\\n(?<host>\\S*) (?<clock>\\{.*\\})").matcher(text);
        Map<String, Long> own = new HashMap<>();
        Map<String, Map<String, Long>> latest = new HashMap<>();
        int events = 0;
        Pattern entry = Pattern.compile("\"([^\"]+)\":(\\d+)");
        while (m.find()) {
            events++;
            String host = m.group("host");
            Map<String, Long> clock = new HashMap<>();
            Matcher e = entry.matcher(m.group("clock"));
            while (e.find()) {
                clock.put(e.group(1), Long.parseLong(e.group(2)));
            }
            long expected = own.merge(host, 1L, Long::sum);
            assertEquals(expected, clock.get(host), "seed " + seed + ": " + host + "'s own entry at event " + events);
            // no entry may claim more events of a host than that host has logged so far (causes come first)
            for (Map.Entry<String, Long> c : clock.entrySet()) {
                if (!c.getKey().equals(host)) {
                    assertTrue(c.getValue() <= own.getOrDefault(c.getKey(), 0L), "seed " + seed + ": " + m.group());
                    assertTrue(c.getValue() >= latest.getOrDefault(host, Map.of()).getOrDefault(c.getKey(), 0L));
                }
            }
            latest.put(host, clock);
        }
        assertEquals(text.lines().count(), 2L * events, "every line pair must match the regex");
        assertTrue(events > 50);
    }

    @Test
    void everyMessageOfALongerRunIsAccountedFor() throws Exception {
        Path run = dir.resolve("run");
        long lines = new SimulatedRun(7, 400, 600, 500).write(run, 60);
        RunResult r = new RunAnalyzer(RunInput.open(run), WindowSpec.DEFAULT, List.of()).analyze();
        assertEquals(lines, r.lines());
        assertTrue(r.passed());
        assertEquals(r.messages().messages(), r.messages().received() + r.messages().unreceivedAtEnd());
        assertTrue(r.messages().unreceivedAtEnd() < 20, "only the last few messages can still be in flight");
    }
}
