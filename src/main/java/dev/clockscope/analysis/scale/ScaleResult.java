package dev.clockscope.analysis.scale;

import dev.clockscope.analysis.Distribution;
import dev.clockscope.analysis.SpaceTimeWindow;
import java.util.List;
import java.util.Map;

/**
 * The statistics of a run of any size, aggregated over machines instead of a row per machine: how each
 * per-machine figure is spread, the machines that stand out, distributions of all jumps and waits, the
 * spread of Lamport clocks over time, and the checks that cost O(1) per event.
 *
 * @param eventsByKind       tick events and lifecycle lines by their JSON name
 * @param perMachine         figure name -> its spread over the machines (see {@link ScaleStats} for the names)
 * @param extremes           figure name -> the ten machines with the most extreme values
 * @param jumps              every Lamport increase of a tick event; {@code receiveJumps} those of receives;
 *                           {@code jumpCounts[v]} how many jumps were of size v (v up to {@value ScaleStats#JUMP_COUNTS} - 1)
 * @param queueWaitMicros    receive time − arrival in the queue, per received message
 * @param driftSeconds       sample times (s since the first tick); {@code driftSpread} max − min Lamport over the
 *                           ticking machines then; {@code driftMeanLag} mean of (max − own)
 * @param checks             check name -> violations; {@code firstViolations} check name -> the first one, or absent
 * @param watched            the space-time window of the watched machines ({@code watchedIds}, in that order)
 * @param hlcLogical         the HLC's logical counter c after every tick event (count 0: no machine keeps an HLC)
 * @param hlcAheadMicros     l − pt after every tick event: how far the HLC runs ahead of the machine's own clock
 * @param messagesSent       one per receiver of every send, refused ones included: what {@code vm analyze} counts
 * @param messagesUnprocessed messages that reached a machine and no tick took (its {@code unprocessed} lines)
 */
public record ScaleResult(int machines, long tickEvents, Map<String, Long> eventsByKind, double tickingSeconds,
                          Map<String, Spread> perMachine, Map<String, List<Extreme>> extremes, Distribution jumps,
                          long[] jumpCounts, Distribution receiveJumps, Distribution queueWaitMicros, double[] driftSeconds,
                          long[] driftSpread, double[] driftMeanLag, Map<String, Long> checks,
                          Map<String, String> firstViolations, List<String> watchedIds, SpaceTimeWindow watched,
                          Distribution hlcLogical, Distribution hlcAheadMicros, long messagesSent,
                          long messagesUnprocessed) {
    public boolean passed() {
        return checks.values().stream().allMatch(v -> v == 0);
    }

    public long driftMax() {
        long max = 0;
        for (long s : driftSpread) {
            max = Math.max(max, s);
        }
        return max;
    }
}
