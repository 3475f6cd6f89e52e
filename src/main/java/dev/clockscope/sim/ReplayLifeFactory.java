package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import dev.clockscope.node.ClockPlan;
import dev.clockscope.node.Die;
import dev.clockscope.node.Machine;
import dev.clockscope.node.MachineFactory;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Transport;
import dev.clockscope.node.VectorMode;
import dev.clockscope.time.ClockSkew;
import dev.clockscope.time.TimeSource;

/**
 * The {@link Machine} a recorded start line makes in a replay, composed by the same {@link MachineFactory} as every
 * other machine: the line's seed, die, rate and version, its clock settings (the same physical readings at the same
 * true times, the same HLC rules) and the clocks it resumed from an earlier life.
 */
final class ReplayLifeFactory {
    private final MachineIds ids;
    private final VectorMode vectors;
    private final int minRate;
    private final int maxRate;
    private final Transport network;
    private final TimeSource time;

    /**
     * @param minRate the rate range the recorded machines drew from (config.json's ticksPerSecond): the draw must
     *                consume the dice as the real one did
     */
    ReplayLifeFactory(MachineIds ids, VectorMode vectors, int minRate, int maxRate, Transport network,
                      TimeSource time) {
        this.ids = ids;
        this.vectors = vectors;
        this.minRate = minRate;
        this.maxRate = maxRate;
        this.network = network;
        this.time = time;
    }

    /**
     * Machine {@code i}'s life of start line {@code s}, logging to {@code log}, after the life {@code before} (null if
     * none). {@code whatIfRestart}: a life the recorded run did not have (a what-if's restart) with its own
     * {@code incarnation}, resuming where {@code before} got to; {@code whatIf}: in a what-if the earlier life may have
     * reached another clock than it did in the recording, and a later life resumes from that.
     */
    Machine compose(int i, Event.Start s, long incarnation, EventLog log, Machine before, boolean whatIf,
                    boolean whatIfRestart) {
        ClockSkew skew = new ClockSkew(s.clockOffsetMicros(), s.clockDriftPpb());
        MachineFactory factory = new MachineFactory(ids, MachineFactory.complete(ids.size()), new Die(s.die()),
                vectors, s.seed(), minRate, maxRate, index -> s.ticksPerSecond(), s.version())
                .withClocks(new ClockPlan(s.keepsHlc(), s.hlcMaxOffsetMicros(), index -> skew));
        long beforeLamport = before == null ? 0 : before.lamportTime();
        long beforeOwnEntry = before == null || before.vectorClock() == null ? 0 : before.vectorClock().get(i);
        if (whatIfRestart) {
            return factory.compose(i, incarnation, network, log, time, beforeLamport, beforeOwnEntry);
        }
        if (whatIf && before != null) {
            // a restart resumes from its last log, which the what-if wrote: more than the recording's if the earlier
            // life reached more, less if a what-if crash ended it sooner
            return factory.compose(i, incarnation, network, log, time, beforeLamport, beforeOwnEntry);
        }
        return factory.compose(i, incarnation, network, log, time, s.resumedLamport(), s.resumedOwnEntry());
    }
}
