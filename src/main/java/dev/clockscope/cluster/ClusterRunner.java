package dev.clockscope.cluster;

import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.ConfigWriter;
import dev.clockscope.config.MachineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ClusterPlan}: for each run, a directory {@code <batch>/run-<i>/} with the run's exact
 * config.json, one child JVM per machine logging there, a progress display while it runs, and a clean
 * stop at the end. {@link #abort()} (Ctrl-C) stops every child and keeps what they logged.
 */
public final class ClusterRunner {
    /** Time allowed for machines to start and connect before their duration starts counting. */
    static final Duration START_GRACE = Duration.ofSeconds(30);
    /** Time a machine gets to stop after SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 250;

    /**
     * {@code killed}: machines a live view killed and did not restart; their exit code is no failure.
     * {@code lostTails}: machines that exited 0 although their log does not end with their stop line (lines lost).
     */
    public record RunResult(Path dir, Map<String, Integer> exitCodes, Set<String> killed, Set<String> lostTails) {
        public boolean clean() {
            return lostTails.isEmpty() && !exitedWithError();
        }

        /** Whether a machine the runner did not kill exited with a code other than 0. */
        public boolean exitedWithError() {
            return exitCodes.entrySet().stream().anyMatch(e -> e.getValue() != 0 && !killed.contains(e.getKey()));
        }
    }

    /** Told when each run starts, e.g. by the live view to follow its directory. */
    public interface RunListener {
        void runStarted(int runIndex, Path dir, ClusterConfig config, MachineControls controls);
    }

    private final ClusterPlan plan;
    private final Path batchDir;
    private final MachineLauncher launcher;
    private final Progress progress;
    private final List<Process> running = new ArrayList<>();
    private volatile boolean aborted;
    private volatile RunListener listener;

    public ClusterRunner(ClusterPlan plan, Path batchDir, MachineLauncher launcher, Progress progress) {
        this.plan = plan;
        this.batchDir = batchDir;
        this.launcher = launcher;
        this.progress = progress;
    }

    public void listener(RunListener listener) {
        this.listener = listener;
    }

    public boolean aborted() {
        return aborted;
    }

    /** Stops every running child (SIGTERM, then SIGKILL after the grace period). Safe from any thread. */
    public void abort() {
        aborted = true;
        List<Process> children;
        synchronized (running) {
            children = List.copyOf(running);
        }
        stopAll(children);
    }

    /** Runs every run of the plan in turn; stops early if aborted. */
    public List<RunResult> runAll() throws IOException, InterruptedException {
        Files.createDirectories(batchDir);
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < plan.runs() && !aborted; i++) {
            results.add(runOne(i));
        }
        return results;
    }

    private RunResult runOne(int i) throws IOException, InterruptedException {
        ClusterConfig config = plan.configForRun(i);
        Path dir = batchDir.resolve("run-" + (i + 1));
        Files.createDirectories(dir);
        Path configFile = dir.resolve("config.json");
        ConfigWriter.write(config, configFile);
        progress.note(String.format("run %d/%d: %d machines, %s ticks/s, die %d, %s, seed %d -> %s", i + 1,
                plan.runs(), config.machines().size(), rates(config), config.die(),
                dev.clockscope.config.DurationText.format(config.duration()), config.seed().getAsLong(), dir));

        MachineControls controls = new MachineControls(launcher, configFile, dir, config.link().secret(),
                config.duration().toMillis());
        for (MachineSpec m : config.machines()) {
            Process p = launcher.start(m.id(), configFile, dir, config.link().secret());
            controls.started(m.id(), p);
            synchronized (running) {
                running.add(p);
            }
        }
        RunListener l = listener;
        if (l != null) {
            l.runStarted(i, dir, config, controls);
        }
        long startNanos = System.nanoTime();
        long durationMillis = config.duration().toMillis();
        long deadlineNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(durationMillis + START_GRACE.toMillis());
        Map<String, Process> children = controls.processes();
        while (children.values().stream().anyMatch(Process::isAlive) && !aborted) {
            trackRestarts(children);
            String failed = failedMachine(children, controls.killed());
            if (failed != null) {
                progress.note("run " + (i + 1) + ": " + failed + " exited with an error; stopping the others (see "
                        + dir.resolve(failed + ".console.txt") + ")");
                controls.resumeAll();
                stopAll(children.values());
                break;
            }
            if (System.nanoTime() > deadlineNanos) {
                progress.note("run " + (i + 1) + ": machines still running " + START_GRACE.toSeconds()
                        + " s after their duration; stopping them");
                controls.resumeAll();
                stopAll(children.values());
                break;
            }
            progress.update(statusLine(i, startNanos, durationMillis, config, dir, children));
            Thread.sleep(POLL_MILLIS); // a display refresh interval, not a wait for a condition
            children = controls.processes();
        }
        if (aborted) {
            controls.resumeAll();
            stopAll(controls.processes().values());
        }
        children = controls.processes();
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (Map.Entry<String, Process> e : children.entrySet()) {
            e.getValue().waitFor();
            codes.put(e.getKey(), e.getValue().exitValue());
        }
        synchronized (running) {
            running.removeAll(children.values());
        }
        if (launcher.runFinished()) {
            progress.note("recorded the class-data archive " + launcher.archiveFile()
                    + " (later runs start faster)");
        }
        Set<String> lostTails = lostTails(dir, codes);
        for (String id : lostTails) {
            progress.note("run " + (i + 1) + ": " + id + " exited 0, but its log does not end with its stop line: its"
                    + " last lines were lost (see " + dir.resolve(id + ".console.txt") + ")");
        }
        RunResult result = new RunResult(dir, codes, controls.killed(), lostTails);
        progress.note("run " + (i + 1) + "/" + plan.runs() + (aborted ? " aborted" : " done") + ": exit codes "
                + codes + (result.clean() ? "" : "  (see " + dir + "/<machine>.console.txt)"));
        return result;
    }

    /**
     * The machines of a run in {@code dir} that exited 0 but whose log does not end with a stop line. A machine that
     * exits 0 has written its stop line last and closed its log whole, so any other ending is a bug that lost lines,
     * which the analysis alone would take for a crash.
     */
    static Set<String> lostTails(Path dir, Map<String, Integer> exitCodes) {
        Set<String> lost = new TreeSet<>();
        for (Map.Entry<String, Integer> e : exitCodes.entrySet()) {
            if (e.getValue() == 0 && !LogTail.endsWithStop(dir.resolve(e.getKey() + ".log"))) {
                lost.add(e.getKey());
            }
        }
        return lost;
    }

    /** Processes a live view started (restarts) must be stopped by an abort too. */
    private void trackRestarts(Map<String, Process> children) {
        synchronized (running) {
            for (Process p : children.values()) {
                if (!running.contains(p)) {
                    running.add(p);
                }
            }
        }
    }

    /** A machine that has exited with a non-zero code (not one a live view killed), or null. */
    private static String failedMachine(Map<String, Process> children, java.util.Set<String> killed) {
        for (Map.Entry<String, Process> e : children.entrySet()) {
            if (!e.getValue().isAlive() && e.getValue().exitValue() != 0 && !killed.contains(e.getKey())) {
                return e.getKey();
            }
        }
        return null;
    }

    private String statusLine(int i, long startNanos, long durationMillis, ClusterConfig config, Path dir,
                              Map<String, Process> children) {
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        long runLeft = Math.max(0, durationMillis - elapsedMillis);
        long allLeft = runLeft + (plan.runs() - i - 1) * (durationMillis + 2_000);
        StringBuilder line = new StringBuilder(String.format("run %d/%d  %s left (all: %s)", i + 1, plan.runs(),
                mmss(runLeft), mmss(allLeft)));
        for (MachineSpec m : config.machines()) {
            LogTail.Status s = LogTail.read(dir.resolve(m.id() + ".log"));
            boolean alive = children.get(m.id()).isAlive();
            line.append("  |  ").append(m.id()).append(' ');
            if (s == null) {
                line.append(alive ? "starting" : "exited");
            } else {
                line.append("tick ").append(s.tick()).append(" L ").append(s.lamport()).append(" q ").append(s.queue());
            }
        }
        return line.toString();
    }

    /** "1..6", or the per-machine rates "1,3,3" where machines have fixed rates. */
    private static String rates(ClusterConfig config) {
        if (config.machines().stream().noneMatch(m -> m.ticksPerSecond().isPresent())) {
            return config.ticksPerSecond().toString();
        }
        return config.machines().stream()
                .map(m -> m.ticksPerSecond().isPresent() ? String.valueOf(m.ticksPerSecond().getAsInt())
                        : config.ticksPerSecond().toString())
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static String mmss(long millis) {
        long s = (millis + 999) / 1000;
        return String.format("%d:%02d", s / 60, s % 60);
    }

    private static void stopAll(Iterable<Process> processes) {
        for (Process p : processes) {
            // the handle only signals; Process.destroy() would also close the child's stdin, which the
            // child reads as "parent gone" and which would race with the SIGTERM
            p.toHandle().destroy();
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Process p : processes) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
