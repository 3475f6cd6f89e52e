package dev.clockscope.analysis.report;

import dev.clockscope.analysis.MachineResult;
import dev.clockscope.analysis.RunResult;
import java.util.stream.Collectors;

/** Per-run aggregates used by the comparison tables (terminal and HTML). */
final class Compare {
    private Compare() {
    }

    /** The configured rates of the run's machines, e.g. "1,4,6". */
    static String rates(RunResult r) {
        return r.machines().stream().map(m -> String.valueOf(m.ticksPerSecondConfigured()))
                .collect(Collectors.joining(","));
    }

    static long events(RunResult r) {
        return r.machines().stream().mapToLong(MachineResult::tickEvents).sum();
    }

    /** Mean clock step over all machines' events. */
    static double meanJump(RunResult r) {
        long n = 0;
        double sum = 0;
        for (MachineResult m : r.machines()) {
            n += m.jumps().count();
            sum += m.jumps().mean() * m.jumps().count();
        }
        return n == 0 ? 0 : sum / n;
    }

    static long maxQueue(RunResult r) {
        return r.machines().stream().mapToLong(m -> m.queue().maxLength()).max().orElse(0);
    }
}
