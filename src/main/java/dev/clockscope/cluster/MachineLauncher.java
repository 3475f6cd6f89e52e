package dev.clockscope.cluster;

import dev.clockscope.config.LinkSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one machine as its own JVM with the runner's own classpath (so it is the same vm.jar). The
 * child's stdin is a pipe from the runner that is never written: if the runner dies, even by kill -9,
 * the pipe closes and the machine stops itself (--exit-on-stdin-eof), so no JVM is orphaned.
 */
public final class MachineLauncher {
    /** Small heap, serial GC: ~3x less resident memory per machine at no throughput cost (ARCHITECTURE.md). */
    public static final List<String> JVM_FLAGS = List.of("-Xmx64m", "-XX:+UseSerialGC");
    private static final String MAIN_CLASS = "dev.clockscope.cli.Main";

    private final String javaBin;
    private final String classpath;

    public MachineLauncher(String javaHome, String classpath) {
        this.javaBin = Path.of(javaHome, "bin", "java").toString();
        this.classpath = classpath;
    }

    public static MachineLauncher ofThisJvm() {
        return new MachineLauncher(System.getProperty("java.home"), System.getProperty("java.class.path"));
    }

    public List<String> command(String machineId, Path config, Path outputDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin);
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-cp", classpath, MAIN_CLASS, "--machine-id", machineId, "--config", config.toString(),
                "--output-dir", outputDir.toString(), "--exit-on-stdin-eof"));
        return cmd;
    }

    /** Starts the machine; its console goes to {@code <outputDir>/<id>.console.txt}; {@code secret} may be null. */
    public Process start(String machineId, Path config, Path outputDir, String secret) throws IOException {
        Path console = outputDir.resolve(machineId + ".console.txt");
        ProcessBuilder builder = new ProcessBuilder(command(machineId, config, outputDir));
        if (secret != null) {
            // through the environment, so the secret is never written into the run directory
            builder.environment().put(LinkSettings.SECRET_ENV, secret);
        }
        return builder
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(console.toFile())
                .redirectErrorStream(true)
                .start();
    }
}
