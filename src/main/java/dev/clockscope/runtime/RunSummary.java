package dev.clockscope.runtime;

import java.nio.file.Path;

/** How a machine's run ended. {@code failure} is null for a clean stop. */
public record RunSummary(String machineId, String stopReason, String failure, long ticks, int ticksPerSecond,
                         long seed, long lamport, long sends, long receives, long internals, long undelivered,
                         int queue, Path log) {
}
