package dev.clockscope.sim;

import dev.clockscope.config.ClockSettings;
import dev.clockscope.config.NetworkFaults;
import dev.clockscope.node.ClockPlan;
import dev.clockscope.node.ActionPolicy;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.VectorMode;
import java.time.Duration;
import java.util.List;
import dev.clockscope.random.RandomSource;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * Everything one simulated run is made of. One seed drives every random draw (dice and rates through the
 * {@code MachineFactory} exactly as in the real cluster, start phases, link delays, injected faults).
 *
 * @param neighbours   machine index -> its neighbours (the topology; symmetric)
 * @param fixedRate    machine index -> a fixed rate, or {@code MachineFactory.DRAW}
 * @param randomPhase  machines start ticking at a seeded random phase within their first period (else all at 0)
 * @param links        the links' own delay (and silent loss); injected {@code faults} come on top, as in the real cluster
 * @param crashes      kill -9 and restart windows; {@code pauses}: SIGSTOP ... SIGCONT windows
 * @param originMicros the wall time (µs since the epoch) virtual time 0 is logged as: fixed, never the host's clock
 * @param dice         machine index -> its dice, or null for the seeded dice of the real cluster (tests script them)
 * @param clocks       HLC or not, and each machine's physical clock, drawn with the run's seed as the real cluster does
 */
public record SimOptions(MachineIds ids, IntFunction<int[]> neighbours, ActionPolicy policy, VectorMode vectors,
                         long seed, int minRate, int maxRate, IntUnaryOperator fixedRate, Duration duration,
                         boolean randomPhase, LinkModel links, NetworkFaults faults, List<Outage> crashes,
                         List<Outage> pauses, long originMicros, String version, IntFunction<RandomSource> dice,
                         ClockSettings clocks) {
    /** 2026-01-01T00:00:00Z: simulated runs are logged from a fixed epoch so that their bytes depend on the seed only. */
    public static final long DEFAULT_ORIGIN_MICROS = 1_767_225_600_000_000L;

    /** The same run with another seed (run i of a batch uses the batch's seed + i). */
    public SimOptions withSeed(long s) {
        return new SimOptions(ids, neighbours, policy, vectors, s, minRate, maxRate, fixedRate, duration, randomPhase,
                links, faults, crashes, pauses, originMicros, version, dice, clocks);
    }

    /** Lamport and vector clocks only (no HLC), every machine on the host's clock. */
    public SimOptions(MachineIds ids, IntFunction<int[]> neighbours, ActionPolicy policy, VectorMode vectors,
                      long seed, int minRate, int maxRate, IntUnaryOperator fixedRate, Duration duration,
                      boolean randomPhase, LinkModel links, NetworkFaults faults, List<Outage> crashes,
                      List<Outage> pauses, long originMicros, String version, IntFunction<RandomSource> dice) {
        this(ids, neighbours, policy, vectors, seed, minRate, maxRate, fixedRate, duration, randomPhase, links, faults,
                crashes, pauses, originMicros, version, dice, ClockSettings.DEFAULT.withHlc(false));
    }

    public SimOptions withClocks(ClockSettings c) {
        return new SimOptions(ids, neighbours, policy, vectors, seed, minRate, maxRate, fixedRate, duration, randomPhase,
                links, faults, crashes, pauses, originMicros, version, dice, c);
    }

    /** Each machine's physical clock and HLC in this run: skews drawn with this run's seed. */
    public ClockPlan clockPlan() {
        return new ClockPlan(clocks.hlc(), clocks.hlcMaxOffsetMicros(), i -> clocks.skewOf(i, ids.id(i), seed));
    }

    public SimOptions {
        crashes = List.copyOf(crashes);
        pauses = List.copyOf(pauses);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("a simulated run needs a positive duration, got " + duration);
        }
        if (minRate < 1) {
            throw new IllegalArgumentException("a simulated machine needs a rate of at least 1 tick/s: an unthrottled"
                    + " machine has no meaning in virtual time");
        }
    }
}
