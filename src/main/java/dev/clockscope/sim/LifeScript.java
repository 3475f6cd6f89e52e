package dev.clockscope.sim;

import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Message;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * What a recorded life's lines say that a replay of it looks up at every step: the messages its stop names
 * unprocessed, the order its ticks took messages in, and (what-if only) where it ran again after a pause that left no
 * stall line, and when its peers timed those pauses out. Worked out once, when the life starts ({@link RecordedSteps}).
 */
record LifeScript(Predicate<Message> unprocessedAtStop, ToIntFunction<Message> receiveOrder, int[] silentPauseEnds,
                  long[] pauseTimeOutsMicros) {
    /** Before any life: nothing unprocessed, no order, no pauses. */
    static final LifeScript NONE = new LifeScript(m -> false, m -> Integer.MAX_VALUE, new int[0], new long[0]);

    /**
     * Life {@code l} of {@code machine}; {@code timeoutMicros} above 0: its recorded pauses are wanted (a what-if),
     * with the recording's heartbeat time-out.
     */
    static LifeScript of(RecordedRun run, MachineIds ids, String machine, int l, long timeoutMicros) {
        RecordedRun.Life life = run.lives(machine).get(l);
        int[] silentEnds = timeoutMicros > 0 ? RecordedSteps.silentPauseEnds(run, machine, l) : new int[0];
        return new LifeScript(RecordedSteps.unprocessedAtStop(life.events(), ids),
                RecordedSteps.receiveOrder(life.events(), ids), silentEnds,
                timeoutMicros > 0 ? RecordedSteps.pauseTimeOuts(life, l > 0, silentEnds, timeoutMicros)
                        : new long[0]);
    }

    /** Whether the line at {@code k} is the first after a pause that left no stall line. */
    boolean silentPauseEndsAt(int k) {
        return Arrays.binarySearch(silentPauseEnds, k) >= 0;
    }
}
