package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clockscope.testing.Ports;
import dev.clockscope.testing.VmProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Same seed, same bytes, on any machine": the same vm.jar run by another Java release than the tests' (a JDK beside
 * it in /usr/lib/jvm, e.g. Temurin 25 next to OpenJDK 17) writes a byte-identical run, faults and link delays
 * included. Skipped, saying so, where no other release is installed.
 */
class SimulateAcrossJdksIT {
    private static final List<String> RUN = List.of("simulate", "--machines", "12", "--topology", "small-world:4,0.2",
            "--duration", "15s", "--seed", "11", "--log", "full", "--pause", "machine_3@2s..6s", "--crash",
            "machine_5@3s..5s", "--net-delay", "exp:20ms", "--no-analyze", "--plain", "--output-dir", "out");

    @TempDir
    Path dir;

    @Test
    void anotherJavaReleaseWritesTheSameRunByteForByte() throws Exception {
        Optional<Path> other = otherJavaRelease();
        assumeTrue(other.isPresent(), "no Java release other than " + Runtime.version().feature() + " in /usr/lib/jvm");
        System.out.println("SimulateAcrossJdksIT: Java " + Runtime.version().feature() + " against " + other.get());
        Path here = runWith(Path.of(System.getProperty("java.home"), "bin", "java"), dir.resolve("here"));
        Path there = runWith(other.get(), dir.resolve("there"));

        List<String> names = files(here);
        assertEquals(names, files(there), "the same files");
        assertTrue(names.contains("machine_1.log") && names.contains("summary.json")
                && names.stream().anyMatch(n -> n.startsWith("previous/machine_5-")), names.toString());
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(here.resolve(name)), Files.readAllBytes(there.resolve(name)),
                    name + " differs between Java " + Runtime.version().feature() + " and " + other.get());
        }
    }

    /** A java binary under /usr/lib/jvm whose feature release differs from this JVM's, if any. */
    private static Optional<Path> otherJavaRelease() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        String ours = String.valueOf(Runtime.version().feature());
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> !Files.isSymbolicLink(h))
                    .map(h -> h.resolve("bin/java"))
                    .filter(Files::isExecutable)
                    .filter(java -> release(java).map(r -> !r.equals(ours)).orElse(false))
                    .sorted()
                    .findFirst();
        }
    }

    /** The feature release a java binary reports ("25" for openjdk version "25.0.3"). */
    private static Optional<String> release(Path java) {
        try {
            Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            int quote = out.indexOf('"');
            if (quote < 0) {
                return Optional.empty();
            }
            String version = out.substring(quote + 1, out.indexOf('"', quote + 1));
            return Optional.of(version.startsWith("1.") ? version.split("\\.")[1] : version.split("[.\\-+]")[0]);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Runs the simulation with {@code java} in {@code work}; its run directory. */
    private static Path runWith(Path java, Path work) throws Exception {
        Files.createDirectories(work);
        Ports.writeConfig(work.resolve("config.json"), 3, "");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", VmProcess.jar().toString()));
        command.addAll(RUN);
        Process p = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile()).start();
        await().atMost(Duration.ofSeconds(120)).until(() -> !p.isAlive());
        assertEquals(0, p.exitValue(), java + ": " + Files.readString(work.resolve("err.txt")));
        try (Stream<Path> batches = Files.list(work.resolve("out"))) {
            return batches.findFirst().orElseThrow().resolve("run-1");
        }
    }

    /** Every file of the run, as paths relative to it (a restarted machine's earlier life is in previous/). */
    private static List<String> files(Path run) throws IOException {
        try (Stream<Path> s = Files.walk(run)) {
            return s.filter(Files::isRegularFile).map(f -> run.relativize(f).toString()).sorted().toList();
        }
    }
}
