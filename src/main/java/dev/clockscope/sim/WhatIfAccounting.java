package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.node.Machine;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Message;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a what-if must say itself, where a faithful replay reads it from the recording: which messages were never
 * acknowledged, and which links go down when a life ends. Other delays leave other messages in flight or queued than
 * the recording's lines name, so each is accounted for as the real cluster would: lost with a death or a stop, held by
 * a paused peer when its sender gave the link up (a recorded {@code peer_down}), or still in flight when its sender
 * stopped.
 */
final class WhatIfAccounting {
    /** How long a real machine's stop waits for the acknowledgements of what it sent (NetTransport.close). */
    private static final long STOP_DRAIN_MICROS = 1_000_000;

    private final RecordedRun run;
    private final MachineIds ids;
    private final Replay.WhatIf whatIf;
    private final ReplayMachines machines;
    private final VirtualTime time;
    private final ReplayInFlight inFlight;
    /** Shared with {@link ReplayTimeouts}: what was reported while still queued, so that nothing is reported twice. */
    private final QueuedReports reportedWhileQueued;

    WhatIfAccounting(RecordedRun run, MachineIds ids, Replay.WhatIf whatIf, ReplayMachines machines, VirtualTime time,
                     QueuedReports reportedWhileQueued) {
        this.run = run;
        this.reportedWhileQueued = reportedWhileQueued;
        this.ids = ids;
        this.whatIf = whatIf;
        this.machines = machines;
        this.time = time;
        this.inFlight = new ReplayInFlight(ids.size());
    }

    /** A message leaves for {@code to}, due at its {@code arrivedMicros}. */
    void sent(int to, Message arriving) {
        inFlight.sent(arriving.from(), to, arriving);
    }

    /** The message reaches its receiver's side: false if its sender gave the link up meanwhile (and logged it). */
    boolean arrives(int to, Message message) {
        return inFlight.arrives(to, message);
    }

    /**
     * {@code sender} gave its link to {@code peer} up (a recorded peer_down). What a paused peer holds from it was
     * never acknowledged: the sender logs it so, and the real peer drops it when it runs again. So is what is in
     * flight, unless the sender is stopping: a real stop waits up to a second for the acknowledgements first. What
     * the paused peer had already queued it keeps and may still take: in doubt, reported once, as the simulator's
     * heartbeat time-out has it ({@link PauseTimeouts}).
     */
    void cutLink(int sender, int peer, boolean senderStopping) {
        cutLink(sender, peer, senderStopping, false, m -> false);
    }

    /**
     * As above; {@code senderResuming}: the sender's line comes as it runs again after a recorded pause, so the peer
     * had timed it out and given the link up first. Then, as the simulator's time-out has it ({@link PauseTimeouts}),
     * the sender reports what the peer has queued from it (in doubt). What is on its way arrives all the same where
     * {@code travelsOn} says so: the recording shows the peer taking it (after a peer's time-out: docs/SIMULATOR.md,
     * "Limits": links go down at once, messages travel on; or, arriving after this line, an injected delay held it at
     * its sender until a later connection).
     */
    void cutLink(int sender, int peer, boolean senderStopping, boolean senderResuming,
                 Predicate<Message> travelsOn) {
        List<Message> lost = machines.dropHeldFrom(peer, sender);
        if ((machines.paused(peer) || senderResuming) && machines.running(sender)) {
            lost.addAll(reportedWhileQueued.reportQueuedFrom(machines.get(sender), peer, machines.get(peer)));
        }
        if (!senderStopping) {
            lost.addAll(inFlight.cut(sender, peer, travelsOn));
        }
        lost.sort(Comparator.comparingLong(Message::seq));
        for (Message message : lost) {
            unacknowledged(peer, message);
        }
    }

    /**
     * A recorded {@code peer_down} for {@code i} while a recorded pause holds it: the first once the pause has lasted
     * the heartbeat time-out says its peers timed it out. A peer that is paused itself then logs its own
     * {@code peer_down} only when it runs again; the simulator's time-out ({@link PauseTimeouts}) drops what such a
     * peer sent all the same, and so does this: what {@code i} had queued from it is reported (in doubt, it may still
     * take it), what it held or had on its way is dropped and reported. A running peer does so with its own recorded
     * line ({@link #cutLink}). What is on its way travels on where {@code travelsOn} says so (an injected delay held
     * it at its sender until a later connection).
     */
    void timedOutInRecordedPause(int i, Predicate<Message> travelsOn) {
        if (!machines.timeOutRecordedPause(i, time.wallMicros(), whatIf.heartbeatTimeout().toNanos() / 1_000)) {
            return;
        }
        for (int sender = 0; sender < ids.size(); sender++) {
            if (sender == i || !machines.paused(sender)) {
                continue;
            }
            List<Message> lost = reportedWhileQueued.reportQueuedFrom(machines.get(sender), i, machines.get(i));
            lost.addAll(machines.dropHeldFrom(i, sender));
            lost.addAll(inFlight.cut(sender, i, travelsOn));
            for (Message message : lost) {
                unacknowledged(i, message);
            }
        }
    }

    /**
     * Machine {@code i} stops. A real stop waits a second for its messages' acknowledgements and logs the rest
     * "unacknowledged" before its stop line; a receiver acknowledges only what it has logged. Here a message in flight
     * is taken if it arrives within that second at a receiver that is running then (by the recording's stop and the
     * what-if's outages) and will log it, else logged so now: left to arrive later, it would find its receiver gone and
     * its sender unable to say so. So is one queued at a receiver that is killed before a tick takes it.
     */
    void settle(int i) {
        long now = time.wallMicros();
        Machine sender = machines.get(i);
        inFlight.settle(i, (to, message) -> message.arrivedMicros() <= now + STOP_DRAIN_MICROS && machines.alive(to)
                && runsUntil(to, message.arrivedMicros()) && ticksBeforeKill(to, message.arrivedMicros()) != 0,
                (to, message) -> {
                    if (message.fromIncarnation() == sender.incarnation()) {
                        sender.undelivered(to, message.seq(), "unacknowledged");
                    }
                });
        for (int to = 0; to < ids.size(); to++) {
            int ticks = to == i || !machines.alive(to) ? -1 : ticksBeforeKill(to, now);
            if (ticks < 0) {
                continue;
            }
            int receiver = to;
            int[] ahead = {0}; // each tick takes the oldest
            machines.get(to).forEachQueued((from, fromIncarnation, seq) -> {
                if (ahead[0]++ >= ticks && from == i && fromIncarnation == sender.incarnation()) {
                    sender.undelivered(receiver, seq, "unacknowledged");
                }
            });
        }
    }

    /**
     * How many ticks machine {@code i}'s current life has from {@code fromMicros} until it is killed (its recorded life
     * ends without a stop line, or a what-if crash comes first): each takes one queued message in, and what is left
     * goes with it. -1 if it stops first: its stop logs what is queued as unprocessed.
     */
    private int ticksBeforeKill(int i, long fromMicros) {
        List<Event> life = run.lives(ids.id(i)).get(machines.recordedLife(i)).events();
        Event last = life.get(life.size() - 1);
        long killedAt = last instanceof Event.Stop ? Long.MAX_VALUE : last.wallMicros() + 1;
        for (Outage crash : whatIf.crashes()) {
            long at = run.originMicros() + crash.fromNanos() / 1_000;
            if (crash.machine() == i && at >= time.wallMicros()) {
                killedAt = Math.min(killedAt, at);
            }
        }
        if (killedAt == Long.MAX_VALUE) {
            return -1;
        }
        int ticks = 0;
        for (Event e : life) {
            if (e instanceof Event.TickEvent && e.wallMicros() >= fromMicros && e.wallMicros() < killedAt) {
                ticks++;
            }
        }
        return ticks;
    }

    /** Whether machine {@code i}'s current life still runs at {@code micros}: its recorded end, the what-if's outages. */
    private boolean runsUntil(int i, long micros) {
        List<Event> life = run.lives(ids.id(i)).get(machines.recordedLife(i)).events();
        if (life.get(life.size() - 1).wallMicros() < micros) {
            return false;
        }
        long fromNanos = time.nowNanos();
        long toNanos = Math.max(0, (micros - run.originMicros()) * 1_000);
        for (List<Outage> outages : List.of(whatIf.crashes(), whatIf.pauses())) {
            for (Outage o : outages) {
                if (o.machine() == i && o.fromNanos() <= toNanos && o.toNanos() > fromNanos) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The sender of {@code message} to machine {@code i}, if it is still that life, logs it undelivered (when it runs). */
    void unacknowledged(int i, Message message) {
        Machine sender = machines.get(message.from());
        if (sender != null && sender.incarnation() == message.fromIncarnation()) {
            machines.runOrHold(message.from(), () -> sender.undelivered(i, message.seq(), "unacknowledged"));
        }
    }

    /**
     * The recorded run says when links went down; a life a what-if ends must say it itself. A paused neighbour is told
     * when it resumes; for a {@code recorded} death its own recorded lines have said it by then, and a later life of
     * {@code i} may already be up with it: that link stays.
     */
    void tellNeighboursDown(int i, boolean recorded) {
        long ended = machines.get(i).incarnation();
        for (int nb = 0; nb < ids.size(); nb++) {
            int neighbour = nb;
            if (nb != i) {
                machines.runOrHold(nb, () -> {
                    Machine m = machines.get(neighbour);
                    if (m.peerUp(i) && (!recorded || machines.get(i).incarnation() == ended)) {
                        m.linkDown(i, true);
                        m.linkDown(i, false);
                    }
                });
            }
        }
    }
}
