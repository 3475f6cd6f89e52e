package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.analysis.CheckResult;
import dev.clockscope.analysis.MachineResult;
import dev.clockscope.analysis.RunAnalyzer;
import dev.clockscope.analysis.RunInput;
import dev.clockscope.analysis.RunResult;
import dev.clockscope.analysis.WindowSpec;
import dev.clockscope.cli.ExitCodes;
import dev.clockscope.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real machines ({@code java -jar vm.jar}) run for a few seconds; the analyzer finds every check passing. */
class AnalyzeRealRunIT {
    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path config() throws Exception {
        StringBuilder machines = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            machines.append(i > 1 ? "," : "").append("{\"id\":\"machine_").append(i)
                    .append("\",\"host\":\"127.0.0.1\",\"port\":").append(freePort()).append('}');
        }
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"machines\":[" + machines + "],\"ticksPerSecond\":\"1..6\",\"die\":10,"
                + "\"duration\":\"60s\",\"queueHighWaterMark\":100000}");
        return config;
    }

    /** Starts machine_i at {@code rate} ticks/s (faster than the assignment's, so seconds hold enough messages). */
    private Process start(Path config, Path out, int i, String duration, int rate) throws Exception {
        Path jar = Path.of(System.getProperty("clockscope.jar", "vm.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " missing: run mvn package first");
        Process p = new ProcessBuilder("java", "-Xmx64m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--machine-id", "machine_" + i, "--config", config.toString(), "--output-dir", out.toString(),
                "--duration", duration, "--ticks-per-second", String.valueOf(rate), "--quiet")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("machine_" + i + ".out").toFile())).start();
        processes.add(p);
        return p;
    }

    @Test
    void aRealRunPassesEveryCheck() throws Exception {
        Path config = config();
        Path out = dir.resolve("output_files");
        for (int i = 1; i <= 3; i++) {
            start(config, out, i, "4s", 10 * i);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> processes.stream().noneMatch(Process::isAlive));
        for (Process p : processes) {
            assertEquals(0, p.exitValue(), "a machine failed; see its console output in " + dir);
        }

        RunResult r = new RunAnalyzer(RunInput.open(out), WindowSpec.DEFAULT, List.of()).analyze();
        for (CheckResult c : r.checks()) {
            assertTrue(c.passed(), c.check().title() + ": " + c.firstViolation());
        }
        assertEquals(3, r.machines().size());
        for (MachineResult m : r.machines()) {
            // on a busy machine ticks may be skipped (logged as stall lines); ticks run + skipped keep the rate
            // (the first or last tick may run up to the stall threshold, 200 ms, late without a stall line)
            double slots = m.ticks() - 1 + m.stalledTicks();
            double lateTicks = 0.2 * m.ticksPerSecondConfigured();
            assertEquals(m.ticksPerSecondConfigured() * m.tickingSeconds(), slots, 1.5 + lateTicks + 0.02 * slots,
                    m.machine() + ": ticks run + skipped over " + m.tickingSeconds() + " s");
            assertTrue(m.ticks() - 1 <= m.ticksPerSecondConfigured() * 1.02 * (m.tickingSeconds() + 0.2),
                    m.machine() + " too fast: " + m.ticksPerSecondAchieved() + " ticks/s");
            assertEquals("duration", m.stopReason());
        }
        assertTrue(r.messages().received() > 10, "messages received: " + r.messages().received());
        assertEquals(0, r.messages().lost());

        StringWriter text = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(text));
        cl.setErr(new PrintWriter(text));
        assertEquals(ExitCodes.OK, cl.execute("analyze", out.toString()), text.toString());
        assertTrue(Files.size(out.resolve("report.html")) > 20_000);
    }

    private static long tickLines(Path log) throws Exception {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("\"tick\":")).count();
        }
    }

    @Test
    void aMachineKilledAndRestartedLeavesARunThatStillPassesEveryCheck() throws Exception {
        Path config = config();
        Path out = dir.resolve("output_files");
        start(config, out, 1, "8s", 20);
        start(config, out, 3, "8s", 25);
        Process doomed = start(config, out, 2, "8s", 15);
        Path log2 = out.resolve("machine_2.log");
        await().atMost(Duration.ofSeconds(30)).until(() -> tickLines(log2) >= 20);
        doomed.destroyForcibly(); // SIGKILL: no stop line, messages in flight lost with it
        await().atMost(Duration.ofSeconds(10)).until(() -> !doomed.isAlive());
        start(config, out, 2, "4s", 15); // moves the dead life's log into previous/
        await().atMost(Duration.ofSeconds(60)).until(() -> processes.stream().noneMatch(Process::isAlive));

        RunResult r = new RunAnalyzer(RunInput.open(out), WindowSpec.DEFAULT, List.of()).analyze();
        for (CheckResult c : r.checks()) {
            assertTrue(c.passed(), c.check().title() + ": " + c.firstViolation());
        }
        MachineResult second = r.machines().get(1);
        assertEquals(1, second.previousLogs());
        assertEquals("duration", second.stopReason());
        var m = r.messages();
        // every message is accounted for exactly once
        assertEquals(m.messages(), m.received() + m.outcomes().unprocessed() + m.undelivered() + m.lost()
                + m.unreceivedAtEnd() + m.toEarlierLifeOfReceiver() + m.toMachineWithoutLog(), m.toString());
        assertTrue(m.toEarlierLifeOfReceiver() + m.fromEarlierLifeOfSender() + m.undelivered() > 0,
                "the crash left no trace in the messages: " + m);
    }
}
