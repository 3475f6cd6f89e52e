package dev.clockscope.sim;

import dev.clockscope.config.LinkSettings;
import dev.clockscope.config.NetworkFaults;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import dev.clockscope.node.Machine;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Message;
import dev.clockscope.node.VectorMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A recorded run of the real cluster re-executed by the same {@link Machine}s in virtual time: every life
 * starts when it started (same seed, rate and incarnation), every tick runs when it ran, links come and go
 * when they did, and every message arrives when it arrived ({@link ReplayNetwork}). What the machines do —
 * the dice, the clocks, the queue — is theirs again, so the replayed events can be compared with the real
 * ones event for event ({@link ReplayComparison}).
 *
 * <p>The one thing logs cannot say exactly is whether a message that had arrived by a tick's microsecond was
 * already in the queue (the network thread stamps it, then hands it over). The tie rule: an arrived message
 * waits in an inbox, and a tick takes into the queue, in arrival order, as many as the recorded tick had in
 * its queue (its {@code queue} field, plus the one it took); the others wait for the next tick. Each such
 * wait is counted ({@link ReplayInbox}).
 *
 * <p>A what-if ({@link WhatIf}) keeps the lives' start and tick times and the seed, and changes one thing:
 * extra delay on every message, a crash or a pause. Messages then take their recorded one-way delay (one the
 * run never sent, a delay drawn from the run's own) plus the extra, and arrive straight into the queue.
 */
public final class Replay {
    /**
     * What to change: an extra delay on every message (null: none), crashes (kill -9, then a new life at TO)
     * and pauses, at virtual times counted from the recorded run's first start line; a pause longer than the
     * recording's heartbeat timeout is seen by the peers ({@link ReplayTimeouts}).
     */
    public record WhatIf(NetworkFaults.Delay extraDelay, List<Outage> crashes, List<Outage> pauses,
                         Duration heartbeatTimeout) {
        public WhatIf {
            crashes = List.copyOf(crashes);
            pauses = List.copyOf(pauses);
        }

        /** Whether a crash without restart ({@code ID@FROM}) has killed {@code machine} by {@code nowNanos}. */
        boolean killedForGood(int machine, long nowNanos) {
            return crashes.stream().anyMatch(c -> c.machine() == machine && c.forGood() && c.fromNanos() <= nowNanos);
        }

        /** With the real cluster's default heartbeat timeout. */
        public WhatIf(NetworkFaults.Delay extraDelay, List<Outage> crashes, List<Outage> pauses) {
            this(extraDelay, crashes, pauses, LinkSettings.DEFAULT_HEARTBEAT_TIMEOUT);
        }
    }

    /** How the replay went; {@code lives.get(i)} are the replayed lives of machine i, each its events. */
    public record Result(Path dir, List<List<List<Event>>> lives, long heldInInbox, long missingAtTick,
                         long untaken, long unrecorded, String fingerprint) {
    }

    private final RecordedRun run;
    private final Path outDir;
    private final WhatIf whatIf;
    private final MachineIds ids;
    private final int n;
    private final ReplayAgenda agenda;
    private final VirtualTime time;
    private final ReplayHost host;
    private final ReplayNetwork network;
    private final ReplayMachines machines;
    /** Per machine: how many lives the replay has made of it (its log files). */
    private final int[] replayedLives;
    private final ReplayInbox inbox;
    /** What-if only (else null): same-microsecond arrivals, taken in their recorded order. */
    private final SameMicrosecondArrivals arrivedNow;
    /** Per machine, what its current recorded life's lines say (what it left unprocessed, its order, its pauses). */
    private final LifeScript[] scripts;
    /** What-if only (else null): the messages a what-if must account for itself. */
    private final WhatIfAccounting accounting;
    /** What-if only (else null): the peers of a machine paused past the heartbeat timeout declare it down. */
    private final ReplayTimeouts timeouts;
    private final List<List<List<Event>>> replayed = new ArrayList<>();
    private final Fingerprint fingerprint = new Fingerprint();
    private final RunSinks sinks;
    private final ReplayLifeFactory lifeFactory;
    private final RecordedLines lines;

    /**
     * @param minRate the rate range the recorded machines drew from (config.json's ticksPerSecond): the draw
     *                must consume the dice as the real one did
     * @param whatIf  null for a faithful replay
     */
    public Replay(RecordedRun run, Path outDir, int minRate, int maxRate, WhatIf whatIf) {
        this.run = run;
        this.outDir = outDir;
        this.whatIf = whatIf;
        this.ids = MachineIds.of(run.machines());
        this.n = ids.size();
        this.agenda = new ReplayAgenda(run.originMicros());
        this.time = new VirtualTime(run.originMicros());
        this.machines = new ReplayMachines(n);
        this.replayedLives = new int[n];
        this.inbox = new ReplayInbox(n);
        this.arrivedNow = whatIf == null ? null : new SameMicrosecondArrivals(n);
        this.scripts = new LifeScript[n];
        Arrays.fill(scripts, LifeScript.NONE);
        QueuedReports reportedWhileQueued = new QueuedReports();
        this.accounting = whatIf == null ? null : new WhatIfAccounting(run, ids, whatIf, machines, time,
                reportedWhileQueued);
        this.timeouts = whatIf == null ? null : new ReplayTimeouts(machines, accounting, n, reportedWhileQueued);
        for (int i = 0; i < n; i++) {
            replayed.add(new ArrayList<>());
        }
        this.sinks = new RunSinks(ids, outDir, fingerprint, (i, event) -> {
            if (event instanceof Event.Start) {
                replayed.get(i).add(new ArrayList<>());
            }
            List<List<Event>> lives = replayed.get(i);
            lives.get(lives.size() - 1).add(event);
        });
        this.host = new ReplayHost(agenda, time, machines, accounting);
        this.network = new ReplayNetwork(run, host,
                whatIf == null ? null : new DrawnWhatIfDelays(run, whatIf.extraDelay()),
                whatIf == null ? 0 : whatIf.heartbeatTimeout().toNanos() / 1_000);
        this.lines = new RecordedLines(ids, machines, network, accounting, time, scripts);
        this.lifeFactory = new ReplayLifeFactory(ids, RecordedSteps.recordsVectors(run) ? VectorMode.DENSE
                : VectorMode.OFF, minRate, maxRate, network, time);
    }

    public Result run() throws IOException {
        try {
            agenda.lifeStarts(run, ids);
            if (whatIf != null) {
                agenda.killedLivesDieWhenTheirPeersSawIt(run, ids);
                agenda.outages(whatIf);
            }
            while (!agenda.isEmpty()) {
                agenda.pop();
                time.advanceTo(Math.max(time.nowNanos(), agenda.poppedNanos()));
                int i = agenda.poppedMachine();
                switch (agenda.poppedKind()) {
                    case ReplayAgenda.LIFE -> {
                        if (whatIf == null || !whatIf.killedForGood(i, time.nowNanos())) {
                            startLife(i, agenda.poppedLife(), false);
                        }
                    }
                    case ReplayAgenda.STEP -> step(i, agenda.poppedLife(), agenda.poppedStep());
                    case ReplayAgenda.DELIVER -> arrive(i, agenda.poppedLife(), agenda.poppedMessage());
                    case ReplayAgenda.SEEN -> {
                        if (arrivedNow.add(i, agenda.poppedLife(), agenda.poppedMessage())) {
                            agenda.takeArrived(time.wallMicros(), i, true);
                        }
                    }
                    case ReplayAgenda.TAKE_ARRIVED -> {
                        for (SameMicrosecondArrivals.Arrival a : arrivedNow.take(i, scripts[i].receiveOrder())) {
                            deliver(i, a.receiverLife(), a.message());
                        }
                    }
                    case ReplayAgenda.CRASH -> crash(i, false);
                    case ReplayAgenda.RESTART -> restart(i);
                    case ReplayAgenda.PAUSE -> machines.pause(i);
                    case ReplayAgenda.RESUME -> {
                        machines.resume(i, time.wallMicros());
                        timeouts.resumed(i);
                    }
                    case ReplayAgenda.TIMEOUT -> timeouts.timeOut(i);
                    case ReplayAgenda.RECORDED_TIMEOUT -> {
                        if (machines.recordedLife(i) == agenda.poppedLife()) {
                            accounting.timedOutInRecordedPause(i, lines.takenLaterBy(i));
                        }
                    }
                    case ReplayAgenda.RECORDED_PAUSE ->
                            machines.recordedPause(i, agenda.poppedLife(), time.wallMicros());
                    default -> throw new IllegalStateException("unknown agenda event " + agenda.poppedKind());
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            sinks.closeAll();
        }
        return new Result(outDir, replayed, inbox.heldInInbox(), inbox.missingAtTick(), network.untaken(),
                network.unrecorded(), fingerprint.hex());
    }

    /** Messages the host still keeps a receiver's life for: none once a run is over (every delivery came). */
    int messagesOnTheHostsBooks() {
        return host.onTheBooks();
    }

    /** A recorded life starts: the same seed, rate, incarnation and version as its start line. */
    private void startLife(int i, int l, boolean whatIfRestart) {
        RecordedRun.Life life = run.lives(ids.id(i)).get(l);
        if (!whatIfRestart && !machines.dead(i)) {
            killed(i); // the recorded run restarted it: the previous life was killed
        }
        long incarnation = whatIfRestart ? time.wallMicros() : life.start().incarnation();
        EventLog log;
        try {
            log = sinks.open(i, replayedLives[i]++);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a life that resumed an earlier one's clocks does again (the recording's start line says from what)
        Machine newLife = lifeFactory.compose(i, life.start(), incarnation, log, machines.get(i), whatIf != null,
                whatIfRestart);
        machines.started(i, l, newLife);
        inbox.clear(i);
        scripts[i] = LifeScript.of(run, ids, ids.id(i), l,
                whatIf == null || whatIfRestart ? 0 : whatIf.heartbeatTimeout().toNanos() / 1_000,
                network.provenTimeOuts(ids.id(i), l));
        if (whatIfRestart) {
            // a new life the recorded run did not have: it connects to whoever is there, then ticks on as the
            // recorded life did after this moment
            for (int nb : newLife.neighbours()) {
                // a paused neighbour answers the handshake when it runs again, as in the simulator
                machines.runOrHold(nb, () -> {
                    if (machines.get(i) == newLife && machines.running(i)) {
                        machines.runOrHold(i, () -> {
                            newLife.linkUp(nb, true);
                            newLife.linkUp(nb, false);
                        });
                        machines.get(nb).linkUp(i, true);
                        machines.get(nb).linkUp(i, false);
                    }
                });
            }
            machines.awaitStep(i, agenda.nextStep(i, l, life.events(),
                    RecordedSteps.firstAtOrAfter(life, time.wallMicros()) - 1));
        } else {
            machines.awaitStep(i, agenda.nextStep(i, l, life.events(), 0));
            if (whatIf != null) {
                // the recording's stalls as pauses: what reaches a stalled machine waits until its stall line, and
                // a peer that gave the link up meanwhile takes back what it had sent (WhatIfAccounting.cutLink); a
                // faithful replay needs no pause, it has the arrivals
                agenda.recordedPauses(i, l, life.events(), scripts[i]);
            }
        }
    }

    private void step(int i, int l, int k) {
        List<Event> events = run.lives(ids.id(i)).get(l).events();
        if (!machines.awaits(i, l, k) || machines.gone(i)) {
            return; // a life a what-if crash ended, or a step of it scheduled before that crash
        }
        if (k == events.size()) {
            killed(i);
            return;
        }
        if (scripts[i].silentPauseEndsAt(k)) {
            // a recorded pause with no stall line ends here: it runs again and takes what reached it meanwhile
            machines.endRecordedPause(i, time.wallMicros(), scripts[i].receiveOrder());
        }
        Event e = events.get(k);
        Machine m = machines.get(i);
        if (e instanceof Event.TickEvent t) {
            if (machines.paused(i)) {
                machines.missTick(i, time.wallMicros());
            } else {
                if (whatIf == null) {
                    inbox.take(i, m, t, RecordedSteps.refusedBefore(events, k), scripts[i].unprocessedAtStop(),
                            scripts[i].receiveOrder());
                }
                m.tick();
            }
        } else if (e instanceof Event.Stop s) {
            // what arrived and no tick took is in the queue at the stop: the machine logs it as unprocessed; so is
            // what a recorded pause that lasted to the stop held (a slow stop its peers timed out)
            machines.release(i, time.wallMicros());
            if (whatIf == null) {
                // a message that had not arrived (one the recording lost with its sender, say) is not unprocessed
                inbox.takeAll(i, m, scripts[i].unprocessedAtStop());
            } else {
                inbox.takeAll(i, m);
            }
            if (accounting != null) {
                accounting.settle(i);
            }
            m.stop(s.reason());
            machines.stopped(i);
            if (accounting != null) {
                accounting.tellNeighboursDown(i, false);
            }
            return;
        } else {
            Runnable line = () -> lines.apply(i, m, events, k);
            int handshakeWith = e instanceof Event.PeerUp u ? ids.indexOf(u.peer()) : -1;
            if (handshakeWith >= 0 && machines.pausedByWhatIf(handshakeWith)) {
                // a peer the what-if pauses answers the handshake when it runs again, as for a what-if restart
                machines.runOrHold(handshakeWith, () -> {
                    if (machines.get(i) == m && machines.running(i)) {
                        machines.runOrHold(i, line);
                    }
                });
            } else if (machines.pausedByWhatIf(i)) {
                // a stopped process logs nothing: what its links did meanwhile it takes in when it runs again
                machines.runOrHold(i, line);
            } else {
                line.run();
            }
        }
        machines.awaitStep(i, agenda.nextStep(i, l, events, k));
    }

    /**
     * A faithful replay's message arrives; a what-if's waits for the others of its microsecond, or, if it arrives when
     * the recording says and a recorded tick after that did not see it yet, for that tick.
     */
    private void arrive(int i, int receiverLife, Message message) {
        if (arrivedNow == null) {
            deliver(i, receiverLife, message);
            return;
        }
        long unseenUntil = receiverLife >= 0 && receiverLife == machines.recordedLife(i)
                ? scripts[i].unseenUntilMicros(RecordedSteps.messageKey(message, ids), time.wallMicros())
                : Long.MIN_VALUE;
        if (unseenUntil != Long.MIN_VALUE) {
            agenda.seenAfterStep(unseenUntil, i, receiverLife, message);
        } else if (arrivedNow.add(i, receiverLife, message)) {
            agenda.takeArrived(time.wallMicros(), i, false);
        }
    }

    private void deliver(int i, int receiverLife, Message message) {
        // off the host's books on every path, first: a message its sender took back stayed there to the run's end
        boolean toAnEndedLife = accounting != null && host.sentToAnEndedLife(i, message);
        if (accounting != null && !accounting.arrives(i, message)) {
            return; // its sender gave the link up while it was in flight, and logged it
        }
        if (machines.gone(i) || (receiverLife >= 0 && machines.recordedLife(i) != receiverLife) || toAnEndedLife) {
            if (accounting != null) {
                // in flight when it died or stopped: never acknowledged, so its sender (if still up) logs it
                accounting.unacknowledged(i, message);
            }
            return; // its receiver is gone
        }
        if (whatIf == null) {
            if (receiverLife < 0) {
                inbox.addUntaken(i, message); // no recorded arrival: its receiver never took it
            } else {
                inbox.add(i, message);
            }
        } else {
            machines.deliver(i, message);
        }
    }

    /**
     * A recorded life ended without a stop line (kill -9). A what-if accounts for its messages as for a crash of its
     * own: with other delays than the recording's, other messages were queued or in flight when it died, and the
     * recording's "unacknowledged" lines would name the wrong ones (the others were in no log).
     */
    private void killed(int i) {
        if (whatIf != null && machines.running(i)) {
            crash(i, true);
        } else {
            endLife(i, true);
        }
    }

    /**
     * A recorded life ended without a stop line (kill -9), or a what-if crash: gone. {@code recorded}: its peers'
     * logs say when they saw it go, and a paused one's says it before a later life's link comes up.
     */
    private void endLife(int i, boolean recorded) {
        machines.died(i);
        try {
            sinks.close(i);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (accounting != null) {
            accounting.tellNeighboursDown(i, recorded);
        }
    }

    private void crash(int i, boolean recorded) {
        if (machines.running(i)) {
            // the recording's kills replay their senders' lines; a what-if kill must say them itself, as the
            // simulator does: what it had taken in, or held while paused, was never acknowledged
            List<Message> lost = new ArrayList<>(List.of(machines.get(i).dropQueue()));
            lost.addAll(machines.dropHeld(i));
            endLife(i, recorded);
            for (Message m : lost) {
                if (!timeouts.reported(i, m)) { // reported when its peers timed a pause of it out
                    accounting.unacknowledged(i, m);
                }
            }
        }
    }

    private void restart(int i) {
        if (machines.dead(i) && !run.lives(ids.id(i)).isEmpty()) {
            startLife(i, machines.recordedLife(i), true);
        }
    }
}
