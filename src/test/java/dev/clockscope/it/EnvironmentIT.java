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
        assumeTrue("root".equals(System.getProperty("user.name")),
                "disk-full test skipped: needs root to mount a small tmpfs");
        Path small = dir.resolve("small-disk");
        Files.createDirectories(small);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor() == 0;
        assumeTrue(mounted, "disk-full test skipped: mount -t tmpfs failed: "
                + new String(mount.getInputStream().readAllBytes()).trim());
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
}
