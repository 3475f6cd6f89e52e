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

    @Test
    void aRealRunPassesEveryCheck() throws Exception {
        Path jar = Path.of(System.getProperty("clockscope.jar", "vm.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " missing: run mvn package first");
        StringBuilder machines = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            machines.append(i > 1 ? "," : "").append("{\"id\":\"machine_").append(i)
                    .append("\",\"host\":\"127.0.0.1\",\"port\":").append(freePort()).append('}');
        }
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"machines\":[" + machines + "],\"ticksPerSecond\":\"1..6\",\"die\":10,"
                + "\"duration\":\"60s\",\"queueHighWaterMark\":100000}");
        Path out = dir.resolve("output_files");
        for (int i = 1; i <= 3; i++) {
            // faster than the assignment's rates so a few seconds hold enough messages
            processes.add(new ProcessBuilder("java", "-Xmx64m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                    "--machine-id", "machine_" + i, "--config", config.toString(), "--output-dir", out.toString(),
                    "--duration", "4s", "--ticks-per-second", (10 * i) + "", "--quiet")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("machine_" + i + ".out").toFile()).start());
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
            double slots = m.ticks() - 1 + m.stalledTicks();
            assertEquals(m.ticksPerSecondConfigured() * m.tickingSeconds(), slots, 1.5 + 0.02 * slots,
                    m.machine() + ": ticks run + skipped over " + m.tickingSeconds() + " s");
            assertTrue(m.ticksPerSecondAchieved() <= m.ticksPerSecondConfigured() * 1.02, m.machine() + " too fast");
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
}
