package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.faults.FaultyTransport;
import dev.clockscope.node.Machine;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Message;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A recorded life read as a replay's script: which of its events the replay makes happen, where a life
 * restarted by a what-if picks up, and what a recorded tick says about the messages it took.
 */
final class RecordedSteps {
    private RecordedSteps() {
    }

    /** Whether the recording's machines kept vector clocks (its first tick event says; no tick event: yes). */
    static boolean recordsVectors(RecordedRun run) {
        for (String m : run.machines()) {
            for (RecordedRun.Life l : run.lives(m)) {
                for (Event e : l.events()) {
                    if (e instanceof Event.TickEvent t) {
                        return t.vector() != null;
                    }
                }
            }
        }
        return true;
    }

    /** The index of the life's first event (after its start line) at or after {@code micros}, or its size. */
    static int firstAtOrAfter(RecordedRun.Life life, long micros) {
        List<Event> events = life.events();
        for (int k = 1; k < events.size(); k++) {
            if (events.get(k).wallMicros() >= micros) {
                return k;
            }
        }
        return events.size();
    }

    /**
     * When a machine that logged a stall at index {@code k} was last seen running: its event before, or a later
     * arrival it stamped before the stall (its network side still ran). A what-if holds what reaches it from then
     * to the stall, as for a SIGSTOP: nothing in the logs says it took anything in meanwhile.
     */
    static long lastSeenRunningMicros(List<Event> events, int k) {
        long stall = events.get(k).wallMicros();
        int before = k - 1;
        while (before > 0 && events.get(before).wallMicros() >= stall) {
            before--; // logged as it ran again, in the stall's microsecond: what waited for it (a peer_down, say)
        }
        long seen = events.get(before).wallMicros();
        for (Event e : events) {
            long arrived = e instanceof Event.Receive r ? r.arrivedMicros()
                    : e instanceof Event.Rejected j ? j.arrivedMicros() : -1;
            if (arrived > seen && arrived < stall) {
                seen = arrived;
            }
        }
        // before the stall's own microsecond, so that the pause always begins before the stall line ends it
        return Math.min(seen, stall - 1);
    }

    /** A tick that runs this much past one period is still a late timer, not a machine held up. */
    private static final long LATE_TIMER_MICROS = 100_000;

    /**
     * Where life {@code l} of {@code machine} did not run and logged no stall line: the first line after each such
     * gap. A machine logs a stall only when held up past its stall threshold, two periods (a second's worth of ticks
     * at least); a peer times it out sooner (1.5 s by default), so a 1 tick/s machine stopped for 1.5-2 s leaves only
     * its peers' {@code peer_down} lines. Such a gap is one longer than one period plus a late timer, that the life
     * outlived, and that a peer's {@code peer_down} for this life's connection falls in, or after which the life's
     * first line comes in the microsecond that messages it took are stamped as arriving (read from its buffers), or
     * that lies between two of its ticks with no stall line between (a machine that runs ticks every period).
     */
    static int[] silentPauseEnds(RecordedRun run, String machine, int l) {
        RecordedRun.Life life = run.lives(machine).get(l);
        List<Event> events = life.events();
        int rate = life.start().ticksPerSecond();
        if (rate <= 0) {
            return new int[0]; // unthrottled: no period to be late by
        }
        long gapMicros = 1_000_000L / rate + LATE_TIMER_MICROS;
        long start = life.start().wallMicros();
        TreeSet<Integer> ends = new TreeSet<>();
        for (String peer : life.start().peers()) {
            for (RecordedRun.Life p : run.lives(peer)) {
                long upSince = -1; // when the peer's link to this machine came up, while it is up
                for (Event e : p.events()) {
                    if (e instanceof Event.PeerUp u && u.peer().equals(machine)) {
                        upSince = u.wallMicros();
                    } else if (e instanceof Event.PeerDown d && d.peer().equals(machine)) {
                        if (upSince >= start) { // the connection of this life, not of one before
                            int next = firstAtOrAfter(life, d.wallMicros() + 1);
                            if (next < events.size() && !(events.get(next) instanceof Event.Stall)
                                    && events.get(next).wallMicros() - events.get(next - 1).wallMicros() > gapMicros) {
                                ends.add(next);
                            }
                        }
                        upSince = -1;
                    }
                }
            }
        }
        // the other trace a short pause leaves: what waited in its buffers is stamped as arriving when it ran again
        Set<Long> arrivals = new HashSet<>();
        for (Event e : events) {
            if (e instanceof Event.Receive r) {
                arrivals.add(r.arrivedMicros());
            }
        }
        for (int k = 2; k < events.size(); k++) {
            if (!(events.get(k) instanceof Event.Stall) && arrivals.contains(events.get(k).wallMicros())
                    && events.get(k).wallMicros() - events.get(k - 1).wallMicros() > gapMicros) {
                ends.add(k);
            }
        }
        // and the plainest: two ticks further apart than a period and a late timer, with no stall line between (a tick
        // that runs late runs at once, and a machine that runs ticks every period); it ran again at the widest gap
        int lastTick = -1;
        for (int k = 1; k < events.size(); k++) {
            Event e = events.get(k);
            if (e instanceof Event.Stall) {
                lastTick = -1;
            } else if (e instanceof Event.TickEvent) {
                if (lastTick >= 0 && e.wallMicros() - events.get(lastTick).wallMicros() > gapMicros) {
                    int widest = lastTick + 1;
                    for (int m = lastTick + 2; m <= k; m++) {
                        if (events.get(m).wallMicros() - events.get(m - 1).wallMicros()
                                > events.get(widest).wallMicros() - events.get(widest - 1).wallMicros()) {
                            widest = m;
                        }
                    }
                    ends.add(widest);
                }
                lastTick = k;
            }
        }
        int waited = l > 0 ? pausedBeforeFirstTick(life) : -1;
        if (waited > 0) {
            ends.add(waited);
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Where a restarted life that had not ticked by the end of its wait for its peers plus a period (and a late timer)
     * ran again: it did not run then. Once its wait is over it ticks within a period of running, so it ran again at
     * or after its first tick less a period and a late timer; its first line from then on is the pause's end (lines
     * it logs as it runs again, or the tick). -1 if its first tick was in time, or it has none.
     */
    static int pausedBeforeFirstTick(RecordedRun.Life life) {
        List<Event> events = life.events();
        int first = firstTick(events);
        if (first == events.size() || events.get(first).wallMicros() <= ticksBy(life) + LATE_TIMER_MICROS) {
            return -1;
        }
        long ranAgainFrom = events.get(first).wallMicros() - 1_000_000L / life.start().ticksPerSecond()
                - LATE_TIMER_MICROS;
        int k = firstAtOrAfter(life, ranAgainFrom);
        return k > 1 ? k : -1;
    }

    /** The index of a life's first tick event, or its size if it has none. */
    private static int firstTick(List<Event> events) {
        int k = 1;
        while (k < events.size() && !(events.get(k) instanceof Event.TickEvent)) {
            k++;
        }
        return k;
    }

    /**
     * By when a restarted life that runs has ticked (µs): it waits {@link Machine#RESTART_CONNECT_WAIT} for its peers
     * at most, then ticks every period. (A first life waits for its peers as long as it takes.)
     */
    private static long ticksBy(RecordedRun.Life life) {
        return life.start().wallMicros() + Machine.RESTART_CONNECT_WAIT.toNanos() / 1_000
                + 1_000_000L / life.start().ticksPerSecond();
    }

    /**
     * A life's recorded pauses, each as {last seen running, ran again} in µs: its stalls, and the pauses that left no
     * stall line (the first lines after them: {@code silentEnds}).
     */
    static List<long[]> pauses(List<Event> events, int[] silentEnds) {
        List<long[]> pauses = new ArrayList<>();
        for (int k = 1; k < events.size(); k++) {
            if (events.get(k) instanceof Event.Stall) {
                pauses.add(new long[] {lastSeenRunningMicros(events, k), events.get(k).wallMicros()});
            }
        }
        for (int k : silentEnds) {
            long[] pause = {lastSeenRunningMicros(events, k), events.get(k).wallMicros()};
            // a line logged as it ran again, before its stall line in that microsecond, may end it a second time
            if (pauses.stream().noneMatch(p -> Arrays.equals(p, pause))) {
                pauses.add(pause);
            }
        }
        return pauses;
    }

    /**
     * When a life's peers had timed out its recorded pauses (µs), where the lines prove it: the pause began at most one
     * period after the machine was last seen running (it logs a tick every period while it runs), so one that lasted
     * the time-out plus a period from then was timed out, by that time at the latest. A {@code restarted} life that has
     * not ticked yet logs nothing while it waits for its peers: a pause before its first tick began by when it would
     * have ticked ({@link #ticksBy}). A pause only that long may not have been timed out; a peer's {@code peer_down}
     * says so then (see {@link WhatIfAccounting#timedOutInRecordedPause}). No running peer need have logged it: one
     * paused, dead or with the link already down says it only later, or never. (A first life waits for its peers as
     * long as it takes; a pause before its first tick is bounded as if it ticked.)
     */
    static long[] pauseTimeOuts(RecordedRun.Life life, boolean restarted, int[] silentEnds, long timeoutMicros) {
        int rate = life.start().ticksPerSecond();
        if (rate <= 0) {
            return new long[0]; // unthrottled: no period bounds when it stopped running
        }
        long periodMicros = 1_000_000L / rate;
        int first = firstTick(life.events());
        long firstTickMicros = first < life.events().size() ? life.events().get(first).wallMicros() : Long.MAX_VALUE;
        List<Long> at = new ArrayList<>();
        for (long[] pause : pauses(life.events(), silentEnds)) {
            long pausedBy = restarted && pause[1] <= firstTickMicros ? Math.max(pause[0] + periodMicros, ticksBy(life))
                    : pause[0] + periodMicros;
            if (pause[1] > pausedBy + timeoutMicros) {
                at.add(pausedBy + timeoutMicros); // at or after the real time-out: it drops no less
            }
        }
        return at.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Whether the line at {@code k} is logged as the life runs again after a recorded pause: in the microsecond of its
     * stall line, or of the first line after a pause that left none (its {@code script}'s), and after it.
     */
    static boolean onResume(List<Event> events, int k, LifeScript script) {
        for (int j = k; j > 0 && events.get(j).wallMicros() == events.get(k).wallMicros(); j--) {
            if (events.get(j) instanceof Event.Stall || script.silentPauseEndsAt(j)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How long before its stop line a machine logs the lines of its stop: it waits a second for its acknowledgements
     * (the real cluster and the simulator alike), and a late timer.
     */
    private static final long STOP_LINES_MICROS = 1_000_000 + LATE_TIMER_MICROS;

    /**
     * Whether the line at {@code k} is one of the lines a machine logs as it stops: only such lines follow, then stop,
     * within {@link #STOP_LINES_MICROS} (a machine paused until its stop logs nothing else after a line long before).
     */
    static boolean partOfStop(List<Event> events, int k) {
        for (int j = k + 1; j < events.size(); j++) {
            Event e = events.get(j);
            if (e instanceof Event.Stop) {
                return e.wallMicros() - events.get(k).wallMicros() <= STOP_LINES_MICROS;
            }
            if (!(e instanceof Event.PeerDown || e instanceof Event.Undelivered || e instanceof Event.Unprocessed)) {
                return false;
            }
        }
        return false;
    }

    /** The index of the next event after index {@code k} that the replay drives, or {@code events.size()}. */
    static int nextDriven(List<Event> events, int k) {
        for (int j = k + 1; j < events.size(); j++) {
            if (drives(events, j)) {
                return j;
            }
        }
        return events.size();
    }

    /** Events the replay makes happen; the others (start, connected, refusals at once) the machine logs itself. */
    private static boolean drives(List<Event> events, int k) {
        Event e = events.get(k);
        if (e instanceof Event.TickEvent || e instanceof Event.Stall || e instanceof Event.PeerUp
                || e instanceof Event.PeerDown || e instanceof Event.Partition || e instanceof Event.Stop
                || e instanceof Event.Resumed) {
            return true;
        }
        return e instanceof Event.Undelivered && !refusedAtOnce(events, k);
    }

    /**
     * An undelivered line right after its send line (only other refusals between): the transport's answer. Not one
     * that failed after or during an injected delay, nor an "unacknowledged" one: those came later, however close
     * their lines are.
     */
    static boolean refusedAtOnce(List<Event> events, int k) {
        Event.Undelivered line = (Event.Undelivered) events.get(k);
        if (FaultyTransport.failedDuringDelay(line.reason()) || "unacknowledged".equals(line.reason())) {
            return false; // "unacknowledged" is said when a connection is lost (protocol 3), never at the send
        }
        long seq = line.seq();
        for (int j = k - 1; j > 0; j--) {
            if (events.get(j) instanceof Event.Send s) {
                return s.seq() == seq;
            }
            if (!(events.get(j) instanceof Event.Undelivered u) || u.seq() != seq) {
                return false;
            }
        }
        return false;
    }

    /** Messages the tick at {@code k} took and refused for their clock: the refusals logged just before it. */
    static int refusedBefore(List<Event> events, int k) {
        int refused = 0;
        long wall = events.get(k).wallMicros();
        for (int j = k - 1; j > 0 && events.get(j) instanceof Event.Rejected r && r.clockAhead()
                && r.wallMicros() == wall; j--) {
            refused++;
        }
        return refused;
    }

    /**
     * The order in which a life's ticks took messages: a message's rank is the index of its receive line (those it
     * never took rank after all). Messages that arrived in the same microsecond (held by a pause, all read at once)
     * enter the queue in this order, the only one the recording shows.
     */
    static ToIntFunction<Message> receiveOrder(List<Event> events, MachineIds ids) {
        Map<String, Integer> rank = new HashMap<>();
        for (int k = 0; k < events.size(); k++) {
            if (events.get(k) instanceof Event.Receive r) {
                rank.put(messageKey(r.from(), r.fromIncarnation(), r.seq()), k);
            }
        }
        return m -> rank.getOrDefault(messageKey(m, ids), Integer.MAX_VALUE);
    }

    /**
     * A received message that its receiver's recorded ticks show was not yet in its queue some time after its recorded
     * arrival: by the last such tick's time (µs), keyed by the message, with its recorded arrival. A real machine's
     * network thread stamps a message's arrival and then hands it over; a tick in between does not see it. A tick
     * sees its queue's messages in arrival order (FIFO), so a message taken {@code r} receives after tick j was in
     * the queue that tick left behind only if r is below that tick's {@code queue} field (a send or internal event:
     * the queue was empty). The faithful replay's tie rule reads the same counts ({@link ReplayInbox}).
     */
    static Map<String, long[]> unseenAfterArrival(List<Event> events) {
        Map<String, long[]> unseen = new HashMap<>();
        List<Event.TickEvent> ticks = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof Event.TickEvent t) {
                ticks.add(t);
            }
        }
        for (int p = 0; p < ticks.size(); p++) {
            if (!(ticks.get(p) instanceof Event.Receive r)) {
                continue;
            }
            int receivesBetween = 0;
            for (int j = p - 1; j >= 0 && ticks.get(j).wallMicros() >= r.arrivedMicros(); j--) {
                if (receivesBetween >= ticks.get(j).queue()) {
                    unseen.put(messageKey(r.from(), r.fromIncarnation(), r.seq()),
                            new long[] {r.arrivedMicros(), ticks.get(j).wallMicros()});
                    break;
                }
                if (ticks.get(j) instanceof Event.Receive) {
                    receivesBetween++;
                }
            }
        }
        return unseen;
    }

    /** The key {@link #unseenAfterArrival} and the other lookups here give {@code m}. */
    static String messageKey(Message m, MachineIds ids) {
        return messageKey(ids.id(m.from()), m.fromIncarnation(), m.seq());
    }

    /** The messages a life's stop names as unprocessed (none if it ended without a stop line). */
    static Predicate<Message> unprocessedAtStop(List<Event> events, MachineIds ids) {
        int last = events.size() - 1;
        return events.get(last) instanceof Event.Stop ? unprocessedBefore(events, last, ids) : m -> false;
    }

    /**
     * Which messages had reached the machine whose stop line is event {@code k}: those its {@code unprocessed} lines
     * just before name (by sender, the sender's life and seq).
     */
    static Predicate<Message> unprocessedBefore(List<Event> events, int k, MachineIds ids) {
        Set<String> named = new HashSet<>();
        for (int j = k - 1; j > 0 && events.get(j) instanceof Event.Unprocessed u; j--) {
            long[] ranges = u.seqRanges();
            for (int r = 0; r < ranges.length; r += 2) {
                for (long seq = ranges[r]; seq <= ranges[r + 1]; seq++) {
                    named.add(messageKey(u.from(), u.fromIncarnation(), seq));
                }
            }
        }
        return m -> named.contains(messageKey(m, ids));
    }

    /** One message of a sender's life, as a key. */
    private static String messageKey(String from, long incarnation, long seq) {
        return from + '\u0000' + incarnation + '\u0000' + seq;
    }
}
