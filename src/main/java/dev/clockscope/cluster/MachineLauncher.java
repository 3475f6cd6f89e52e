package dev.clockscope.cluster;

import dev.clockscope.config.LinkSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one machine as its own JVM with the runner's own classpath (so it is the same vm.jar). The
 * child's stdin is a pipe from the runner that is never written: if the runner dies, even by kill -9,
 * the pipe closes and the machine stops itself (--exit-on-stdin-eof), so no JVM is orphaned. When the
 * classpath is one jar, the machines share a {@link ClassDataArchive}, recorded by the first run that
 * needs one.
 */
public final class MachineLauncher {
    /**
     * Small heap, serial GC: ~3x less resident memory per machine at no throughput cost (ARCHITECTURE.md).
     * C1 only (no C2): half the CPU seconds of a machine's first 10 s, 30 % less resident memory, fewer late
     * ticks while six JVMs start on two cores, and the same unthrottled throughput (notebook, 2026-11-22).
     */
    public static final List<String> JVM_FLAGS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final String MAIN_CLASS = "dev.clockscope.cli.Main";
    /**
     * Extra JVM options for the machines, e.g. a coverage or profiling agent: the value of this system
     * property of the runner, as one argument (the tests' coverage run sets it; see pom.xml).
     */
    public static final String EXTRA_JVM_ARGS_PROPERTY = "clockscope.childJvmArgs";

    private final String javaBin;
    private final String classpath;
    private final ClassDataArchive archive;
    /** The machine recording the archive in this run, and the file it records into; null when none. */
    private Process recorder;
    private Path recording;

    public MachineLauncher(String javaHome, String classpath) {
        this(javaHome, classpath, ClassDataArchive.forClasspath(classpath).orElse(null));
    }

    MachineLauncher(String javaHome, String classpath, ClassDataArchive archive) {
        this.javaBin = Path.of(javaHome, "bin", "java").toString();
        this.classpath = classpath;
        this.archive = archive;
    }

    public static MachineLauncher ofThisJvm() {
        return new MachineLauncher(System.getProperty("java.home"), System.getProperty("java.class.path"));
    }

    /** Map the archive if it is up to date; record it into {@code newRecording} if given; else nothing. */
    List<String> archiveFlags(Path newRecording) {
        if (archive == null) {
            return List.of();
        }
        if (newRecording != null) {
            return archive.recordFlags(newRecording);
        }
        return archive.upToDate() ? archive.useFlags() : List.of();
    }

    /** The command for one machine; {@code archiveFlags} map or record the class-data archive (may be empty). */
    List<String> command(String machineId, Path config, Path outputDir, List<String> archiveFlags) {
        return command(machineId, config, outputDir, archiveFlags, List.of());
    }

    /** As above, with {@code extraArgs} for the machine (e.g. a shorter --duration for a restart). */
    List<String> command(String machineId, Path config, Path outputDir, List<String> archiveFlags,
                         List<String> extraArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin);
        cmd.addAll(JVM_FLAGS);
        String extra = System.getProperty(EXTRA_JVM_ARGS_PROPERTY, "").trim();
        // a JVM that records the class-data archive refuses to start with a Java agent: that one runs without
        if (!extra.isEmpty() && archiveFlags.stream().noneMatch(f -> f.startsWith(ClassDataArchive.RECORD_FLAG))) {
            cmd.add(extra);
        }
        cmd.addAll(archiveFlags);
        cmd.addAll(List.of("-cp", classpath, MAIN_CLASS, "--machine-id", machineId, "--config", config.toString(),
                "--output-dir", outputDir.toString(), "--exit-on-stdin-eof"));
        cmd.addAll(extraArgs);
        return cmd;
    }

    /** Starts the machine; its console goes to {@code <outputDir>/<id>.console.txt}; {@code secret} may be null. */
    public Process start(String machineId, Path config, Path outputDir, String secret) throws IOException {
        return start(machineId, config, outputDir, secret, List.of());
    }

    /** As above, with {@code extraArgs} for the machine; a restart's console output is appended to the first's. */
    public Process start(String machineId, Path config, Path outputDir, String secret, List<String> extraArgs)
            throws IOException {
        Path console = outputDir.resolve(machineId + ".console.txt");
        Path newRecording = recording == null && archive != null && !archive.upToDate() ? archive.newRecording() : null;
        ProcessBuilder builder = new ProcessBuilder(command(machineId, config, outputDir, archiveFlags(newRecording), extraArgs));
        if (secret != null) {
            // through the environment, so the secret is never written into the run directory
            builder.environment().put(LinkSettings.SECRET_ENV, secret);
        }
        Process p = builder
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .redirectErrorStream(true)
                .start();
        if (newRecording != null) {
            recorder = p;
            recording = newRecording;
        }
        return p;
    }

    /** The class-data archive the machines use, or null when the classpath is not one jar. */
    public Path archiveFile() {
        return archive == null ? null : archive.file();
    }

    /**
     * Call when a run's machines have exited: a recording made by a machine that exited cleanly becomes the
     * archive the next runs use; any other is dropped (the next run records again). True if adopted.
     */
    public boolean runFinished() throws InterruptedException {
        if (recorder == null) {
            return false;
        }
        boolean clean = recorder.waitFor() == 0;
        Path file = recording;
        recorder = null;
        recording = null;
        if (clean) {
            return archive.adopt(file);
        }
        archive.discard(file);
        return false;
    }
}
