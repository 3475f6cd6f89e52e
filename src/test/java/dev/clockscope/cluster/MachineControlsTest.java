package dev.clockscope.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A machine the live view paused (SIGSTOP) cannot notice that its runner died: it would stay stopped forever, an
 * orphan. Here the "runner" is a JVM of its own that pauses its "machine" ({@code cat}, which ends when its stdin
 * closes, as a machine does) and then dies as by SIGKILL; the machine must end by itself.
 */
class MachineControlsTest {
    /** The runner: starts the machine, pauses it through MachineControls, prints its pid, halts (no cleanup). */
    public static final class PausingRunner {
        public static void main(String[] args) throws Exception {
            Process machine = new ProcessBuilder("cat").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            MachineControls controls = new MachineControls(null, null, null, null, 0);
            controls.started("machine_1", machine);
            System.out.println(controls.pause("machine_1"));
            System.out.println(machine.pid());
            System.out.flush();
            Runtime.getRuntime().halt(0); // as kill -9: no hook runs, the OS closes every pipe we held
        }
    }

    @Test
    void aPausedMachineDoesNotOutliveAKilledRunner() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process runner = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                PausingRunner.class.getName())).redirectErrorStream(true).start();
        List<String> out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8))) {
            out = r.lines().toList();
        }
        assertTrue(runner.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, out.size(), "the runner paused its machine and printed its pid: " + out);
        assertTrue(out.get(0).startsWith("paused machine_1 (SIGSTOP"), out.toString());
        long pid = Long.parseLong(out.get(1).trim());
        Optional<ProcessHandle> machine = ProcessHandle.of(pid);
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> machine.map(h -> !h.isAlive()).orElse(true));
        } finally {
            machine.ifPresent(ProcessHandle::destroyForcibly); // no orphan left by a failing test either
        }
    }
}
