package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * When a message its receiver's life never took can have arrived, as far as the recording tells: no line has its
 * arrival, so a what-if draws one, but not any. Its drawn delay is at least what brings it past what the lines prove:
 * <ul>
 *   <li>after every message that life took (its queue is FIFO) and after every tick of that life that left its queue
 *       empty (that tick had taken all that was there), unless its sender logged it undelivered (its connection lost)
 *       before that time: then it never reached that queue;</li>
 *   <li>after the start of a recorded pause of that life after the send, when its sender logged it undelivered during
 *       that pause, or else after the first such pause that lasted the heartbeat time-out and began before the line
 *       (its sender may say so only later: it may have been paused itself), when it was never queued: the life ended
 *       with a stop that does not name it unprocessed, or a tick after the line found the queue empty or took a message
 *       that arrived after the line. A time-out keeps what was queued (in doubt), so it reached the paused machine and
 *       was dropped with the connection.</li>
 * </ul>
 * Else a what-if that changes nothing would have it overtake what was taken, or be taken itself, and move clocks.
 * <p>
 * Such a message also shows when a pause was timed out that no line bounds ({@link #provenTimeOuts}): only the time-out
 * of its receiver's pause drops a message on its way to a life that goes on (a paused sender's own time-out does
 * not: what it sent travels on), so one sent before the end of the only pause it can have been dropped in, and
 * reported by its sender as that sender ran again after that end, was dropped at that pause's time-out.
 */
final class UntakenArrivals {
    private final Map<String, Long> minDelays = new HashMap<>();
    /** By receiver and life: the time-outs its lost messages prove, each at the end of its pause less 1 µs. */
    private final Map<String, List<Long>> provenTimeOuts = new HashMap<>();

    private UntakenArrivals() {
    }

    /** Per message never taken (keys as {@link RecordedFates#key}), its least delay in µs. */
    Map<String, Long> minDelays() {
        return minDelays;
    }

    /**
     * The time-outs of recorded pauses of {@code machine}'s life {@code life} that messages lost on their way to it
     * prove (µs; 1 µs before it ran again: at or after the real time-out, so it drops no less).
     */
    long[] provenTimeOuts(String machine, int life) {
        return provenTimeOuts.getOrDefault(machine + '\u0000' + life, List.of()).stream().mapToLong(Long::longValue)
                .toArray();
    }

    /** {@code drawn}: whether a message's arrival is drawn (no line has it); {@code unprocessed}: a stop names it. */
    static UntakenArrivals of(RecordedRun run, Predicate<String> drawn, Set<String> unprocessed,
                              long heartbeatTimeoutMicros) {
        UntakenArrivals result = new UntakenArrivals();
        Map<String, Long> minDelay = result.minDelays;
        // by receiver and life index: when it took a message in, or a tick found its queue empty
        Map<String, TreeSet<Long>> nothingUntakenAt = new HashMap<>();
        Map<String, Long> lastEmptied = new HashMap<>(); // by receiver and life: its last tick with an empty queue
        Map<String, Long> lastTakenArrival = new HashMap<>(); // by receiver and life: the latest arrival it took
        Set<String> stopped = new java.util.HashSet<>(); // receiver lives that ended with a stop line
        Map<String, List<long[]>> pauses = new HashMap<>(); // by receiver and life: [last seen running, ran again]
        for (String m : run.machines()) {
            List<RecordedRun.Life> lives = run.lives(m);
            for (int l = 0; l < lives.size(); l++) {
                List<Event> events = lives.get(l).events();
                for (Event e : events) {
                    long taken = e instanceof Event.Receive r ? r.arrivedMicros()
                            : e instanceof Event.Rejected r && r.clockAhead() ? r.arrivedMicros() : -1;
                    long emptied = e instanceof Event.TickEvent t && t.queue() == 0 ? t.wallMicros() : -1;
                    if (Math.max(taken, emptied) > 0) {
                        nothingUntakenAt.computeIfAbsent(m + '\u0000' + l, k -> new TreeSet<>())
                                .add(Math.max(taken, emptied));
                    }
                    if (emptied > 0) {
                        lastEmptied.merge(m + '\u0000' + l, emptied, Math::max);
                    }
                    if (taken > 0) {
                        lastTakenArrival.merge(m + '\u0000' + l, taken, Math::max);
                    }
                }
                if (events.get(events.size() - 1) instanceof Event.Stop) {
                    stopped.add(m + '\u0000' + l);
                }
                pauses.put(m + '\u0000' + l, RecordedSteps.pauses(events, RecordedSteps.silentPauseEnds(run, m, l)));
            }
        }
        for (String m : run.machines()) {
            List<RecordedRun.Life> senderLives = run.lives(m);
            for (int sl = 0; sl < senderLives.size(); sl++) {
                RecordedRun.Life life = senderLives.get(sl);
                List<long[]> senderPauses = pauses.getOrDefault(m + '\u0000' + sl, List.of());
                List<Event.Send> sends = new ArrayList<>();
                Map<String, Long> undeliveredAt = new HashMap<>();
                for (Event e : life.events()) {
                    if (e instanceof Event.Send s) {
                        sends.add(s);
                    } else if (e instanceof Event.Undelivered u) {
                        undeliveredAt.putIfAbsent(u.to() + '\u0000' + u.seq(), u.wallMicros());
                    }
                }
                for (Event.Send s : sends) {
                    for (String to : s.to()) {
                        String k = RecordedFates.key(m, life.start().incarnation(), s.seq(), to);
                        if (!drawn.test(k)) {
                            continue;
                        }
                        String receiverLife = to + '\u0000' + RecordedFates.lifeAt(run.lives(to), s.wallMicros());
                        Long lostAt = undeliveredAt.get(to + '\u0000' + s.seq());
                        TreeSet<Long> untakenAt = nothingUntakenAt.get(receiverLife);
                        // the last such moment before its sender logged it lost, if it did: it never got there after
                        Long last = untakenAt == null ? null
                                : lostAt == null ? untakenAt.last() : untakenAt.lower(lostAt);
                        long least = Long.MIN_VALUE; // the earliest arrival the lines allow
                        if (last != null && last >= s.wallMicros()) {
                            least = last + 1;
                        }
                        // never queued: queued messages outlive a time-out, and are taken, unprocessed at a stop, or
                        // gone with a crash; a tick after the report that found the queue empty says so too, and so
                        // does a message taken that arrived after the report (it would have queued behind this one)
                        boolean neverQueued = stopped.contains(receiverLife) ? !unprocessed.contains(k)
                                : lostAt != null && (lastEmptied.getOrDefault(receiverLife, -1L) > lostAt
                                        || lastTakenArrival.getOrDefault(receiverLife, -1L) > lostAt);
                        if (lostAt != null && neverQueued) {
                            // the pause its sender logged it in, else the first after the send its peers timed out
                            long droppedIn = Long.MAX_VALUE;
                            long timedOutFrom = Long.MAX_VALUE;
                            for (long[] pause : pauses.getOrDefault(receiverLife, List.of())) {
                                if (pause[0] >= s.wallMicros() && pause[0] < lostAt) {
                                    if (lostAt <= pause[1]) {
                                        droppedIn = pause[0];
                                    } else if (pause[1] - pause[0] >= heartbeatTimeoutMicros) {
                                        timedOutFrom = Math.min(timedOutFrom, pause[0]);
                                    }
                                }
                            }
                            long from = droppedIn != Long.MAX_VALUE ? droppedIn : timedOutFrom;
                            if (from != Long.MAX_VALUE) {
                                least = Math.max(least, from + 1);
                            }
                            if (droppedIn == Long.MAX_VALUE && ranAgainAt(senderPauses, lostAt)) {
                                result.timedOutIn(receiverLife, pauses.getOrDefault(receiverLife, List.of()),
                                        s.wallMicros(), lostAt, heartbeatTimeoutMicros);
                            }
                        }
                        if (least != Long.MIN_VALUE) {
                            minDelay.put(k, least - s.wallMicros());
                        }
                    }
                }
            }
        }
        return result;
    }

    /** Whether one of a life's recorded pauses ended in the microsecond {@code micros}: the life ran again then. */
    private static boolean ranAgainAt(List<long[]> pauses, long micros) {
        for (long[] pause : pauses) {
            if (pause[1] == micros) {
                return true;
            }
        }
        return false;
    }

    /**
     * A message sent at {@code sentMicros} to {@code receiverLife} was dropped with its connection, and its sender
     * heard of it at {@code lostMicros}: if exactly one of the receiver's pauses ended between the two and lasted the
     * time-out, that pause was timed out, by the time it ended.
     */
    private void timedOutIn(String receiverLife, List<long[]> receiverPauses, long sentMicros, long lostMicros,
                            long timeoutMicros) {
        long[] only = null;
        for (long[] pause : receiverPauses) {
            if (pause[1] > sentMicros && pause[1] < lostMicros && pause[1] - pause[0] > timeoutMicros) {
                if (only != null) {
                    return; // either may have been timed out
                }
                only = pause;
            }
        }
        if (only != null) {
            List<Long> at = provenTimeOuts.computeIfAbsent(receiverLife, k -> new ArrayList<>());
            if (!at.contains(only[1] - 1)) {
                at.add(only[1] - 1);
            }
        }
    }
}
