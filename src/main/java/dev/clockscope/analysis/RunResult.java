package dev.clockscope.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * The analysis of one run directory. Times in the series are seconds since {@code startMicros}. {@code checks}
 * holds the HLC checks only when the run keeps hybrid logical clocks.
 */
public record RunResult(
        String name,
        Path dir,
        List<String> machineIds,
        int die,
        long startMicros,
        long firstTickMicros,
        long endMicros,
        long lines,
        List<MachineResult> machines,
        MessageResult messages,
        DriftResult drift,
        ConcurrencyResult concurrency,
        List<CheckResult> checks,
        List<String> warnings,
        SpaceTimeWindow window,
        CriticalPath criticalPath,
        List<MachineLife> lives,
        ClockResult clocks) {

    public boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }

    /** The same result under another display name (runs in same-named directories: see RunNames). */
    public RunResult named(String newName) {
        return new RunResult(newName, dir, machineIds, die, startMicros, firstTickMicros, endMicros, lines, machines,
                messages, drift, concurrency, checks, warnings, window, criticalPath, lives, clocks);
    }

    public double durationSeconds() {
        return (endMicros - startMicros) / 1e6;
    }
}
