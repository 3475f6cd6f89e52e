package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.faults.FaultyTransport;
import dev.clockscope.node.Message;
import dev.clockscope.node.Transport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The network of a replay. In a faithful replay every message meets the fate it met in the recorded run: one
 * its receiver took arrives when it arrived there ({@code arrivedMicros}); a send the sender logged undelivered
 * at once is refused with the same reason; one its receiver never took (still queued when it stopped, or lost
 * with a crash) arrives as early as its link lets it (its link may have been faster than any the run measured) —
 * the receiver's recorded queue lengths then decide whether it was ever in its queue (see {@link Replay}'s tie
 * rule), and a dead receiver drops it.
 * In a what-if, messages take their recorded one-way delay (or, for one the recorded run never sent, a delay
 * drawn from the run's measured ones) plus the what-if's extra delay, links stay FIFO, and a message to a
 * machine that is down, or over a link its sender has down, is refused or lost as in the simulator; a send the
 * recording's injected faults refused (partition, injected loss) is refused again.
 */
final class ReplayNetwork implements Transport {
    /**
     * What the recorded run says happened to one message: its receiver's life and one-way delay, or a refusal;
     * {@code sentOnLinkDown}: sent while its sender had the link down, and still delivered, so an injected delay
     * held it past the link's return (the link is checked after the delay, as {@code FaultyTransport} does).
     */
    record Fate(int receiverLife, long sentMicros, long arrivedMicros, String refusal, boolean sentOnLinkDown) {
        Fate(int receiverLife, long sentMicros, long arrivedMicros, String refusal) {
            this(receiverLife, sentMicros, arrivedMicros, refusal, false);
        }
    }

    /** Reported undelivered by its sender after the send, received by nobody, and overtaken on its link. */
    private static final Fate LOST = new Fate(-1, -1, -1, null);
    /** Never left its sender: it failed after or during its injected delay, and its sender logged that later. */
    private static final Fate HELD_IN_DELAY = new Fate(-2, -1, -1, null);
    /**
     * Named by no line, and its sender was killed: held in its injected delay then, or lost with its receiver as well.
     * A faithful replay still lets it arrive (a recorded queue may count it); a what-if keeps it at its sender.
     */
    private static final Fate GONE_WITH_SENDER = new Fate(-3, -1, -1, null);

    /** An undelivered line that does not follow its send at once: the sender's life and seq, and the receiver. */
    private record LateUndelivered(String from, long incarnation, long seq, String to, boolean afterDelay) {
    }

    /** What the driver does for the network: deliveries, and which machines are up now. */
    interface Host {
        void deliver(int receiver, int receiverLife, long atMicros, Message message);

        long nowMicros();

        /**
         * Null if {@code sender}'s message to {@code receiver} is taken now (what-if only), else why not: as in
         * the real cluster, it needs the receiver up and the sender's link to it up.
         */
        String refusal(int sender, int receiver);

        /** The recorded life {@code machine} is in now: a what-if's message to it never reaches a later one. */
        int lifeNow(int machine);
    }

    /** Delays of a what-if: the extra one on top of each message, and one for a message the run never sent. */
    interface WhatIfDelays {
        long extraMicros(int from, int to, long seq);

        long unrecordedMicros(int from, int to, long seq);
    }

    private final List<String> machines;
    private final Map<String, Fate> fates;
    /**
     * Messages queued at their receiver's stop and taken by no tick: {start of that life, its stop}, the window they
     * arrived in.
     */
    private final Map<String, long[]> unprocessedAtStop;
    /**
     * What-if only: for a message the recording sent and its receiver never took, with no other fate, the least delay
     * the recording allows it (see {@link UntakenArrivals}).
     */
    private final Map<String, Long> untakenMinDelay;
    /**
     * Messages sent while their sender had the link down and not refused at once, so held by the recording's injected
     * delay: when that life's link came back ({@code peer_up}), the earliest they can have left; {@link Long#MAX_VALUE}
     * if it never did (they never left).
     */
    private final Map<String, Long> linkBackMicros;
    private final Host host;
    private final WhatIfDelays whatIf;
    /** Per link (from * n + to) the due time of its last message, so links stay FIFO. */
    private final long[] lastDueMicros;
    /**
     * What-if only: the messages kept at their sender as in the recording ({@link #HELD_IN_DELAY},
     * {@link #GONE_WITH_SENDER}); the first kind until the sender logs them undelivered ({@link #releaseHeld}).
     */
    private final Set<String> held = new HashSet<>();
    private long untaken;
    private long unrecorded;

    /**
     * {@code whatIf} null: a faithful replay; {@code heartbeatTimeoutMicros}: the recording's, after which a paused
     * machine's peers gave it up.
     */
    ReplayNetwork(RecordedRun run, Host host, WhatIfDelays whatIf, long heartbeatTimeoutMicros) {
        this.machines = run.machines();
        this.host = host;
        this.whatIf = whatIf;
        this.unprocessedAtStop = unprocessedAtStop(run);
        this.linkBackMicros = linkBack(run);
        this.fates = fates(run, unprocessedAtStop.keySet(), linkBackMicros.keySet());
        // lost on the way: its link took a later message, so the recording has no arrival for it either
        this.untakenMinDelay = whatIf == null ? Map.of() : UntakenArrivals.minDelays(run, k -> {
            Fate fate = fates.get(k);
            return fate == null || fate == LOST;
        }, unprocessedAtStop.keySet(), heartbeatTimeoutMicros);
        this.lastDueMicros = new long[machines.size() * machines.size()];
        Arrays.fill(lastDueMicros, Long.MIN_VALUE);
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
    private static Map<String, long[]> unprocessedAtStop(RecordedRun run) {
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
     * For {@link #linkBackMicros}: each send over a link its sender had down that was not refused at once, and when
     * that life's link came back. A send over a link that is down is refused at once, in the real cluster as in the
     * simulator, unless an injected delay holds it first (the link is checked after the delay).
     */
    private static Map<String, Long> linkBack(RecordedRun run) {
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
                            if (linksDown.contains(to) && !refusedAtOnce(events, k, to)) {
                                String key = key(m, life.start().incarnation(), s.seq(), to);
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

    /** Whether the send line at {@code k} is followed at once by its refusal for {@code to}. */
    private static boolean refusedAtOnce(List<Event> events, int k, String to) {
        long seq = ((Event.Send) events.get(k)).seq();
        for (int j = k + 1; j < events.size() && events.get(j) instanceof Event.Undelivered u && u.seq() == seq; j++) {
            if (u.to().equals(to) && RecordedSteps.refusedAtOnce(events, j)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every message's fate, from the senders' send and undelivered lines and the receivers' receive lines;
     * {@code unprocessed}: the messages a stop names unprocessed, {@code heldOnLinkDown}: those sent over a link its
     * sender had down and not refused at once (keys as {@link #key}).
     */
    private static Map<String, Fate> fates(RecordedRun run, Set<String> unprocessed, Set<String> heldOnLinkDown) {
        Map<String, Long> sent = new HashMap<>();
        Map<String, Fate> fates = new HashMap<>();
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
                        // a refusal at once follows its send line
                        for (int j = k + 1; j < events.size() && events.get(j) instanceof Event.Undelivered u
                                && u.seq() == s.seq(); j++) {
                            if (RecordedSteps.refusedAtOnce(events, j)) {
                                fates.put(key(m, life.start().incarnation(), s.seq(), u.to()),
                                        new Fate(-1, s.wallMicros(), -1, u.reason()));
                            }
                        }
                    } else if (events.get(k) instanceof Event.Undelivered u) {
                        lateUndelivered.add(new LateUndelivered(m, life.start().incarnation(), u.seq(), u.to(),
                                FaultyTransport.failedDuringDelay(u.reason())));
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
            if (u.afterDelay()) {
                fates.put(k, HELD_IN_DELAY);
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

    @Override
    public String send(int peer, Message message) {
        Fate fate = fates.get(key(machines.get(message.from()), message.fromIncarnation(), message.seq(),
                machines.get(peer)));
        int link = message.from() * machines.size() + peer;
        if (whatIf == null) {
            if (fate == HELD_IN_DELAY) {
                fate = LOST;
            } else if (fate == GONE_WITH_SENDER) {
                fate = null;
            }
            if (fate == null || fate == LOST) {
                untaken++; // never taken by its receiver: queued at its stop, or lost with it or its link
                String k = key(machines.get(message.from()), message.fromIncarnation(), message.seq(),
                        machines.get(peer));
                Long back = linkBackMicros.get(k);
                if (fate == null && (back == null || back < Long.MAX_VALUE)) {
                    // as early as its link lets it (FIFO: after every earlier message on it; once its sender's link
                    // is back if it was held for that), so that a recorded queue length that counted it finds it
                    // there; but in the life that logged it unprocessed, if any
                    long due = Math.max(host.nowMicros(), Math.max(lastDueMicros[link], back == null ? 0 : back));
                    long[] window = unprocessedAtStop.get(k);
                    if (window != null) { // within the life that logged it, by its stop
                        due = Math.max(host.nowMicros(), Math.max(window[0], Math.min(due, window[1])));
                    }
                    lastDueMicros[link] = Math.max(due, lastDueMicros[link]);
                    host.deliver(peer, -1, due, message);
                }
                return null; // a lost one's sender logs it undelivered when the recording says
            }
            if (fate.refusal() != null) {
                return fate.refusal();
            }
            lastDueMicros[link] = Math.max(fate.arrivedMicros(), lastDueMicros[link]);
            host.deliver(peer, fate.receiverLife(), fate.arrivedMicros(), message);
            return null;
        }
        if (fate != null && (FaultyTransport.PARTITION.equals(fate.refusal())
                || FaultyTransport.INJECTED_LOSS.equals(fate.refusal()))) {
            return fate.refusal(); // the recording's injected faults are part of its world: a what-if keeps them
        }
        if (fate == HELD_IN_DELAY || fate == GONE_WITH_SENDER) {
            // so is what its injected delay held (the sender says undelivered when the recording does) or a killed
            // sender took with it
            held.add(key(machines.get(message.from()), message.fromIncarnation(), message.seq(), machines.get(peer)));
            return null;
        }
        // one the recording's injected delay held past a link's return is checked as it arrives (Replay.deliver)
        String refusal = fate != null && fate.sentOnLinkDown() ? null : host.refusal(message.from(), peer);
        if (refusal != null) {
            return refusal;
        }
        long delay;
        if (fate != null && fate != LOST && fate.refusal() == null) {
            delay = fate.arrivedMicros() - fate.sentMicros();
        } else {
            unrecorded++;
            delay = whatIf.unrecordedMicros(message.from(), peer, message.seq());
            Long least = untakenMinDelay.get(key(machines.get(message.from()), message.fromIncarnation(), message.seq(),
                    machines.get(peer)));
            if (least != null) {
                delay = Math.max(delay, least);
            }
        }
        long due = Math.max(host.nowMicros() + Math.max(0, delay) + whatIf.extraMicros(message.from(), peer,
                message.seq()), lastDueMicros[link]);
        lastDueMicros[link] = due;
        // on the connection to the life the recording says took it, else to this life of the receiver: if that life
        // dies before it arrives, so does it (one an injected delay held past a restart went to the next life)
        host.deliver(peer, fate != null && fate.receiverLife() >= 0 ? fate.receiverLife()
                : host.lifeNow(peer), due, message);
        return null;
    }

    /**
     * What-if only: whether this life of {@code from} sent message {@code seq} to {@code to} and it was held as the
     * recording's was; then its recorded late {@code undelivered} line is its one outcome, and it is released.
     * Otherwise the what-if has it delivered, refused or lost in its own way, and that line is not for it.
     */
    boolean releaseHeld(int from, long fromIncarnation, long seq, int to) {
        return held.remove(key(machines.get(from), fromIncarnation, seq, machines.get(to)));
    }

    /**
     * What-if only: the connection between {@code a} and {@code b} is gone (a recorded {@code peer_down}). Its next
     * messages go on a new one, FIFO behind nothing of the old: a message the old one lost with a drawn delay of
     * seconds held back every later message on the link.
     */
    void connectionLost(int a, int b) {
        if (whatIf != null) {
            lastDueMicros[a * machines.size() + b] = Long.MIN_VALUE;
            lastDueMicros[b * machines.size() + a] = Long.MIN_VALUE;
        }
    }

    /** Whether the recording shows {@code to} taking {@code message} in (a receive, or a refusal for its clock). */
    boolean recordedTaken(Message message, int to) {
        Fate fate = fates.get(key(machines.get(message.from()), message.fromIncarnation(), message.seq(),
                machines.get(to)));
        return fate != null && fate.receiverLife() >= 0 && fate.refusal() == null;
    }

    /** Messages the recorded run's receivers never took (queued when they stopped, or lost with a crash). */
    long untaken() {
        return untaken;
    }

    /**
     * Messages without a recorded arrival (what-if only): sent anew by the what-if, or never taken by their receiver in
     * the recording (queued at its stop, lost with a crash); delayed as the run's messages were.
     */
    long unrecorded() {
        return unrecorded;
    }
}
