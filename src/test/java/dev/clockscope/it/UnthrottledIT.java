package dev.clockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.bench.BenchStats;
import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.ConfigLoader;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.runtime.RunSummary;
import dev.clockscope.testing.InProcessCluster;
import dev.clockscope.testing.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unthrottled machines (ticksPerSecond "max") on real loopback sockets: every event logged, every receive
 * matches a send, nothing lost, nothing dropped by back-pressure. Asserts counts and logs, never speed.
 */
class UnthrottledIT {
    @TempDir
    Path dir;

    @Test
    void threeUnthrottledMachinesLoseNothing() throws Exception {
        runAndCheck(3, "");
    }

    @Test
    void aTinyQueueForcesConstantBackPressureWithoutDeadlockOrDrops() throws Exception {
        // reads pause at 16 waiting messages: links fill up and both machines keep stalling on each other
        runAndCheck(2, ",\"queueHighWaterMark\":16");
    }

    private void runAndCheck(int n, String extra) throws Exception {
        long seed = System.nanoTime();
        System.out.println("UnthrottledIT seed " + seed);
        Path configFile = dir.resolve("config.json");
        List<String> ids = Ports.writeConfig(configFile, n,
                "\"ticksPerSecond\":\"max\",\"duration\":\"2s\",\"seed\":" + seed + extra);
        ClusterConfig config = new ConfigLoader().load(configFile);
        Path out = dir.resolve("out");
        InProcessCluster cluster = new InProcessCluster(config, out);
        ids.forEach(cluster::start);
        Map<String, RunSummary> summaries = cluster.awaitAll(Duration.ofSeconds(90), "seed " + seed);

        Map<String, Long> stopWall = new HashMap<>();
        for (String id : ids) {
            RunSummary s = summaries.get(id);
            assertEquals("duration", s.stopReason(), s.toString());
            assertNull(s.failure());
            assertTrue(s.ticks() > 0, s.toString());
            long tickEvents = 0;
            long lastTickWall = 0;
            long lastLamport = 0;
            Event last = null;
            try (EventLogReader r = EventLogReader.open(out.resolve(id + ".log"))) {
                Event.Start start = (Event.Start) r.next();
                assertEquals(0, start.ticksPerSecond());
                assertTrue(start.unthrottled());
                for (Event e = r.next(); e != null; e = r.next()) {
                    last = e;
                    if (e instanceof Event.TickEvent t) {
                        tickEvents++;
                        lastTickWall = t.wallMicros();
                        assertEquals(tickEvents, t.tick(), id + ": every tick is logged, in order");
                        assertTrue(t.lamport() > lastLamport, id + ": Lamport increases");
                        lastLamport = t.lamport();
                    } else if (e instanceof Event.Undelivered u) {
                        // only a peer that had already stopped may miss a message (it said goodbye, or stopped
                        // taking before the message was acknowledged, or its link was gone); back-pressure never drops
                        assertTrue(java.util.Set.of("peer stopped", "unacknowledged", "peer down").contains(u.reason()),
                                id + ": " + u);
                    }
                }
                assertTrue(r.warnings().isEmpty(), r.warnings().toString());
            }
            assertTrue(last instanceof Event.Stop, id + " log ends with stop");
            assertEquals(s.ticks(), ((Event.Stop) last).ticks());
            assertEquals(s.ticks(), tickEvents, id + ": one logged event per tick");
            // a machine says goodbye after its last tick, and its peers refuse further sends to it from then on
            stopWall.put(id, lastTickWall);
        }
        for (String id : ids) {
            try (EventLogReader r = EventLogReader.open(out.resolve(id + ".log"))) {
                // or after a peer_down for it: a host loaded past the heartbeat timeout takes links down, legitimately
                Set<String> gaveUp = new HashSet<>();
                for (Event e = r.next(); e != null; e = r.next()) {
                    if (e instanceof Event.PeerDown d) {
                        gaveUp.add(d.peer());
                    }
                    if (e instanceof Event.Undelivered u) {
                        assertTrue(u.wallMicros() >= stopWall.get(u.to()) || gaveUp.contains(u.to()),
                                id + ": undelivered to " + u.to() + " before its last tick: " + u);
                    }
                }
            }
        }
        assertEveryMessageIsInALog(ids, out);
        BenchStats.Throughput t = BenchStats.throughput(out);
        assertEquals(0, t.lost(), t.toString());
        assertEquals(0, t.unmatchedReceives(), t.toString());
        assertTrue(t.matched() > 1000, "messages flowed: " + t);
    }

    /**
     * Issue 13: after a clean stop of the whole cluster (machines stop a little apart, so the last ones still send to
     * the first), every send to a peer is received, undelivered (its sender says so) or unprocessed (its receiver
     * says it arrived after its last tick): zero messages in no log.
     */
    static void assertEveryMessageIsInALog(List<String> ids, Path out) throws Exception {
        int n = ids.size();
        java.util.BitSet[] sent = new java.util.BitSet[n * n];
        java.util.BitSet[] accounted = new java.util.BitSet[n * n];
        for (int k = 0; k < sent.length; k++) {
            sent[k] = new java.util.BitSet();
            accounted[k] = new java.util.BitSet();
        }
        long unprocessed = 0;
        long undelivered = 0;
        for (int i = 0; i < n; i++) {
            try (EventLogReader r = EventLogReader.open(out.resolve(ids.get(i) + ".log"))) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    if (e instanceof Event.Send s) {
                        for (String to : s.to()) {
                            sent[i * n + ids.indexOf(to)].set((int) s.seq());
                        }
                    } else if (e instanceof Event.Undelivered u) {
                        accounted[i * n + ids.indexOf(u.to())].set((int) u.seq());
                        undelivered++;
                    } else if (e instanceof Event.Receive rc) {
                        accounted[ids.indexOf(rc.from()) * n + i].set((int) rc.seq());
                    } else if (e instanceof Event.Unprocessed u) {
                        for (String range : u.seqs().split(",")) {
                            int dash = range.indexOf('-');
                            int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                            int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
                            accounted[ids.indexOf(u.from()) * n + i].set(from, to + 1);
                            unprocessed += to - from + 1;
                        }
                    }
                }
            }
        }
        long inNoLog = 0;
        for (int k = 0; k < sent.length; k++) {
            java.util.BitSet missing = (java.util.BitSet) sent[k].clone();
            missing.andNot(accounted[k]);
            inNoLog += missing.cardinality();
        }
        System.out.printf("every message in a log: %d unprocessed, %d undelivered, %d in no log%n", unprocessed,
                undelivered, inNoLog);
        assertEquals(0, inNoLog, "messages sent but in no log as received, undelivered or unprocessed");
    }
}
