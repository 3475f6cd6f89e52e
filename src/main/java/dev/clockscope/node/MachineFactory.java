package dev.clockscope.node;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import dev.clockscope.random.RandomSource;
import dev.clockscope.random.SeededRandom;
import dev.clockscope.time.ClockSkew;
import dev.clockscope.time.TimeSource;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * Composes the machines of one run, the same way for the real runtime and the simulator: a machine's
 * dice are seeded from the run's seed and its index, its rate is the first draw of those dice (always drawn,
 * so a fixed rate leaves the dice sequence unchanged), its neighbours come from the topology, and its first
 * log line is the start line. A restarted machine is composed again with a new incarnation: same rate,
 * same dice sequence. Its machines share one {@link RingPool} for their queues, so they are driven from one thread
 * (as both drivers do: the simulation's thread, or the one machine of a real runtime).
 */
public final class MachineFactory {
    /** {@code fixedRate} gives this for a machine whose rate is drawn from the range. */
    public static final int DRAW = -1;

    private final MachineIds ids;
    private final IntFunction<int[]> neighbours;
    private final ActionPolicy policy;
    private final VectorMode vectors;
    private final long seed;
    private final int minRate;
    private final int maxRate;
    private final IntUnaryOperator fixedRate;
    private final String version;
    private final IntFunction<RandomSource> dice;
    private final ClockPlan clocks;
    /** The rings of its machines' queues: its machines are driven from one thread, as one run's are. */
    private final RingPool rings = MessageQueue.newRingPool();

    /**
     * @param neighbours machine index -> its neighbours' indices
     * @param minRate    ticks per second drawn uniformly from [minRate, maxRate]; 0..0 = unthrottled
     * @param fixedRate  machine index -> its fixed rate, or {@link #DRAW}
     * @param version    the software version written in start lines
     */
    public MachineFactory(MachineIds ids, IntFunction<int[]> neighbours, ActionPolicy policy, VectorMode vectors,
                          long seed, int minRate, int maxRate, IntUnaryOperator fixedRate, String version) {
        if (minRate < 0 || maxRate < minRate) {
            throw new IllegalArgumentException("bad rate range " + minRate + ".." + maxRate);
        }
        this.ids = ids;
        this.neighbours = neighbours;
        this.policy = policy;
        this.vectors = vectors;
        this.seed = seed;
        this.minRate = minRate;
        this.maxRate = maxRate;
        this.fixedRate = fixedRate;
        this.version = version;
        this.dice = index -> new SeededRandom(SeededRandom.machineSeed(seed, index));
        this.clocks = ClockPlan.NONE;
    }

    private MachineFactory(MachineFactory f, IntFunction<RandomSource> dice, ClockPlan clocks) {
        this.ids = f.ids;
        this.neighbours = f.neighbours;
        this.policy = f.policy;
        this.vectors = f.vectors;
        this.seed = f.seed;
        this.minRate = f.minRate;
        this.maxRate = f.maxRate;
        this.fixedRate = f.fixedRate;
        this.version = f.version;
        this.dice = dice;
        this.clocks = clocks;
    }

    /**
     * The same factory with other dice: machine index -> its random source (whose first draw is the rate).
     * For known-answer tests with scripted dice; runs use the seeded dice.
     */
    public MachineFactory withDice(IntFunction<RandomSource> scripted) {
        return new MachineFactory(this, scripted, clocks);
    }

    /**
     * The same factory with other clocks: physical clocks skewed per machine, and hybrid logical clocks (a
     * factory keeps neither until told: {@link ClockPlan#NONE}).
     */
    public MachineFactory withClocks(ClockPlan plan) {
        return new MachineFactory(this, dice, plan);
    }

    /** Every machine talks to every other one, in config order: the assignment's cluster. */
    public static IntFunction<int[]> complete(int n) {
        return self -> {
            int[] others = new int[n - 1];
            for (int i = 0, k = 0; i < n; i++) {
                if (i != self) {
                    others[k++] = i;
                }
            }
            return others;
        };
    }

    /**
     * Machine {@code index}, life {@code incarnation} (its start time in µs); logs its start line.
     * Its rate is {@link Machine#ticksPerSecond()}.
     */
    public Machine compose(int index, long incarnation, Transport transport, EventLog log, TimeSource time) {
        return compose(index, incarnation, transport, log, time, -1, -1);
    }

    /**
     * A life that resumes an earlier one's clocks: its Lamport clock starts at {@code resumeLamport} and its own
     * vector entry at {@code resumeOwnEntry} (what the earlier life reached); the start line says so
     * ({@code resumedFrom}). -1, -1: a fresh start.
     */
    public Machine compose(int index, long incarnation, Transport transport, EventLog log, TimeSource time,
                           long resumeLamport, long resumeOwnEntry) {
        RandomSource random = dice.apply(index);
        int rate = drawRate(index, random);
        ClockSkew skew = clocks.skews().apply(index);
        long maxOffset = clocks.hlc() ? clocks.hlcMaxOffsetMicros() : 0;
        // every life's clock is set at its start, with the machine's offset, and drifts from there
        Machine machine = new Machine(index, ids, neighbours.apply(index), policy, vectors, rate, incarnation,
                transport, random, log, time, skew.clockFrom(incarnation), maxOffset, rings);
        // the start line is stamped with the life's start (its incarnation), as it always was
        log.append(new Event.Start(Event.FORMAT, ids.id(index), ids.asList(), machine.peerIds(), rate,
                policy.dieSides(), seed, incarnation, incarnation, version, resumeLamport, resumeOwnEntry,
                skew.offsetMicros(), skew.driftPpb(), maxOffset));
        if (resumeLamport >= 0) {
            machine.raiseClocks(resumeLamport, resumeOwnEntry);
        }
        return machine;
    }

    /** Machine {@code index}'s rate (0 = unthrottled), known before it is composed: the same draw compose makes. */
    public int rate(int index) {
        return drawRate(index, dice.apply(index));
    }

    private int drawRate(int index, RandomSource dice) {
        int drawn = minRate + dice.nextInt(maxRate - minRate + 1);
        int fixed = fixedRate.applyAsInt(index);
        return fixed == DRAW ? drawn : fixed;
    }

    /**
     * The seed of machine {@code index}'s injected network faults (loss draws, delays): a stream of its own,
     * so faults never change the dice of a seeded run.
     */
    public long faultSeed(int index) {
        return SeededRandom.machineSeed(seed, index) ^ 0x6E6574L;
    }

    public MachineIds ids() {
        return ids;
    }

    public long seed() {
        return seed;
    }

    public VectorMode vectors() {
        return vectors;
    }

    public ActionPolicy policy() {
        return policy;
    }

    public ClockPlan clocks() {
        return clocks;
    }
}
