package dev.clockscope.behaviour;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.sim.RecordedRun;
import dev.clockscope.sim.Replay;
import dev.clockscope.sim.ReplayComparison;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.VmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour suite over Netty on loopback: three real {@code java -jar vm.jar} processes; machine_3 is
 * killed with SIGKILL after about 1.5 s of ticking and started again about a second after its peers saw it go.
 */
class NettyBehaviourIT extends ModelBehaviourSuite {
    @TempDir
    static Path dir; // static: made before the suite's @BeforeAll runs the scenario
    private final List<VmProcess> processes = new ArrayList<>();

    private Path out() {
        return dir.resolve("output_files");
    }

    private List<Event> events(String id) throws Exception {
        Path log = out().resolve(id + ".log");
        return Files.exists(log) ? EventLogReader.readAll(log) : List.of();
    }

    private long ticks(String id) throws Exception {
        return events(id).stream().filter(e -> e instanceof Event.TickEvent).count();
    }

    private VmProcess start(String id) throws Exception {
        VmProcess p = VmProcess.start(dir, id + "-" + processes.size(), "--machine-id", id, "--config",
                dir.resolve("config.json").toString(), "--output-dir", out().toString(), "--seed", Long.toString(SEED),
                "--duration", "9s"); // long enough for a restarted machine to reconnect on a loaded host
        processes.add(p);
        return p;
    }

    @Override
    Path runScenario() throws Exception {
        List<Integer> ports = Ports.free(3);
        StringBuilder json = new StringBuilder("{\"machines\": [");
        for (int i = 0; i < 3; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(IDS.get(i)).append("\",\"host\":\"127.0.0.1\",")
                    .append("\"port\":").append(ports.get(i)).append(",\"ticksPerSecond\":").append(RATES[i]).append('}');
        }
        Files.writeString(dir.resolve("config.json"), json.append("], \"die\": 10}").toString());
        for (String id : IDS) {
            start(id);
        }
        // about 1.5 s of ticking at 10/s, then kill -9
        await().atMost(Duration.ofSeconds(30)).until(() -> ticks(VICTIM) >= 15);
        processes.get(2).process.destroyForcibly().waitFor();
        await().atMost(Duration.ofSeconds(10)).until(() -> events("machine_1").stream()
                .anyMatch(e -> e instanceof Event.PeerDown d && d.peer().equals(VICTIM)));
        long before = ticks("machine_1");
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks("machine_1") >= before + 8); // ~1 s at 8/s
        start(VICTIM);
        for (VmProcess p : processes) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !p.process.isAlive());
        }
        return out();
    }

    /**
     * Issue 11's replay on this recording of real processes (a kill -9 and a restart included): the simulator's
     * Machines, driven with the recorded start, tick, link and arrival times, log the same events.
     */
    @Test
    void aReplayOfThisRecordingIsIdenticalEventForEvent() throws Exception {
        RecordedRun run = RecordedRun.read(out(), "--replay");
        Replay.Result result = new Replay(run, dir.resolve("replay"), 1, 6, null).run();
        ReplayComparison.Outcome o = ReplayComparison.compare(run, result);
        System.out.printf("replay of real processes: %d of %d events identical, %d waited in the inbox%n",
                o.identical(), o.compared(), result.heldInInbox());
        assertNull(o.firstDivergence(), o.firstDivergence());
        assertEquals(o.compared(), o.identical());
        assertTrue(o.compared() > 100, o.compared() + " events compared");
    }

    @Override
    int allowedInFlightAtCrash() {
        return 3; // taken into its queue (acknowledged) and not yet processed when it was killed
    }

    @AfterAll
    void stopAll() {
        processes.forEach(VmProcess::close);
    }
}
