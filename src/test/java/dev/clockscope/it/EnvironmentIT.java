package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.testing.FaultTally;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.StartedProcesses;
import dev.clockscope.testing.VmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A hostile environment: unreadable config, unwritable output directory, a disk that fills up. */
class EnvironmentIT {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    private VmProcess start(String name, String... args) throws Exception {
        VmProcess p = VmProcess.start(dir, name, args);
        processes.add(p);
        return p;
    }

    /** {@code small-disk} in the test's directory, a tmpfs of {@code size}; the test is skipped where it cannot be. */
    private Path smallDisk(String size) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "disk-full test skipped: needs root to mount a small tmpfs");
        Path small = dir.resolve("small-disk");
        Files.createDirectories(small);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor() == 0;
        assumeTrue(mounted, "disk-full test skipped: mount -t tmpfs failed: "
                + new String(mount.getInputStream().readAllBytes()).trim());
        return small;
    }

    private static void assertExit(VmProcess p, int code, String errRegex) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> !p.process.isAlive());
        assertEquals(code, p.process.exitValue(), p.err());
        String err = p.err();
        assertTrue(err.matches(errRegex + "\\n"), "one line matching " + errRegex + ", got: " + err);
    }

    @Test
    void unreadableConfigAndUnwritableOutputDirectoryAreOneLineAndAnExitCode() throws Exception {
        Files.createDirectories(dir.resolve("a-directory.json"));
        assertExit(start("dir-config", "--machine-id", "machine_1", "--config", "a-directory.json"), 2,
                "error: a-directory\\.json: cannot read: .*");

        Ports.writeConfig(dir.resolve("config.json"), 2, "\"duration\":0");
        // tests run as root, where chmod does not stop writes: put the directory under a regular file instead
        Files.writeString(dir.resolve("plain-file"), "not a directory");
        assertExit(start("blocked", "--machine-id", "machine_1", "--output-dir", "plain-file/out"), 3,
                "error: machine_1: cannot create the event log in plain-file/out: .*");
        FaultTally.add("environment: unreadable config, unwritable output", 2);
    }

    @Test
    void diskFullWhileLoggingStopsTheMachineWithExitFourAndAReadableLog() throws Exception {
        Path small = smallDisk("64k");
        try {
            Ports.writeConfig(dir.resolve("config.json"), 2, "\"ticksPerSecond\":20,\"duration\":0");
            VmProcess m1 = start("machine_1", "--machine-id", "machine_1", "--output-dir", "small-disk",
                    "--ticks-per-second", "2000");
            VmProcess m2 = start("machine_2", "--machine-id", "machine_2");
            assertExit(m1, 4, "error: machine_1: cannot write small-disk/machine_1\\.log: No space left on device");
            // what was written is still a readable log (a torn last line is only a warning)
            try (EventLogReader reader = EventLogReader.open(small.resolve("machine_1.log"))) {
                long n = 0;
                while (reader.next() != null) {
                    n++;
                }
                assertTrue(n > 100, "events before the disk filled: " + n);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(dir.resolve("output_files/machine_2.log"))
                    .contains("\"event\":\"peer_down\""));
            assertTrue(m2.process.isAlive(), "the peer carries on");
            FaultTally.add("environment: disk full while logging", 1);
        } finally {
            processes.forEach(VmProcess::close);
            for (VmProcess p : processes) {
                p.process.waitFor();
            }
            new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor();
        }
    }

    /**
     * The commands that write runs and reports, on a disk that fills: one line naming the file, exit 4, as a machine
     * (above). Before, `vm simulate` and its replays ended with a stack trace and exit 1 (the disk's own message, which
     * names no file, from the last log closed), `vm analyze` with "cannot write output" (no file), exit 2, and a
     * statistics-only run or `vm cluster` named no file either.
     */
    @Test
    void aDiskThatFillsEndsSimulateReplayAndAnalyzeWithOneLineNamingTheFile() throws Exception {
        Ports.writeConfig(dir.resolve("config.json"), 3, "");
        Path recording = Path.of("src/test/resources/replay/paused-3s").toAbsolutePath(); // a real run's logs
        // room for a directory and its first lines, not for 20 machines' logs of 2 minutes (~2.6 MB)
        Path small = smallDisk("2m");
        try {
            assertExit(start("simulate-full", "simulate", "--machines", "20", "--topology", "ring", "--duration",
                    "120s", "--seed", "3", "--log", "full", "--output-dir", "small-disk", "--plain"), 4,
                    "error: cannot write small-disk/\\S+-simulate/run-1/machine_\\d+\\.log: No space left on device");
            assertExit(start("analyze-full", "analyze", recording.toString(), "--report", "small-disk/report.html"), 4,
                    "error: cannot write small-disk/report\\.html: No space left on device");
            assertTrue(Files.notExists(small.resolve("report.html")), "no half report under its name");
            assertExit(start("replay-full", "simulate", "--replay", recording.toString(), "--output-dir", "small-disk",
                    "--plain", "--no-analyze"), 4, "error: cannot write small-disk/\\S+-replay/replay/\\S+: No space left on device");
            // the disk is full now: a run's own files fail first, each named
            assertExit(start("statistics-full", "simulate", "--machines", "2000", "--topology", "ring", "--duration",
                    "5s", "--output-dir", "small-disk", "--plain"), 4,
                    "error: cannot write small-disk/\\S+-simulate/run-1/(simulation|summary)\\.json: No space left on device");
            assertExit(start("cluster-full", "cluster", "--duration", "2s", "--output-dir", "small-disk", "--plain"), 4,
                    "error: cannot write small-disk/\\S+-cluster/run-1/config\\.json: No space left on device");
            FaultTally.add("environment: disk full while simulating, replaying, analyzing", 5);
        } finally {
            new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor();
        }
    }
}
