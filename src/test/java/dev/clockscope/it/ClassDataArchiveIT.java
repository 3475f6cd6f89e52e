package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.testing.LogInvariants;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.StartedProcesses;
import dev.clockscope.testing.VmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `vm cluster` records a class-data archive next to its jar in the first run and the JVM accepts it for that
 * jar (checked with -Xshare:on, which refuses to start on an archive it cannot map); a rebuilt jar gets a new one.
 */
class ClassDataArchiveIT {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    private VmProcess cluster(Path jar, String name) throws Exception {
        VmProcess runner = VmProcess.start(jar, dir, name, "cluster", "--runs", "2", "--duration", "1s",
                "--ticks-per-second", "20", "--output-dir", "out", "--name", name, "--no-analyze");
        processes.add(runner);
        await().atMost(Duration.ofSeconds(90)).until(() -> !runner.process.isAlive());
        assertEquals(0, runner.process.exitValue(), runner.out() + runner.err());
        return runner;
    }

    private int javaWithArchive(Path jar, Path archive) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive, "-jar", jar.toString(), "--version");
        Process check = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("share-on-check.out").toFile()).start();
        return check.waitFor();
    }

    private static long occurrences(String text, String word) {
        return text.split(java.util.regex.Pattern.quote(word), -1).length - 1L;
    }

    @Test
    void firstRunRecordsTheArchiveThatTheJvmThenMaps() throws Exception {
        Path jar = Files.copy(VmProcess.jar(), dir.resolve("vm.jar"));
        Path archive = dir.resolve("vm.jsa");
        List<String> ids = Ports.writeConfig(dir.resolve("config.json"), 3, "");

        VmProcess first = cluster(jar, "first");
        assertEquals(1, occurrences(first.out(), "recorded the class-data archive"), first.out());
        assertTrue(Files.size(archive) > 1_000_000, "an archive of the machine's classes: " + Files.size(archive));
        assertTrue(Files.readString(dir.resolve("vm.jsa.key")).startsWith(jar.toAbsolutePath() + "\n"));
        assertEquals(0, javaWithArchive(jar, archive), Files.readString(dir.resolve("share-on-check.out")));
        try (Stream<Path> leftovers = Files.list(dir)) {
            assertFalse(leftovers.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
        // the runs with and without the archive are complete and clean, consoles free of CDS messages
        List<Path> runs;
        try (Stream<Path> s = Files.walk(dir.resolve("out"), 2)) {
            runs = s.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
        }
        assertEquals(2, runs.size(), runs.toString());
        for (Path run : runs) {
            LogInvariants.check(run, ids);
            for (String id : ids) {
                String console = Files.readString(run.resolve(id + ".console.txt"));
                assertFalse(console.contains("[cds"), run + "/" + id + ": " + console);
            }
        }

        // a rebuilt jar: the archive no longer fits, the next run records a new one
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertTrue(javaWithArchive(jar, archive) != 0, "-Xshare:on refuses the old archive for the touched jar");
        VmProcess second = cluster(jar, "second");
        assertEquals(1, occurrences(second.out(), "recorded the class-data archive"), second.out());
        assertEquals(0, javaWithArchive(jar, archive), Files.readString(dir.resolve("share-on-check.out")));
    }
}
