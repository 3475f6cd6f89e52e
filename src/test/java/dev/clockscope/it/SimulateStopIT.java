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

    /**
     * SIGTERM once the run is over and the analyzer reads its logs (a few seconds for these 720,000 events): it was
     * ignored, the analysis went on and the process exited 0. Now it ends there with 130, one line, and neither the
     * batch's report nor its summary (nor a temporary file of theirs) is left.
     */
    @Test
    void sigtermDuringTheAnalysisEndsTheProcessWithNoReport() throws Exception {
        Ports.writeConfig(dir.resolve("config.json"), 3, "");
        simulate = VmProcess.start(dir, "simulate", "simulate", "--ticks-per-second", "1000", "--duration", "240s",
                "--log", "full", "--seed", "3", "--plain", "--output-dir", "out");
        // the run's last console line, printed as the analysis starts
        await().atMost(Duration.ofSeconds(60)).until(() -> simulate.out().contains("fingerprint"));
        simulate.process.destroy(); // SIGTERM
        await().atMost(Duration.ofSeconds(10)).until(() -> !simulate.process.isAlive());

        assertEquals(130, simulate.process.exitValue(), simulate.out() + simulate.err());
        List<String> errLines = Files.readAllLines(simulate.stderr);
        assertEquals(1, errLines.size(), simulate.err());
        assertTrue(errLines.get(0).startsWith("stopped: during the analysis"), simulate.err());
        Path batch = runDir().getParent();
        assertTrue(Files.exists(batch.resolve("run-1").resolve("machine_1.log")));
        try (Stream<Path> s = Files.walk(batch)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertTrue(!names.contains("report.html"), "no batch report: " + names);
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), "no temporary file: " + names);
        }
        assertTrue(!Files.exists(batch.resolve("summary.json")), "no batch summary");
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
