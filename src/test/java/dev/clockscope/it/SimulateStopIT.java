package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.testing.LogInvariants;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.VmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (Ctrl-C) of {@code vm simulate} running as fast as it can: the run ends there, its logs complete. */
class SimulateStopIT {
    @TempDir
    Path dir;
    private VmProcess simulate;

    @AfterEach
    void killLeftover() {
        if (simulate != null) {
            simulate.close();
        }
    }

    @Test
    void sigtermEndsTheRunThereWithEveryLogComplete() throws Exception {
        List<String> ids = Ports.writeConfig(dir.resolve("config.json"), 3, "");
        // 1,000 h of virtual time take minutes and gigabytes: the signal comes as soon as the logs grow
        simulate = VmProcess.start(dir, "simulate", "simulate", "--duration", "1000h", "--log", "full", "--seed", "3",
                "--no-analyze", "--plain", "--output-dir", "out");
        Path run = await().atMost(Duration.ofSeconds(30)).until(this::runDir, p -> p != null
                && Files.exists(p.resolve("machine_1.log")) && p.resolve("machine_1.log").toFile().length() > 0);
        simulate.process.destroy(); // SIGTERM
        await().atMost(Duration.ofSeconds(60)).until(() -> !simulate.process.isAlive());

        assertEquals(130, simulate.process.exitValue(), simulate.err());
        assertTrue(simulate.err().contains("stopped:"), simulate.err());
        for (String id : ids) {
            List<String> lines = Files.readAllLines(run.resolve(id + ".log"));
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("{\"event\":\"stop\"") && last.contains("\"reason\":\"signal\""),
                    id + "'s log ends with its stop line: " + last);
        }
        // every message sent is received or logged undelivered, as at a run's normal end; not the all-pairs
        // happened-before check of LogInvariants.check, quadratic in the tens of thousands of events a fast
        // machine writes before the signal (it took 50-250 s of CI)
        LogInvariants.checkLives(ids.stream().map(id -> run.resolve(id + ".log")).toList(), Set.of());
        assertTrue(Files.exists(run.resolve("summary.json")), "the run's statistics were written");
    }

    private Path runDir() throws Exception {
        Path out = dir.resolve("out");
        if (!Files.isDirectory(out)) {
            return null;
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.findFirst().map(b -> b.resolve("run-1")).orElse(null);
        }
    }
}
