package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.ConfigLoader;
import dev.clockscope.eventlog.Event;
import dev.clockscope.runtime.MachineRuntime;
import dev.clockscope.runtime.RunSummary;
import dev.clockscope.testing.FaultTally;
import dev.clockscope.testing.LogInvariants;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.Seeds;
import dev.clockscope.time.SystemTimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config's "network" section on real sockets: a two-way partition window, loss and delay. */
class NetworkFaultsIT {
    @TempDir
    Path dir;

    @Test
    void partitionLossAndDelayAreAppliedAndLogged() throws Exception {
        long seed = Seeds.printed("NetworkFaultsIT");
        // a six-sided die: each machine receives about 2/3 of its rate, so none is swamped by its queue and
        // stops rolling (with four faces the slowest one received only: 1.2 % of 1,000 simulated seeds sent
        // nothing into a 1 s partition); with a 2 s partition 0 of 3,000 simulated seeds failed a check below
        Path configFile = dir.resolve("config.json");
        List<String> ids = Ports.writeConfig(configFile, 3, "\"ticksPerSecond\":\"25..35\",\"die\":6,\"duration\":\"4s\","
                + "\"seed\":" + seed + ",\"network\":{\"links\":["
                + "{\"from\":\"machine_1\",\"to\":\"machine_2\",\"bothWays\":true,\"partitions\":[\"1s..3s\"]},"
                + "{\"from\":\"*\",\"to\":\"machine_3\",\"loss\":0.3,\"delay\":\"uniform:20ms..60ms\"}]}");
        ClusterConfig config = new ConfigLoader().load(configFile);
        Path out = dir.resolve("out");
        Map<String, RunSummary> summaries = new ConcurrentHashMap<>();
        for (String id : ids) {
            MachineRuntime runtime = new MachineRuntime(config, id, out, SystemTimeSource.INSTANCE, "test");
            new Thread(() -> {
                try {
                    summaries.put(id, runtime.run());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, id).start();
        }
        await().atMost(Duration.ofSeconds(40)).until(() -> summaries.size() == 3);
        LogInvariants inv = LogInvariants.check(out, ids);

        // the partition: logged start and end on both sides; nothing crossed it
        for (String[] pair : new String[][] {{"machine_1", "machine_2"}, {"machine_2", "machine_1"}}) {
            List<Event.Partition> p = inv.events(pair[0], Event.Partition.class);
            assertEquals(List.of("start", "end"), p.stream().map(Event.Partition::state).toList(), pair[0]);
            assertTrue(p.stream().allMatch(e -> e.peer().equals(pair[1])));
            Set<Long> cut = inv.events(pair[0], Event.Undelivered.class).stream()
                    .filter(u -> u.reason().equals("partition")).map(Event.Undelivered::seq).collect(Collectors.toSet());
            assertFalse(cut.isEmpty(), pair[0] + " sent into the partition");
            assertTrue(inv.events(pair[1], Event.Receive.class).stream()
                    .noneMatch(r -> r.from().equals(pair[0]) && cut.contains(r.seq())), "a message crossed the partition");
            long first = p.get(0).wallMicros();
            long last = p.get(1).wallMicros();
            // each line is logged by the first tick after its boundary, which may run up to the stall threshold (200 ms)
            // late, one period (<= 40 ms) apart, + 60 ms of scheduling; a stalled machine logs them later still (a stall is
            // not a failure)
            long slack = inv.events(pair[0], Event.Stall.class).isEmpty() ? 200_000 + 40_000 + 60_000 : 2_000_000;
            assertTrue(Math.abs(last - first - 2_000_000) <= slack, "partition lasted " + (last - first) + " µs");
        }
        // loss and delay on every link into machine_3
        int toThree = 0;
        int lost = 0;
        Map<String, Map<Long, Long>> sendTimes = new HashMap<>();
        for (String from : List.of("machine_1", "machine_2")) {
            Map<Long, Long> times = new HashMap<>();
            for (Event.Send s : inv.events(from, Event.Send.class)) {
                if (s.to().contains("machine_3")) {
                    toThree++;
                    times.put(s.seq(), s.wallMicros());
                }
            }
            sendTimes.put(from, times);
            lost += (int) inv.events(from, Event.Undelivered.class).stream()
                    .filter(u -> u.to().equals("machine_3") && u.reason().equals("injected loss")).count();
        }
        double lossRate = (double) lost / toThree;
        assertTrue(toThree > 20 && lossRate > 0.08 && lossRate < 0.6, "lost " + lost + " of " + toThree);
        long minDelayMicros = Long.MAX_VALUE;
        for (Event.Receive r : inv.events("machine_3", Event.Receive.class)) {
            long delay = r.arrivedMicros() - sendTimes.get(r.from()).get(r.seq());
            minDelayMicros = Math.min(minDelayMicros, delay);
        }
        assertTrue(minDelayMicros >= 19_000, "fastest message to machine_3 took " + minDelayMicros + " µs");
        System.out.printf("NetworkFaultsIT: lost %d of %d (%.0f %%) into machine_3, fastest delivery %d ms, %d matched%n",
                lost, toThree, 100 * lossRate, minDelayMicros / 1000, inv.matchedMessages);
        FaultTally.add("injected partition, loss and delay", 3);
    }
}
