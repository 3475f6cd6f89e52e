package dev.clockscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real {@code java -jar vm.jar ...} process, as the README runs it, with its output in files. */
public final class VmProcess implements AutoCloseable {
    public final Process process;
    public final Path stdout;
    public final Path stderr;

    private VmProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static Path jar() {
        String jar = System.getProperty("clockscope.jar", "vm.jar");
        Path path = Path.of(jar).toAbsolutePath();
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: run mvn verify (the package phase builds it)");
        }
        return path;
    }

    /** Starts the jar in {@code workDir}; output goes to {@code name}.out / .err there. */
    public static VmProcess start(Path workDir, String name, String... args) throws IOException {
        return start(jar(), workDir, name, args);
    }

    /**
     * {@code java <flags> -jar <jar>} as the README runs it. With coverage on ({@code generate_coverage.sh}),
     * the JaCoCo agent that Failsafe hands the tests in {@code clockscope.childJvmArgs} goes on the command
     * line too, and is passed on, so that `vm cluster` gives it to the machines it starts.
     */
    public static List<String> javaJar(Path jar, String... jvmFlags) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmFlags));
        String agent = System.getProperty(CHILD_JVM_ARGS, "").trim();
        if (!agent.isEmpty()) {
            command.add(agent);
            command.add("-D" + CHILD_JVM_ARGS + "=" + agent);
        }
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /** The system property that carries the coverage agent (see pom.xml, profile "coverage"). */
    public static final String CHILD_JVM_ARGS = dev.clockscope.cluster.MachineLauncher.EXTRA_JVM_ARGS_PROPERTY;

    /** Starts {@code jar} (e.g. a copy of vm.jar) in {@code workDir}; output as above. */
    public static VmProcess start(Path jar, Path workDir, String name, String... args) throws IOException {
        return startWith(jar, workDir, name, List.of(), args);
    }

    /** As {@link #start(Path, Path, String, String...)}, with extra JVM flags (e.g. a system property). */
    public static VmProcess startWith(Path jar, Path workDir, String name, List<String> jvmFlags, String... args)
            throws IOException {
        List<String> flags = new ArrayList<>(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        flags.addAll(jvmFlags);
        List<String> command = javaJar(jar, flags.toArray(String[]::new));
        command.addAll(List.of(args));
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new VmProcess(p, out, err);
    }

    public String out() throws IOException {
        return Files.readString(stdout);
    }

    public String err() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
