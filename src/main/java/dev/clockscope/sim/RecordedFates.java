package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.faults.FaultyTransport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a recorded run's lines say happened to each of its messages, read once before a replay ({@link ReplayNetwork}
 * plays them out): its fate (taken by which life, when; refused; lost; held), the window it was queued in if a stop
 * names it unprocessed, and, for a send an injected delay held while its link was down, when that link came back.
 * Messages are keyed by sender, sender's life, seq and receiver ({@link #key}).
 *
 * @param fates             each message's fate, where the lines tell one
 * @param unprocessedAtStop messages queued at their receiver's stop and taken by no tick: {start of that life, its
 *                          stop}, the window they arrived in
 * @param linkBackMicros    messages sent while their sender had the link down and not refused at once, so held by
 *                          the recording's injected delay: when that life's link came back ({@code peer_up}), the
 *                          earliest they can have left; {@link Long#MAX_VALUE} if it never did (they never left)
 */
record RecordedFates(Map<String, Fate> fates, Map<String, long[]> unprocessedAtStop, Map<String, Long> linkBackMicros) {
    /**
     * What the recorded run says happened to one message: its receiver's life and one-way delay, or a refusal;
     * {@code sentOnLinkDown}: sent while its sender had the link down, and still delivered, so an injected delay
     * held it past the link's return (the link is checked after the delay, as {@code FaultyTransport} does).
     */
    record Fate(int receiverLife, long sentMicros, long arrivedMicros, String refusal, boolean sentOnLinkDown) {
        /** {@link #receiverLife} of one that never left its sender: see {@link #heldAtSender(long, long)}. */
        private static final int HELD = -2;

        Fate(int receiverLife, long sentMicros, long arrivedMicros, String refusal) {
            this(receiverLife, sentMicros, arrivedMicros, refusal, false);
        }

        /**
         * Never left its sender, which logged it undelivered at {@code undeliveredMicros} (kept as its
         * {@link #arrivedMicros}; it arrived nowhere): it failed after or during its injected delay, or was still to
         * be written when the sender answered its receiver's goodbye ({@code peer stopped}, a few ms after the send).
         */
        static Fate heldAtSender(long sentMicros, long undeliveredMicros) {
            return new Fate(HELD, sentMicros, undeliveredMicros, null);
        }

        boolean heldAtSender() {
            return receiverLife == HELD;
        }

        /** For one {@link #heldAtSender()}: when its sender logged it undelivered. */
        long undeliveredMicros() {
            return arrivedMicros;
        }
    }

    /** Reported undelivered by its sender after the send, received by nobody, and overtaken on its link. */
    static final Fate LOST = new Fate(-1, -1, -1, null);
    /**
     * Named by no line, and its sender was killed: held in its injected delay then, or lost with its receiver as well.
     * A faithful replay still lets it arrive (a recorded queue may count it); a what-if keeps it at its sender.
     */
    static final Fate GONE_WITH_SENDER = new Fate(-3, -1, -1, null);

    /** An undelivered line that does not follow its send at once: the sender's life and seq, and the receiver. */
    private record LateUndelivered(String from, long incarnation, long seq, String to, boolean neverLeft,
                                   long wallMicros) {
    }

    /** The index of the life (ordered by start) that was running at {@code micros}: the last one started by then. */
    static int lifeAt(List<RecordedRun.Life> lives, long micros) {
        int at = 0;
        for (int l = 0; l < lives.size(); l++) {
            if (lives.get(l).start().wallMicros() <= micros) {
                at = l;
            }
        }
        return at;
    }

    static String key(String from, long incarnation, long seq, String to) {
        return from + '\u0000' + incarnation + '\u0000' + seq + '\u0000' + to;
    }

    /** Each message a receiver's unprocessed lines name, with the start of that life and its stop. */
    private static Map<String, long[]> readUnprocessedAtStop(RecordedRun run) {
        Map<String, long[]> at = new HashMap<>();
        for (String m : run.machines()) {
            for (RecordedRun.Life life : run.lives(m)) {
                for (Event e : life.events()) {
                    if (e instanceof Event.Unprocessed u) {
                        long[] ranges = u.seqRanges();
                        for (int r = 0; r < ranges.length; r += 2) {
                            for (long seq = ranges[r]; seq <= ranges[r + 1]; seq++) {
                                at.put(key(u.from(), u.fromIncarnation(), seq, m),
                                        new long[] {life.start().wallMicros(), u.wallMicros()});
                            }
                        }
                    }
                }
            }
        }
        return at;
    }

    /**
     * For {@code linkBackMicros}: each send over a link its sender had down that was not refused at once, and when
     * that life's link came back. A send over a link that is down is refused at once, in the real cluster as in the
     * simulator, unless an injected delay holds it first (the link is checked after the delay).
     */
    private static Map<String, Long> readLinkBack(RecordedRun run, Set<String> refusedAtOnce) {
        Map<String, Long> back = new HashMap<>();
        for (String m : run.machines()) {
            for (RecordedRun.Life life : run.lives(m)) {
                Set<String> linksDown = new HashSet<>(life.start().peers());
                Map<String, List<String>> waiting = new HashMap<>(); // per peer: sends since its link went down
                List<Event> events = life.events();
                for (int k = 0; k < events.size(); k++) {
                    Event e = events.get(k);
                    if (e instanceof Event.PeerUp u) {
                        linksDown.remove(u.peer());
                        for (String key : waiting.getOrDefault(u.peer(), List.of())) {
                            back.put(key, u.wallMicros());
                        }
                        waiting.remove(u.peer());
                    } else if (e instanceof Event.PeerDown d) {
                        linksDown.add(d.peer());
                    } else if (e instanceof Event.Send s) {
                        for (String to : s.to()) {
                            String key = key(m, life.start().incarnation(), s.seq(), to);
                            if (linksDown.contains(to) && !refusedAtOnce.contains(key)) {
                                back.put(key, Long.MAX_VALUE);
                                waiting.computeIfAbsent(to, p -> new ArrayList<>()).add(key);
                            }
                        }
                    }
                }
            }
        }
        return back;
    }

    /** The sends refused at once: each refusal line right after its send, as a fate (keys as {@link #key}). */
    private static Map<String, Fate> readRefusals(RecordedRun run) {
        Map<String, Fate> refused = new HashMap<>();
        for (String m : run.machines()) {
            for (RecordedRun.Life life : run.lives(m)) {
                List<Event> events = life.events();
                for (int k = 0; k < events.size(); k++) {
                    if (events.get(k) instanceof Event.Send s) {
                        for (int j = k + 1; j < events.size() && events.get(j) instanceof Event.Undelivered u
                                && u.seq() == s.seq(); j++) {
                            if (RecordedSteps.refusedAtOnce(events, j)) {
                                refused.put(key(m, life.start().incarnation(), s.seq(), u.to()),
                                        new Fate(-1, s.wallMicros(), -1, u.reason()));
                            }
                        }
                    }
                }
            }
        }
        return refused;
    }

    /**
     * Every message's fate, from the senders' send and undelivered lines and the receivers' receive lines;
     * {@code refusals}: the sends refused at once, {@code unprocessed}: the messages a stop names unprocessed,
     * {@code heldOnLinkDown}: those sent over a link its sender had down and not refused at once (keys as {@link #key}).
     */
    private static Map<String, Fate> readFates(RecordedRun run, Map<String, Fate> refusals, Set<String> unprocessed,
                                               Set<String> heldOnLinkDown) {
        Map<String, Long> sent = new HashMap<>();
        Map<String, Fate> fates = new HashMap<>(refusals);
        List<LateUndelivered> lateUndelivered = new ArrayList<>();
        // per link and receiver life (keyed as sender, incarnation, life index, receiver): the highest seq taken
        Map<String, Long> highestTaken = new HashMap<>();
        for (String m : run.machines()) {
            for (RecordedRun.Life life : run.lives(m)) {
                List<Event> events = life.events();
                for (int k = 0; k < events.size(); k++) {
                    if (events.get(k) instanceof Event.Send s) {
                        for (String to : s.to()) {
                            sent.put(key(m, life.start().incarnation(), s.seq(), to), s.wallMicros());
                        }
                    } else if (events.get(k) instanceof Event.Undelivered u) {
                        lateUndelivered.add(new LateUndelivered(m, life.start().incarnation(), u.seq(), u.to(),
                                FaultyTransport.failedDuringDelay(u.reason())
                                        || LifeTable.PEER_STOPPED.equals(u.reason()), u.wallMicros()));
                    }
                }
            }
        }
        for (String m : run.machines()) {
            List<RecordedRun.Life> lives = run.lives(m);
            for (int l = 0; l < lives.size(); l++) {
                for (Event e : lives.get(l).events()) {
                    if (e instanceof Event.Receive r) {
                        String k = key(r.from(), r.fromIncarnation(), r.seq(), m);
                        Long at = sent.get(k);
                        fates.put(k, new Fate(l, at == null ? r.arrivedMicros() : at, r.arrivedMicros(), null,
                                heldOnLinkDown.contains(k)));
                        highestTaken.merge(key(r.from(), r.fromIncarnation(), l, m), r.seq(), Math::max);
                    } else if (e instanceof Event.Rejected r && r.clockAhead() && r.arrivedMicros() > 0) {
                        // taken off the queue and refused for its clock: it arrived like a received one
                        String k = key(r.from(), r.fromIncarnation(), r.seq(), m);
                        Long at = sent.get(k);
                        fates.put(k, new Fate(l, at == null ? r.arrivedMicros() : at, r.arrivedMicros(), null));
                    }
                }
            }
        }
        // Reported undelivered later (its link was lost) and taken by nobody, while the receiver's life it was sent to
        // took a later message on that link: links are FIFO, so it never arrived (lost with the link while its
        // receiver was paused, say). Otherwise it may have arrived and waited in a queue that died: delivered.
        for (LateUndelivered u : lateUndelivered) {
            String k = key(u.from(), u.incarnation(), u.seq(), u.to());
            Long sentAt = sent.get(k);
            if (fates.containsKey(k) || sentAt == null) {
                continue;
            }
            Long highest = highestTaken.get(key(u.from(), u.incarnation(), lifeAt(run.lives(u.to()), sentAt), u.to()));
            if (u.neverLeft()) {
                fates.put(k, Fate.heldAtSender(sentAt, u.wallMicros()));
            } else if (highest != null && highest > u.seq()) {
                fates.put(k, LOST);
            }
        }
        Set<String> named = new HashSet<>(unprocessed);
        for (LateUndelivered u : lateUndelivered) {
            named.add(key(u.from(), u.incarnation(), u.seq(), u.to()));
        }
        for (String m : run.machines()) {
            for (RecordedRun.Life life : run.lives(m)) {
                List<Event> events = life.events();
                if (events.get(events.size() - 1) instanceof Event.Stop) {
                    continue;
                }
                for (Event e : events) { // a killed life: what no line names went with it
                    if (e instanceof Event.Send s) {
                        for (String to : s.to()) {
                            String k = key(m, life.start().incarnation(), s.seq(), to);
                            if (!fates.containsKey(k) && !named.contains(k)) {
                                fates.put(k, GONE_WITH_SENDER);
                            }
                        }
                    }
                }
            }
        }
        return fates;
    }

    static RecordedFates of(RecordedRun run) {
        Map<String, long[]> unprocessed = readUnprocessedAtStop(run);
        Map<String, Fate> refusals = readRefusals(run);
        Map<String, Long> back = readLinkBack(run, refusals.keySet());
        return new RecordedFates(readFates(run, refusals, unprocessed.keySet(), back.keySet()), unprocessed, back);
    }
}
