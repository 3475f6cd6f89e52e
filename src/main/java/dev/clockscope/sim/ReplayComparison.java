package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLineEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A replayed run against its recording, machine by machine, life by life, event by event: how many events are
 * identical, and the earliest in time that is not (with both lines). Tick events compare everything a machine decides
 * and when (kind, time, tick, Lamport, vector, queue, peers, seq, the message's clock and arrival); lines the
 * machine derives from another (connected, a refusal right after its send) compare all but their time, which
 * a real machine stamps a microsecond or two later.
 */
public final class ReplayComparison {
    /** The outcome: {@code identical} of {@code compared} event pairs; the first divergence as two lines, or null. */
    public record Outcome(long compared, long identical, long realOnly, long replayOnly, String firstDivergence) {
        public double identicalPercent() {
            long total = compared + realOnly + replayOnly;
            return total == 0 ? 100 : 100.0 * identical / total;
        }
    }

    private ReplayComparison() {
    }

    public static Outcome compare(RecordedRun run, Replay.Result replay) {
        long compared = 0;
        long identical = 0;
        long realOnly = 0;
        long replayOnly = 0;
        String first = null;
        long firstAt = Long.MAX_VALUE;
        List<String> machines = run.machines();
        for (int i = 0; i < machines.size(); i++) {
            List<RecordedRun.Life> real = run.lives(machines.get(i));
            List<List<Event>> replayed = replay.lives().get(i);
            for (int l = 0; l < Math.max(real.size(), replayed.size()); l++) {
                List<Event> a = l < real.size() ? real.get(l).events() : List.of();
                List<Event> b = l < replayed.size() ? replayed.get(l) : List.of();
                for (int k = 0; k < Math.max(a.size(), b.size()); k++) {
                    if (k >= a.size()) {
                        replayOnly++;
                    } else if (k >= b.size()) {
                        realOnly++;
                    } else {
                        compared++;
                        if (same(a.get(k), b.get(k))) {
                            identical++;
                            continue;
                        }
                    }
                    long at = k < a.size() ? a.get(k).wallMicros() : b.get(k).wallMicros();
                    if (at < firstAt) {
                        firstAt = at;
                        String lifeFile = l < real.size() ? real.get(l).file().toString() : machines.get(i) + " (no such life)";
                        first = lifeFile + ":" + (k + 1) + ": " + (k < a.size() ? line(a.get(k), run.machines()) : "(nothing)")
                                + "\n  replayed: " + (k < b.size() ? line(b.get(k), run.machines()) : "(nothing)");
                    }
                }
            }
        }
        return new Outcome(compared, identical, realOnly, replayOnly, first);
    }

    static boolean same(Event real, Event replayed) {
        if (real.getClass() != replayed.getClass()) {
            return false;
        }
        if (real instanceof Event.Connected c) {
            return c.peers().equals(((Event.Connected) replayed).peers());
        }
        if (real instanceof Event.Unprocessed u) {
            Event.Unprocessed v = (Event.Unprocessed) replayed;
            return u.from().equals(v.from()) && u.fromIncarnation() == v.fromIncarnation() && u.seqs().equals(v.seqs());
        }
        if (real instanceof Event.Undelivered u) {
            Event.Undelivered v = (Event.Undelivered) replayed;
            return u.to().equals(v.to()) && u.seq() == v.seq() && Objects.equals(u.reason(), v.reason());
        }
        return real.equals(replayed);
    }

    /** The event as its log line (without the newline). */
    private static String line(Event e, List<String> machines) {
        EventLineEncoder encoder = new EventLineEncoder();
        encoder.machines(machines);
        EventLineEncoder.Buffer buffer = new EventLineEncoder.Buffer(512);
        encoder.encode(e, buffer);
        return new String(buffer.bytes(), 0, buffer.length() - 1, StandardCharsets.UTF_8);
    }
}
