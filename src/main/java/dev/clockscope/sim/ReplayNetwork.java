package dev.clockscope.sim;

import static dev.clockscope.sim.RecordedFates.GONE_WITH_SENDER;
import static dev.clockscope.sim.RecordedFates.LOST;
import static dev.clockscope.sim.RecordedFates.key;

import dev.clockscope.eventlog.Event;
import dev.clockscope.faults.FaultyTransport;
import dev.clockscope.sim.RecordedFates.Fate;
import dev.clockscope.node.Message;
import dev.clockscope.node.Transport;
import java.util.Arrays;
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
 * recording's injected faults refused (partition, injected loss) is refused again, and so is one its receiver's
 * goodbye refused ({@code peer stopped}) while that receiver runs.
 */
final class ReplayNetwork implements Transport {
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

        /** Whether {@code machine} runs now: alive and not paused. */
        boolean alive(int machine);
    }

    /** Delays of a what-if: the extra one on top of each message, and one for a message the run never sent. */
    interface WhatIfDelays {
        long extraMicros(int from, int to, long seq);

        long unrecordedMicros(int from, int to, long seq);
    }

    private final List<String> machines;
    private final Map<String, Fate> fates;
    /** See {@link RecordedFates#unprocessedAtStop}. */
    private final Map<String, long[]> unprocessedAtStop;
    /**
     * What-if only: for a message the recording sent and its receiver never took, with no other fate, the least delay
     * the recording allows it (see {@link UntakenArrivals}).
     */
    private final Map<String, Long> untakenMinDelay;
    /** What-if only (else null): what the recording says of its untaken messages. */
    private final UntakenArrivals untakenArrivals;
    /** See {@link RecordedFates#linkBackMicros}. */
    private final Map<String, Long> linkBackMicros;
    private final Host host;
    private final WhatIfDelays whatIf;
    /** Per link (from * n + to) the due time of its last message, so links stay FIFO. */
    private final long[] lastDueMicros;
    /**
     * What-if only: the messages kept at their sender as in the recording ({@link Fate#heldAtSender()},
     * {@link RecordedFates#GONE_WITH_SENDER}); the first kind until the sender logs them undelivered ({@link #releaseHeld}).
     */
    private final Set<String> held = new HashSet<>();
    /**
     * What-if only: the messages whose recorded late {@code undelivered} line has passed with nothing held for it: one
     * the what-if sends in that line's microsecond after it is not held for it.
     */
    private final Set<String> lineGone = new HashSet<>();
    /**
     * What-if only: each recorded {@code peer_up} as receiver, peer and microsecond. The lines of one microsecond have
     * no order across machines, so a send in the microsecond its receiver logs the link up again may have found it up
     * or down: the recording's verdict on that send settles it.
     */
    private final Set<String> reconnectedAt = new HashSet<>();
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
        RecordedFates recorded = RecordedFates.of(run);
        this.unprocessedAtStop = recorded.unprocessedAtStop();
        this.linkBackMicros = recorded.linkBackMicros();
        this.fates = recorded.fates();
        // lost on the way: its link took a later message, so the recording has no arrival for it either
        this.untakenArrivals = whatIf == null ? null : UntakenArrivals.of(run, k -> {
            Fate fate = fates.get(k);
            return fate == null || fate == LOST;
        }, unprocessedAtStop.keySet(), heartbeatTimeoutMicros);
        this.untakenMinDelay = whatIf == null ? Map.of() : untakenArrivals.minDelays();
        if (whatIf != null) {
            for (String m : machines) {
                for (RecordedRun.Life life : run.lives(m)) {
                    for (Event e : life.events()) {
                        if (e instanceof Event.PeerUp u) {
                            reconnectedAt.add(m + '\u0000' + u.peer() + '\u0000' + u.wallMicros());
                        }
                    }
                }
            }
        }
        this.lastDueMicros = new long[machines.size() * machines.size()];
        Arrays.fill(lastDueMicros, Long.MIN_VALUE);
    }

    @Override
    public String send(int peer, Message message) {
        // the message's key, built once: the recording's lines about it are looked up by it
        String k = key(machines.get(message.from()), message.fromIncarnation(), message.seq(), machines.get(peer));
        Fate fate = fates.get(k);
        int link = message.from() * machines.size() + peer;
        if (whatIf == null) {
            if (fate != null && fate.heldAtSender()) {
                fate = LOST;
            } else if (fate == GONE_WITH_SENDER) {
                fate = null;
            }
            if (fate == null || fate == LOST) {
                untaken++; // never taken by its receiver: queued at its stop, or lost with it or its link
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
        if (fate != null && LifeTable.PEER_STOPPED.equals(fate.refusal()) && host.alive(peer)
                && host.refusal(message.from(), peer) == null) {
            // its receiver had said goodbye after its last tick, and a what-if keeps its ticks and its stop (a machine
            // the what-if pauses says no goodbye)
            return fate.refusal();
        }
        if (fate == GONE_WITH_SENDER || fate != null && fate.heldAtSender()
                && host.nowMicros() <= fate.undeliveredMicros() && !lineGone.contains(k)) {
            // so is what a killed sender took with it, or what the recording held at its sender (its injected delay, its
            // receiver's goodbye): the sender says undelivered when the recording does; sent after that, it is a
            // message the what-if settles in its own way
            held.add(k);
            return null;
        }
        boolean ambiguous = host.alive(peer) && reconnectedAt.contains(
                machines.get(peer) + '\u0000' + machines.get(message.from()) + '\u0000' + host.nowMicros());
        if (ambiguous && fate != null && LifeTable.PEER_DOWN.equals(fate.refusal())) {
            return fate.refusal(); // it found the receiver's side still down
        }
        // one the recording's injected delay held past a link's return is checked as it arrives (Replay.deliver); one
        // sent as its receiver came back, that the recording has taken, found the link up
        boolean recordedThrough = fate != null && (fate.sentOnLinkDown() || ambiguous && taken(fate));
        String refusal = recordedThrough ? null : host.refusal(message.from(), peer);
        if (refusal != null) {
            return refusal;
        }
        long delay;
        if (taken(fate)) {
            delay = fate.arrivedMicros() - fate.sentMicros();
        } else {
            unrecorded++;
            delay = whatIf.unrecordedMicros(message.from(), peer, message.seq());
            Long least = untakenMinDelay.get(k);
            if (least != null) {
                delay = Math.max(delay, least);
            }
            long[] window = fate == null ? unprocessedAtStop.get(k) : null;
            if (window != null) {
                // its receiver's stop names it unprocessed: it had arrived by then
                delay = Math.min(delay, window[1] - host.nowMicros());
            }
        }
        long due = Math.max(host.nowMicros() + Math.max(0, delay) + whatIf.extraMicros(message.from(), peer,
                message.seq()), lastDueMicros[link]);
        lastDueMicros[link] = due;
        // on the connection to this life of the receiver: if that life dies before it arrives, so does it; but one an
        // injected delay held past a restart went to the next life, as the recording says
        int life = host.lifeNow(peer);
        host.deliver(peer, fate != null && fate.receiverLife() > life ? fate.receiverLife() : life, due, message);
        return null;
    }

    /**
     * What-if only: whether this life of {@code from} sent message {@code seq} to {@code to} and it was held as the
     * recording's was; then its recorded late {@code undelivered} line is its one outcome, and it is released.
     * Otherwise the what-if has it delivered, refused or lost in its own way, and that line is not for it.
     */
    boolean releaseHeld(int from, long fromIncarnation, long seq, int to) {
        String k = key(machines.get(from), fromIncarnation, seq, machines.get(to));
        if (held.remove(k)) {
            return true;
        }
        lineGone.add(k);
        return false;
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
        return recordedTakenAfter(message, to, Long.MIN_VALUE);
    }

    /** Whether the recording shows {@code to} taking {@code message} in, and it arrived after {@code micros}. */
    boolean recordedTakenAfter(Message message, int to, long micros) {
        Fate fate = fates.get(key(machines.get(message.from()), message.fromIncarnation(), message.seq(),
                machines.get(to)));
        return taken(fate) && fate.arrivedMicros() > micros;
    }

    /** A receive's fate (or a refusal for its clock): not a refusal at its send, nor lost or kept at its sender. */
    private static boolean taken(Fate fate) {
        return fate != null && fate.receiverLife() >= 0 && fate.refusal() == null;
    }

    /**
     * What-if only: when the peers of {@code machine}'s recorded life {@code life} timed out a pause of it that no line
     * bounds, as its lost messages show (see {@link UntakenArrivals#provenTimeOuts}).
     */
    long[] provenTimeOuts(String machine, int life) {
        return untakenArrivals == null ? new long[0] : untakenArrivals.provenTimeOuts(machine, life);
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
