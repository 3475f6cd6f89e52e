package dev.clockscope.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the analyzer says about one machine of a run.
 *
 * @param jumpCounts      {@code jumpCounts[v]} = number of clock steps of exactly v (0 ≤ v ≤ max jump, capped at 255)
 * @param jumpsOver255    steps larger than 255
 * @param clockRatePerSecond Lamport units per second between the first and the last tick event
 * @param clockRateVsFastest that rate divided by the fastest machine's
 */
public record MachineResult(
        String machine,
        Path file,
        long incarnation,
        int previousLogs,
        long seed,
        int ticksPerSecondConfigured,
        double ticksPerSecondAchieved,
        long ticks,
        long sends,
        long receives,
        long internals,
        long lifecycleLines,
        long firstLamport,
        long finalLamport,
        double tickingSeconds,
        double clockRatePerSecond,
        double clockRateVsFastest,
        Distribution jumps,
        Distribution receiveJumps,
        long[] jumpCounts,
        long jumpsOver255,
        QueueStats queue,
        long messagesSent,
        long messagesReceived,
        long undelivered,
        long lostTo,
        Distribution delayMicrosTo,
        String stopReason,
        long stalledTicks,
        List<LifecycleEvent> lifecycle,
        TimeSeries.Points lamportSeries,
        TimeSeries.Points queueSeries) {

    public long tickEvents() {
        return sends + receives + internals;
    }
}
