package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.ConfigLoader;
import dev.clockscope.eventlog.Event;
import dev.clockscope.testing.LogInvariants;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.VmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vm cluster} with real child processes: run directories, clean stops, and no orphans. */
class ClusterRunnerIT {
    @TempDir
    Path dir;
    private final List<VmProcess> runners = new ArrayList<>();
    private final List<ProcessHandle> children = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        children.forEach(ProcessHandle::destroyForcibly);
        runners.forEach(VmProcess::close);
    }

    private Path onlyBatchDir() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            List<Path> dirs = s.toList();
            assertEquals(1, dirs.size(), dirs.toString());
            return dirs.get(0);
        }
    }

    @Test
    void eachRunGetsItsOwnDirectoryConfigAndCompleteLogs() throws Exception {
        List<String> ids = Ports.writeConfig(dir.resolve("config.json"), 3, "");
        VmProcess runner = VmProcess.start(dir, "runner", "cluster", "--runs", "2", "--duration", "2s", "--seed", "5",
                "--ticks-per-second", "5..10", "--output-dir", "out", "--name", "t");
        runners.add(runner);
        await().atMost(Duration.ofSeconds(90)).until(() -> !runner.process.isAlive());
        assertEquals(0, runner.process.exitValue(), runner.out() + runner.err());
        Path batch = onlyBatchDir();
        assertTrue(batch.getFileName().toString().endsWith("-t"), batch.toString());
        for (int run = 1; run <= 2; run++) {
            Path runDir = batch.resolve("run-" + run);
            ClusterConfig config = new ConfigLoader().load(runDir.resolve("config.json"));
            assertEquals(5 + run - 1, config.seed().getAsLong(), "run i uses seed + i - 1");
            assertEquals(Duration.ofSeconds(2), config.duration());
            LogInvariants inv = LogInvariants.check(runDir, ids);
            for (String id : ids) {
                Event.Start start = (Event.Start) inv.logs.get(id).get(0);
                assertEquals(5 + run - 1, start.seed());
                assertTrue(start.ticksPerSecond() >= 5 && start.ticksPerSecond() <= 10);
                assertEquals("duration", inv.events(id, Event.Stop.class).get(0).reason());
            }
        }
        assertTrue(runner.out().contains("run 2/2 done"), runner.out());
        // the analyzer ran over both runs: exit 0 above means every correctness check passed
        assertTrue(Files.size(batch.resolve("report.html")) > 10_000, "report written");
        String summary = Files.readString(batch.resolve("summary.json"));
        assertTrue(summary.contains("\"passed\" : true") || summary.contains("\"passed\":true"), summary.substring(0, 200));
        assertTrue(summary.contains("run-1") && summary.contains("run-2"), "both runs analyzed");
    }

    private VmProcess startLongRun() throws Exception {
        Ports.writeConfig(dir.resolve("config.json"), 3, "\"ticksPerSecond\":10");
        VmProcess runner = VmProcess.start(dir, "runner", "cluster", "--duration", "5m", "--output-dir", "out",
                "--no-analyze");
        runners.add(runner);
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.process.descendants().count() >= 3);
        children.addAll(runner.process.descendants().toList());
        Path batch = await().atMost(Duration.ofSeconds(10)).until(this::onlyBatchDir, p -> p != null);
        for (int m = 1; m <= 3; m++) {
            Path log = batch.resolve("run-1/machine_" + m + ".log");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log) && Files.readString(log).contains("\"tick\":"));
        }
        return runner;
    }

    private void assertLogsEndWithStop(String reason) throws Exception {
        for (int m = 1; m <= 3; m++) {
            List<String> lines = Files.readAllLines(onlyBatchDir().resolve("run-1/machine_" + m + ".log"));
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("{\"event\":\"stop\"") && last.contains("\"reason\":\"" + reason + "\""), last);
        }
    }

    @Test
    void sigtermToTheRunnerStopsEveryMachineCleanlyAndKeepsTheLogs() throws Exception {
        VmProcess runner = startLongRun();
        runner.process.destroy(); // SIGTERM, as Ctrl-C would
        await().atMost(Duration.ofSeconds(30)).until(() -> !runner.process.isAlive());
        assertEquals(130, runner.process.exitValue(), runner.err());
        for (ProcessHandle child : children) {
            assertTrue(!child.isAlive(), "child " + child.pid() + " is gone");
        }
        assertLogsEndWithStop("signal");
    }

    @Test
    void killingTheRunnerWithSigkillLeavesNoOrphanMachine() throws Exception {
        VmProcess runner = startLongRun();
        runner.process.destroyForcibly(); // SIGKILL: the runner cannot clean up; the children notice
        for (ProcessHandle child : children) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !child.isAlive());
        }
        assertLogsEndWithStop("parent gone");
    }
}
