package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.ConfigLoader;
import dev.clockscope.eventlog.Event;
import dev.clockscope.runtime.RunSummary;
import dev.clockscope.testing.InProcessCluster;
import dev.clockscope.testing.LogInvariants;
import dev.clockscope.testing.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three machines in one JVM on real loopback sockets, started out of order. */
class ClusterIT {
    @TempDir
    Path dir;

    @Test
    void machinesStartedOutOfOrderConnectExchangeMessagesAndLeaveConsistentLogs() throws Exception {
        long seed = System.nanoTime();
        System.out.println("ClusterIT seed " + seed);
        Path configFile = dir.resolve("config.json");
        List<String> ids = Ports.writeConfig(configFile, 3,
                "\"ticksPerSecond\":\"20..40\",\"die\":4,\"duration\":\"3s\",\"seed\":" + seed);
        ClusterConfig config = new ConfigLoader().load(configFile);
        Path out = dir.resolve("out");
        InProcessCluster cluster = new InProcessCluster(config, out);
        for (String id : List.of("machine_3", "machine_1", "machine_2")) {
            cluster.start(id);
            // each machine is up and waiting for the others before the next one starts
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out.resolve(id + ".log")));
        }
        Map<String, RunSummary> summaries = cluster.awaitAll(Duration.ofSeconds(40), "seed " + seed);

        LogInvariants inv = LogInvariants.check(out, ids);
        for (RunSummary s : summaries.values()) {
            assertEquals("duration", s.stopReason(), s.toString());
            assertNull(s.failure());
            // 3 s at the machine's own rate, counted from its connection: ticks run + ticks a stall skipped
            assertEquals(3L * s.ticksPerSecond(), inv.tickSlots(s.machineId()), s.toString());
            assertEquals(s.ticks(), inv.events(s.machineId(), Event.Stop.class).get(0).ticks());
        }
        assertTrue(inv.matchedMessages > 20, "messages flowed: " + inv.matchedMessages);
        for (String id : ids) {
            assertEquals(1, inv.events(id, Event.Connected.class).size(), id);
            assertEquals(seed, ((Event.Start) inv.logs.get(id).get(0)).seed());
        }
    }
}
