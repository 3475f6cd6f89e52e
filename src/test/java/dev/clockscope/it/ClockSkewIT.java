package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.VmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A skew applied in the real cluster (three JVMs, `vm cluster --clock-skew machine_2=+150ms`) shows in the
 * machine's own physical reading and nowhere else: machine_2's {@code physMicros} is its {@code wallMicros} +
 * 150,000 µs on every tick event, the others read the host's clock, and every {@code wallMicros} stays the
 * god's-eye time (a receive never precedes its send by wall time, while by machine_2's clock the messages
 * it sends arrive "before" they left unless the network took more than 150 ms).
 */
class ClockSkewIT {
    private static final long SKEW_MICROS = 150_000;
    @TempDir
    Path dir;
    private VmProcess runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    private Path runDir() throws Exception {
        try (Stream<Path> batches = Files.list(dir.resolve("out"))) {
            return batches.findFirst().orElseThrow().resolve("run-1");
        }
    }

    @Test
    void aSkewShowsInPhysMicrosAndNotInWallMicros() throws Exception {
        Ports.writeConfig(dir.resolve("config.json"), 3, "");
        long startMicros = System.currentTimeMillis() * 1000;
        runner = VmProcess.start(dir, "runner", "cluster", "--duration", "4s", "--rates", "10,10,10", "--seed", "7",
                "--clock-skew", "machine_2=+150ms", "--output-dir", "out", "--no-analyze", "--plain");
        await().atMost(Duration.ofSeconds(90)).until(() -> !runner.process.isAlive());
        assertEquals(0, runner.process.exitValue(), runner.out() + runner.err());
        long endMicros = System.currentTimeMillis() * 1000;

        Map<String, List<Event>> logs = new HashMap<>();
        for (String id : List.of("machine_1", "machine_2", "machine_3")) {
            logs.put(id, EventLogReader.readAll(runDir().resolve(id + ".log")));
        }
        Map<String, Long> sendWall = new HashMap<>();
        Map<String, Long> sendPhys = new HashMap<>();
        for (Map.Entry<String, List<Event>> log : logs.entrySet()) {
            long offset = log.getKey().equals("machine_2") ? SKEW_MICROS : 0;
            assertEquals(offset, ((Event.Start) log.getValue().get(0)).clockOffsetMicros(), log.getKey());
            int ticks = 0;
            for (Event e : log.getValue()) {
                // the host's clock, whatever the machine's own clock says (1 s of slack for the test's reading)
                assertTrue(e.wallMicros() >= startMicros - 1_000_000 && e.wallMicros() <= endMicros + 1_000_000,
                        log.getKey() + ": " + e);
                if (e instanceof Event.TickEvent t) {
                    ticks++;
                    assertEquals(offset, t.physMicros() - t.wallMicros(), log.getKey() + ": " + e);
                }
                if (e instanceof Event.Send s) {
                    sendWall.put(log.getKey() + "#" + s.seq(), s.wallMicros());
                    sendPhys.put(log.getKey() + "#" + s.seq(), s.physMicros());
                }
            }
            assertTrue(ticks >= 20, log.getKey() + " ticked " + ticks + " times");
        }
        int fromSkewed = 0;
        int physicallyBefore = 0;
        for (Map.Entry<String, List<Event>> log : logs.entrySet()) {
            for (Event e : log.getValue()) {
                if (e instanceof Event.Receive r) {
                    String key = r.from() + "#" + r.seq();
                    assertTrue(r.wallMicros() >= sendWall.get(key), "by wall time a receive follows its send: " + r);
                    if (r.from().equals("machine_2")) {
                        fromSkewed++;
                        physicallyBefore += r.physMicros() < sendPhys.get(key) ? 1 : 0;
                    }
                }
            }
        }
        System.out.printf("ClockSkewIT: %d messages from machine_2 (150 ms ahead), %d received before their send "
                + "by the machines' own clocks, 0 by wall time%n", fromSkewed, physicallyBefore);
        assertTrue(fromSkewed > 0, "machine_2 sent nothing that was received");
        assertTrue(physicallyBefore > 0, "physical time reversed none of machine_2's messages");
    }
}
