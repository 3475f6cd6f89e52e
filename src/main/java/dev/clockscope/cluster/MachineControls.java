package dev.clockscope.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The machines of the run in progress, and what a live view may do to them. Pause and resume are a real
 * process pause (SIGSTOP / SIGCONT: the machine logs a {@code stall} when it runs again); kill is SIGKILL
 * (its peers log {@code peer_down}); restart starts the machine again for what is left of the run (its old
 * log moves to previous/, as for any restart). Every method is safe from any thread and answers with one
 * line or throws {@link ControlRefused} with why nothing changed.
 */
public final class MachineControls {
    /** A control that could not be applied; nothing changed. */
    public static final class ControlRefused extends Exception {
        public ControlRefused(String message) {
            super(message);
        }
    }

    private final MachineLauncher launcher;
    private final Path configFile;
    private final Path dir;
    private final String secret;
    private final long startNanos;
    /** 0: the run lasts until stopped. */
    private final long durationMillis;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Set<String> paused = new HashSet<>();
    private final Set<String> killed = new HashSet<>();
    /** Per paused machine, its guard: a process that lets it run again if this runner dies ({@link #guard}). */
    private final Map<String, Process> guards = new HashMap<>();

    MachineControls(MachineLauncher launcher, Path configFile, Path dir, String secret, long durationMillis) {
        this.launcher = launcher;
        this.configFile = configFile;
        this.dir = dir;
        this.secret = secret;
        this.durationMillis = durationMillis;
        this.startNanos = System.nanoTime();
    }

    synchronized void started(String id, Process p) {
        processes.put(id, p);
    }

    synchronized Map<String, Process> processes() {
        return new LinkedHashMap<>(processes);
    }

    /** Machines killed by a control and not restarted: their exit code is no failure of the run. */
    synchronized Set<String> killed() {
        return Set.copyOf(killed);
    }

    public Path dir() {
        return dir;
    }

    public synchronized List<String> machines() {
        return List.copyOf(processes.keySet());
    }

    public synchronized String pause(String id) throws ControlRefused {
        Process p = alive(id);
        if (paused.contains(id)) {
            throw new ControlRefused(id + " is already paused");
        }
        Process guard = guard(p, id);
        try {
            signal(p, "STOP", id);
        } catch (ControlRefused e) {
            guard.destroyForcibly();
            throw e;
        }
        guards.put(id, guard);
        paused.add(id);
        return "paused " + id + " (SIGSTOP, pid " + p.pid() + ")";
    }

    public synchronized String resume(String id) throws ControlRefused {
        Process p = alive(id);
        if (!paused.contains(id)) {
            throw new ControlRefused(id + " is not paused");
        }
        signal(p, "CONT", id);
        paused.remove(id);
        unguard(id);
        return "resumed " + id + " (SIGCONT)";
    }

    public synchronized String kill(String id) throws ControlRefused {
        Process p = alive(id);
        killed.add(id);
        paused.remove(id);
        unguard(id);
        p.toHandle().destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "killed " + id + " (SIGKILL, pid " + p.pid() + ")";
    }

    public synchronized String restart(String id) throws ControlRefused {
        Process old = processes.get(id);
        if (old == null) {
            throw new ControlRefused("machine: \"" + id + "\" is not running in this run");
        }
        if (old.isAlive()) {
            throw new ControlRefused(id + " is still running (kill it first)");
        }
        long leftMillis = durationMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (durationMillis > 0 && leftMillis < 1_000) {
            throw new ControlRefused("the run ends in less than a second: " + id + " not restarted");
        }
        List<String> extra = durationMillis > 0 ? List.of("--duration", leftMillis + "ms") : List.of();
        try {
            Process p = launcher.start(id, configFile, dir, secret, extra);
            processes.put(id, p);
            killed.remove(id);
            return "restarted " + id + " (pid " + p.pid() + (durationMillis > 0 ? ", for the run's last "
                    + leftMillis / 1000 + " s" : "") + ")";
        } catch (IOException e) {
            throw new ControlRefused("cannot restart " + id + ": " + e.getMessage());
        }
    }

    /**
     * Writes one control line to the machine's standard input (the pipe the runner holds), which the machine
     * applies to its outgoing link ({@code faults.LinkControl}; a line it cannot apply it refuses on its console).
     */
    public synchronized String sendLine(String id, String line) throws ControlRefused {
        Process p = alive(id);
        try {
            OutputStream in = p.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new ControlRefused("cannot write to " + id + "'s control pipe: " + e.getMessage());
        }
        return "sent to " + id + ": " + line;
    }

    /** Lets paused machines run again, so that they can take a SIGTERM and stop cleanly. */
    synchronized void resumeAll() {
        for (String id : List.copyOf(paused)) {
            Process p = processes.get(id);
            if (p != null && p.isAlive()) {
                try {
                    signal(p, "CONT", id);
                } catch (ControlRefused e) {
                    // it will be killed after the stop grace period instead
                }
            }
        }
        paused.clear();
        for (String id : List.copyOf(guards.keySet())) {
            unguard(id);
        }
    }

    /**
     * A stopped machine cannot see its runner die (its stdin closing is what stops it), so each pause starts a guard:
     * a shell that reads a pipe from this runner and, at its end of file (the runner gone, even by SIGKILL), sends
     * the machine SIGCONT; the machine then sees its own stdin closed and stops cleanly. Ended on resume or kill.
     */
    private static Process guard(Process p, String id) throws ControlRefused {
        try {
            return new ProcessBuilder("sh", "-c", "read _; exec kill -CONT " + p.pid())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new ControlRefused("cannot pause " + id + ": no guard to resume it if the runner dies: " + e.getMessage());
        }
    }

    private void unguard(String id) {
        Process g = guards.remove(id);
        if (g != null) {
            try {
                g.destroyForcibly().waitFor(1, TimeUnit.SECONDS); // SIGKILL: the shell ends without its kill -CONT
                g.getOutputStream().close(); // then our end of its pipe, which would otherwise wait for the GC
            } catch (IOException e) {
                // nothing left to close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Process alive(String id) throws ControlRefused {
        Process p = processes.get(id);
        if (p == null) {
            throw new ControlRefused("machine: \"" + id + "\" is not running in this run");
        }
        if (!p.isAlive()) {
            throw new ControlRefused(id + " is not running (killed or exited)");
        }
        return p;
    }

    /** Java cannot send SIGSTOP/SIGCONT itself: the system's kill(1) does. */
    private static void signal(Process p, String signal, String id) throws ControlRefused {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new ControlRefused("kill -" + signal + " " + id + " failed: " + output);
            }
        } catch (IOException e) {
            throw new ControlRefused("kill -" + signal + " " + id + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlRefused("interrupted while signalling " + id);
        }
    }
}
