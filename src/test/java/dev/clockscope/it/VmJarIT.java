package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import dev.clockscope.testing.LogInvariants;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.StartedProcesses;
import dev.clockscope.testing.VmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The README's usage, for real: three {@code java -jar vm.jar --machine-id ...} processes. */
class VmJarIT {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    @Test
    void threeProcessesTalkAndEachLeavesAValidLog() throws Exception {
        List<String> ids = Ports.writeConfig(dir.resolve("config.json"), 3,
                "\"ticksPerSecond\":\"5..15\",\"die\":5,\"duration\":\"4s\"");
        for (String id : ids) {
            processes.add(VmProcess.start(dir, id, "--machine-id", id));
        }
        for (VmProcess p : processes) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !p.process.isAlive());
            assertEquals(0, p.process.exitValue(), p.err());
            assertTrue(p.out().contains("ticking at"), p.out());
        }
        Path out = dir.resolve("output_files");
        LogInvariants inv = LogInvariants.check(out, ids);
        assertTrue(inv.matchedMessages > 5, "messages flowed: " + inv.matchedMessages);
        for (String id : ids) {
            Event.Stop stop = inv.events(id, Event.Stop.class).get(0);
            Event.Start start = (Event.Start) inv.logs.get(id).get(0);
            assertEquals("duration", stop.reason());
            // ticks run + ticks skipped by a stall on a loaded host (never run in a burst)
            assertEquals(4L * start.ticksPerSecond(), inv.tickSlots(id), id + " ran " + stop.ticks() + " ticks");
        }
    }

    @Test
    void sigtermStopsCleanlyWithACompleteLogAndARestartKeepsThePreviousLog() throws Exception {
        List<String> ids = Ports.writeConfig(dir.resolve("config.json"), 2,
                "\"ticksPerSecond\":20,\"duration\":0");
        for (String id : ids) {
            processes.add(VmProcess.start(dir, id, "--machine-id", id));
        }
        Path log1 = dir.resolve("output_files/machine_1.log");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log1)
                && Files.readString(log1).contains("\"event\":\"internal\""));
        processes.get(0).process.destroy(); // SIGTERM
        await().atMost(Duration.ofSeconds(20)).until(() -> !processes.get(0).process.isAlive());
        assertEquals(0, processes.get(0).process.exitValue(), processes.get(0).err());
        List<String> lines = Files.readAllLines(log1);
        assertTrue(lines.get(lines.size() - 1).contains("\"event\":\"stop\",") && lines.get(lines.size() - 1).contains("\"reason\":\"signal\""),
                lines.get(lines.size() - 1));

        // the survivor keeps ticking and logs the peer down
        Path log2 = dir.resolve("output_files/machine_2.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log2).contains("\"event\":\"peer_down\""));
        String firstLife = Files.readString(log1);

        VmProcess again = VmProcess.start(dir, "machine_1-again", "--machine-id", "machine_1", "--duration", "2s");
        processes.add(again);
        await().atMost(Duration.ofSeconds(40)).until(() -> !again.process.isAlive());
        assertEquals(0, again.process.exitValue(), again.err());
        try (var previous = Files.list(dir.resolve("output_files/previous"))) {
            List<Path> kept = previous.toList();
            assertEquals(1, kept.size());
            assertEquals(firstLife, Files.readString(kept.get(0)), "the first life's log is kept intact");
        }
        assertTrue(Files.readString(log2).contains("\"event\":\"peer_up\",\"wallMicros\""));
        assertFalse(Files.readString(log1).equals(firstLife));
    }
}
