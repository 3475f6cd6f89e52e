package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clockscope.eventlog.Event;
import dev.clockscope.testing.LogInvariants;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.VmProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/PROTOCOL.md is precise enough: a peer written from it alone in Python (src/test/python) joins two
 * Java machines, with a cluster secret, and all three logs are consistent.
 */
class PythonPeerIT {
    @TempDir
    Path dir;
    private final List<VmProcess> processes = new ArrayList<>();
    private Process python;

    @AfterEach
    void killLeftovers() {
        processes.forEach(VmProcess::close);
        if (python != null) {
            python.destroyForcibly();
        }
    }

    @Test
    void aPythonPeerWrittenFromTheProtocolDocumentJoinsTheJavaMachines() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            probe = null;
        }
        assumeTrue(probe != null && probe.waitFor() == 0, "python3 not found: Python peer test skipped");
        List<String> ids = Ports.writeConfig(dir.resolve("config.json"), 3,
                "\"ticksPerSecond\":10,\"die\":4,\"duration\":\"4s\",\"secret\":\"from-the-document\"");
        Path script = Path.of(System.getProperty("clockscope.jar")).resolveSibling("src/test/python/clockscope_peer.py");
        long seed = System.nanoTime();
        System.out.println("PythonPeerIT seed " + seed);
        python = new ProcessBuilder("python3", script.toString(), "--machine-id", "machine_3", "--duration", "4",
                "--ticks-per-second", "10", "--seed", Long.toString(seed & Long.MAX_VALUE))
                .directory(dir.toFile()).redirectOutput(dir.resolve("machine_3.out").toFile())
                .redirectError(dir.resolve("machine_3.err").toFile()).start();
        for (String id : ids.subList(0, 2)) {
            processes.add(VmProcess.start(dir, id, "--machine-id", id));
        }
        for (VmProcess p : processes) {
            await().atMost(Duration.ofSeconds(40)).until(() -> !p.process.isAlive());
            assertEquals(0, p.process.exitValue(), p.err());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !python.isAlive());
        assertEquals(0, python.exitValue(), java.nio.file.Files.readString(dir.resolve("machine_3.err")));

        LogInvariants inv = LogInvariants.check(dir.resolve("output_files"), ids);
        long fromPython = inv.events("machine_1", Event.Receive.class).stream().filter(r -> r.from().equals("machine_3")).count()
                + inv.events("machine_2", Event.Receive.class).stream().filter(r -> r.from().equals("machine_3")).count();
        long toPython = inv.events("machine_3", Event.Receive.class).size();
        assertTrue(fromPython >= 3 && toPython >= 3, "Python -> Java " + fromPython + ", Java -> Python " + toPython);
        // the HLC rules of the document: every message in both directions carried one, below its receive's
        assertEquals(inv.matchedMessages, inv.hlcMessages, "every matched message carries an HLC");
        System.out.println("PythonPeerIT: " + inv.matchedMessages + " messages matched; Python -> Java " + fromPython
                + ", Java -> Python " + toPython);
    }
}
