package dev.clockscope.sim;

import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Message;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.LongStream;

/**
 * What a recorded life's lines say that a replay of it looks up at every step: the messages its stop names
 * unprocessed, the order its ticks took messages in, the messages ticks after their arrival did not see yet, and
 * (what-if only) where it ran again after a pause that left no stall line, and when its peers timed those pauses
 * out. Worked out once, when the life starts ({@link RecordedSteps}).
 */
record LifeScript(Predicate<Message> unprocessedAtStop, ToIntFunction<Message> receiveOrder, int[] silentPauseEnds,
                  long[] pauseTimeOutsMicros, Map<String, long[]> unseenAfterArrival) {
    /** Before any life: nothing unprocessed, no order, no pauses. */
    static final LifeScript NONE = new LifeScript(m -> false, m -> Integer.MAX_VALUE, new int[0], new long[0],
            Map.of());

    /**
     * Life {@code l} of {@code machine}; {@code timeoutMicros} above 0: its recorded pauses are wanted (a what-if),
     * with the recording's heartbeat time-out, and the time-outs its peers' lost messages prove ({@code provenTimeOuts},
     * µs) with those its own lines do.
     */
    static LifeScript of(RecordedRun run, MachineIds ids, String machine, int l, long timeoutMicros,
                         long[] provenTimeOuts) {
        RecordedRun.Life life = run.lives(machine).get(l);
        int[] silentEnds = timeoutMicros > 0 ? RecordedSteps.silentPauseEnds(run, machine, l) : new int[0];
        long[] timeOuts = new long[0];
        if (timeoutMicros > 0) {
            long[] bounded = RecordedSteps.pauseTimeOuts(life, l > 0, silentEnds, timeoutMicros);
            timeOuts = LongStream.concat(Arrays.stream(bounded), Arrays.stream(provenTimeOuts)).sorted().toArray();
        }
        return new LifeScript(RecordedSteps.unprocessedAtStop(life.events(), ids),
                RecordedSteps.receiveOrder(life.events(), ids), silentEnds, timeOuts,
                RecordedSteps.unseenAfterArrival(life.events()));
    }

    /**
     * If the message with key {@code messageKey} arrives at its recorded time {@code arrivedMicros}: the time of the
     * last recorded tick that did not see it yet ({@link RecordedSteps#unseenAfterArrival}); else
     * {@code Long.MIN_VALUE}.
     */
    long unseenUntilMicros(String messageKey, long arrivedMicros) {
        long[] arrivedAndUnseen = unseenAfterArrival.get(messageKey);
        return arrivedAndUnseen != null && arrivedAndUnseen[0] == arrivedMicros ? arrivedAndUnseen[1] : Long.MIN_VALUE;
    }

    /** Whether the line at {@code k} is the first after a pause that left no stall line. */
    boolean silentPauseEndsAt(int k) {
        return Arrays.binarySearch(silentPauseEnds, k) >= 0;
    }
}
