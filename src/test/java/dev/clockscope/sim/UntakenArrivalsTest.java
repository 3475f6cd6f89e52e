package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which pauses a message lost on its way shows were timed out, on hand-made two-machine recordings (5 ticks/s, a
 * 1.5 s heartbeat time-out): b sends a its seq 1 at 2.0 s; a is paused, and b reports the message unacknowledged.
 */
class UntakenArrivalsTest {
    private static final long TIMEOUT_MICROS = 1_500_000;
    private static final long PERIOD_MICROS = 200_000;
    private static final String SEQ_1 = RecordedFates.key("b", 0, 1, "a");

    @TempDir
    Path dir;

    @Test
    void aMessageLostInTheOnlyLongPauseOfItsReceiverShowsThatPauseWasTimedOut() throws Exception {
        // a paused 1.1-4.0 s (a stall line); b paused 2.1-5.0 s and says so as it runs again: the time-out of a's
        // pause, the only one that ended between the send and b's line, dropped it, by 4.0 s at the latest
        RecordedRun run = record(List.of(new long[] {1_100_000, 4_000_000}), 5_000_000, true, 7_000_000);
        assertArrayEquals(new long[] {3_999_999}, UntakenArrivals.of(run, k -> true, Set.of(), TIMEOUT_MICROS)
                .provenTimeOuts("a", 0));
        // b's own machine, and a pause too short for a time-out, show nothing
        assertArrayEquals(new long[0], UntakenArrivals.of(run, k -> true, Set.of(), TIMEOUT_MICROS)
                .provenTimeOuts("b", 0));
        RecordedRun shortPause = record(List.of(new long[] {1_900_000, 3_350_000}), 5_000_000, true, 7_000_000);
        assertArrayEquals(new long[0], UntakenArrivals.of(shortPause, k -> true, Set.of(), TIMEOUT_MICROS)
                .provenTimeOuts("a", 0));
    }

    @Test
    void aMessageThatMayHaveBeenQueuedOrLostAnotherWayShowsNothing() throws Exception {
        RecordedRun run = record(List.of(new long[] {1_100_000, 4_000_000}), 5_000_000, true, 7_000_000);
        // a's stop names it unprocessed: it was queued, and a time-out keeps what is queued
        assertArrayEquals(new long[0], UntakenArrivals.of(run, k -> true, Set.of(SEQ_1), TIMEOUT_MICROS)
                .provenTimeOuts("a", 0));
        // b logs it while it runs, not as it runs again: it could have said so at a's time-out, and did not
        RecordedRun running = record(List.of(new long[] {1_100_000, 4_000_000}), 5_000_000, false, 7_000_000);
        assertArrayEquals(new long[0], UntakenArrivals.of(running, k -> true, Set.of(), TIMEOUT_MICROS)
                .provenTimeOuts("a", 0));
        // b's line comes in a later pause of a (4.3-5.55 s): dropped in that one (a peer's line in a pause is its
        // time-out once the pause has lasted it), not proof of the first
        RecordedRun inAPause = record(List.of(new long[] {1_100_000, 4_000_000}, new long[] {4_300_000, 5_550_000}),
                5_000_000, true, 7_000_000);
        assertArrayEquals(new long[0], UntakenArrivals.of(inAPause, k -> true, Set.of(), TIMEOUT_MICROS)
                .provenTimeOuts("a", 0));
        // two long pauses of a between the send and b's line (b paused until 8.0 s): either may have been timed out
        RecordedRun twoPauses = record(List.of(new long[] {1_100_000, 4_000_000}, new long[] {4_300_000, 6_550_000}),
                8_000_000, true, 9_000_000);
        assertArrayEquals(new long[0], UntakenArrivals.of(twoPauses, k -> true, Set.of(), TIMEOUT_MICROS)
                .provenTimeOuts("a", 0));
    }

    /**
     * a ticks every period from 0.1 s except in {@code aPauses} ({last tick, stall}); b ticks from 0.15 s, sends a seq 1
     * at its tick at 2.0 s (its others are internal), is paused from 2.1 s to {@code bResumes} (a stall line there if
     * {@code bStalls}) and then logs a's link down and seq 1 unacknowledged; both stop at {@code stopMicros}.
     */
    private RecordedRun record(List<long[]> aPauses, long bResumes, boolean bStalls, long stopMicros) throws Exception {
        List<Event> a = new ArrayList<>(List.of(new Event.PeerUp(0, "b")));
        long tick = 0;
        for (long t = 100_000; t < stopMicros; t += PERIOD_MICROS) {
            long at = t;
            long[] in = aPauses.stream().filter(p -> at > p[0] && at < p[1]).findFirst().orElse(null);
            if (in != null) {
                continue;
            }
            for (long[] p : aPauses) {
                if (t > p[1] && t - PERIOD_MICROS < p[1]) {
                    a.add(new Event.Stall(p[1], (p[1] - p[0]) / PERIOD_MICROS));
                }
            }
            ++tick;
            a.add(new Event.Internal(t, tick, tick, VectorClock.of(tick, 0), 0));
        }
        a.add(new Event.Stop(stopMicros, "duration", tick));
        List<Event> b = new ArrayList<>(List.of(new Event.PeerUp(0, "a")));
        long bTick = 0;
        for (long t = 150_000; t < 2_100_000; t += PERIOD_MICROS) {
            if (t == 1_950_000) {
                ++bTick;
                b.add(new Event.Send(2_000_000, bTick, bTick, VectorClock.of(0, bTick), 0, List.of("a"), 1));
            } else {
                ++bTick;
                b.add(new Event.Internal(t, bTick, bTick, VectorClock.of(0, bTick), 0));
            }
        }
        if (bStalls) {
            b.add(new Event.Stall(bResumes, (bResumes - 2_100_000) / PERIOD_MICROS));
        } else {
            ++bTick;
            b.add(new Event.Internal(bResumes - 50_000, bTick, bTick, VectorClock.of(0, bTick), 0));
        }
        b.add(new Event.PeerDown(bResumes, "a"));
        b.add(new Event.Undelivered(bResumes, "a", 1, "unacknowledged"));
        b.add(new Event.PeerUp(bResumes, "a"));
        b.add(new Event.Stop(stopMicros, "duration", bTick));
        Path run = dir.resolve("run-" + aPauses.size() + "-" + bResumes + "-" + bStalls + "-" + System.nanoTime());
        write(run, "a", a);
        write(run, "b", b);
        return RecordedRun.read(run, "--replay");
    }

    private static void write(Path run, String machine, List<Event> events) throws Exception {
        try (EventLogWriter w = EventLogWriter.open(run, machine)) {
            w.append(new Event.Start(Event.FORMAT, machine, List.of("a", "b"), List.of(machine.equals("a") ? "b" : "a"),
                    5, 10, 1, 0, 0, "test"));
            events.forEach(w::append);
        }
    }
}
