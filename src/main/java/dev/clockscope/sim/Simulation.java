package dev.clockscope.sim;

import dev.clockscope.faults.LinkControl;
import dev.clockscope.node.Machine;
import dev.clockscope.node.MachineFactory;
import dev.clockscope.node.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * The deterministic simulator: the real {@link Machine}s, composed ({@link LifeComposer}) by the same
 * {@link MachineFactory} as the real runtime, driven in virtual time from one agenda ordered by (time, sequence).
 * Nothing here decides what a machine does; it only decides when things happen: ticks at each machine's deadlines,
 * messages at their link's delay, crashes, restarts and pauses at the times asked for. One thread, one seed: the
 * same options give the same events, byte for byte.
 */
public final class Simulation {
    private static final int TICK = 0;
    /** A delayed send of a machine's fault links, run by the agenda (aux: the sender's life). */
    static final int TASK = 2;
    private static final int CRASH = 3;
    private static final int RESTART = 4;
    private static final int PAUSE = 5;
    private static final int RESUME = 6;
    private static final int END = 7;
    private static final int FINISH = 8;
    /** A paused machine's peers declare it down (aux: the tick token its pause made). */
    static final int TIMEOUT = 9;
    /** A machine its peers declared down runs again and connects anew (aux: its life). */
    static final int RECONNECT = 10;
    /** A restarted machine has waited {@link Machine#RESTART_CONNECT_WAIT} for its peers (aux: its life). */
    private static final int CONNECT_WAIT_OVER = 11;
    /** Progress is reported every this many events. */
    private static final long PROGRESS_EVERY = 1 << 16;
    /**
     * An unpaced run looks for an early end ({@link #endNow}: SIGTERM) every this many agenda events: well under a
     * millisecond of the host's time, and no cost per event beyond a counter.
     */
    private static final long CHECK_EVERY = 1 << 12;

    /**
     * Paces a run for the eye (the live view): called before each event with its virtual time, it may wait until
     * the wall clock has caught up. Outside the model: the events and their order do not depend on it.
     */
    public interface Pacer {
        /**
         * Waits until the wall clock has caught up with {@code virtualNanos}, or less once {@code controlWaiting}
         * says a control came; returns the virtual time the wall clock has reached, at most {@code virtualNanos}.
         */
        long before(long virtualNanos, java.util.function.BooleanSupplier controlWaiting);
    }

    /** Told how far the run has got, every few tens of thousands of events (for a progress line). */
    public interface Progress {
        void at(long virtualNanos, long endNanos, long agendaEvents);
    }

    /** What a run produced besides its events. */
    public record Result(long endNanos, long agendaEvents, long messagesSent, long messagesLostInFlight,
                         long messagesLostSilently, long goodbyesUnacknowledged, long clockBytes, int clockBytesMax,
                         int[] ticksPerSecond, long[] finalLamport, int[] linkOffsets, int[] linkTargets,
                         long[] messagesPerLink) {
        /** Mean bytes of clock per message (Lamport + vector). */
        public double clockBytesMean() {
            return messagesSent == 0 ? 0 : (double) clockBytes / messagesSent;
        }
    }

    private final SimOptions options;
    private final int n;
    private final EventQueue agenda;
    private final VirtualTime time;
    private final SimNetwork network;
    private final Machine[] machines;
    private final LifeComposer composer;
    private final LifeTable lives;
    /** What each machine has sent and not yet seen acknowledged: a clean stop waits for it. */
    private final Acknowledgements acks;
    private final Goodbyes goodbyes;
    /** Queued messages reported unacknowledged, in doubt, when their receiver's pause was timed out. */
    private final QueuedReports inDoubt = new QueuedReports();
    private final TickPlan ticks;
    private final int[] firstRate;
    /** The run's end; earlier once a live run is ended from outside ({@link #endNow}). */
    private long endNanos;
    private String stopReason = "duration";
    private boolean endedEarly;
    /** How messages reach their receivers; made when the run starts (a live run keeps them in the agenda). */
    private Arrivals arrivals;
    private ReadAhead readAhead;
    private Outages outages;
    private Pacer pacer;
    /** Controls from the live view and an early end from a signal, waiting for the simulation's thread. */
    private final OutsideControls controls = new OutsideControls();

    public Simulation(SimOptions options, SimSinks sinks) {
        this.options = options;
        this.n = options.ids().size();
        this.agenda = EventQueue.forMachines(n);
        this.time = new VirtualTime(options.originMicros());
        this.machines = new Machine[n];
        this.lives = new LifeTable(n);
        this.ticks = new TickPlan(options, machines, lives, agenda, time, TICK, CONNECT_WAIT_OVER, this::endNanos);
        this.firstRate = new int[n];
        this.acks = new Acknowledgements(n, inDoubt, this::allAcknowledged);
        this.network = new SimNetwork(n, options.neighbours(), options.seed(), options.links(), agenda, time, lives,
                machines, acks);
        this.goodbyes = new Goodbyes(agenda, time, lives, network, acks, FINISH);
        this.composer = new LifeComposer(options, sinks, network, time, agenda, lives, machines);
        // every first life has ticked its duration by then: it starts within its first period (at most 1 s)
        this.endNanos = options.duration().toNanos() + 1_000_000_000L;
    }

    /**
     * Makes this a live run: paced by {@code pacer}, every machine's links controllable, and {@link #control}
     * taken at the next event. Live controls depend on when a person clicks: such a run is not reproducible.
     */
    public Simulation live(Pacer p) {
        this.pacer = p;
        composer.makeControllable();
        return this;
    }

    /**
     * From any thread (live runs): pause, resume, kill or restart {@code machine} at once (a paced run) or at the
     * next event. Completes with the virtual time it was done at, or with {@link ControlRefused} when it would do
     * nothing (a resume of a running machine) or the run is over.
     */
    public CompletableFuture<Long> control(MachineControl c, int machine) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        controls.add(() -> {
            String refusal = controls.over() ? "the run is over" : c.refusal(lives.state(machine), time.nowNanos() >= endNanos);
            if (refusal != null) {
                done.completeExceptionally(new ControlRefused(controls.over() ? refusal : options.ids().id(machine) + " " + refusal));
                return;
            }
            outages.apply(c, machine);
            done.complete(time.nowNanos());
        });
        return done;
    }

    /** From any thread (live runs): a cut, heal, delay or loss on {@code machine}'s link to {@code peer}; as above. */
    public CompletableFuture<Long> control(int machine, int peer, LinkControl c) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        controls.add(() -> {
            if (controls.over() || lives.gone(machine)) {
                done.completeExceptionally(new ControlRefused(controls.over() ? "the run is over"
                        : options.ids().id(machine) + " " + (lives.state(machine) == LifeTable.DEAD
                                ? "is not running (killed)" : "has stopped (the run is ending)")));
                return;
            }
            composer.control(machine, peer, c);
            done.complete(time.nowNanos());
        });
        return done;
    }

    /**
     * From any thread: the run ends at its next event (an unpaced run: within a few thousand events), as at the end
     * of its duration; the machines log {@code reason} as their stop's, a crashed one is not restarted, and nothing
     * more is paced.
     */
    public void endNow(String reason) {
        controls.add(() -> {
            if (!controls.over() && time.nowNanos() < endNanos) {
                endNanos = time.nowNanos();
                stopReason = reason;
                endedEarly = true;
                end();
            }
        });
    }

    private static boolean scheduledOnly(int kind) {
        return kind == TICK || kind == END || kind == CRASH || kind == RESTART || kind == PAUSE || kind == RESUME
                || kind == TIMEOUT;
    }

    /** Runs the whole simulation; {@code progress} may be null. */
    public Result run(Progress progress) throws IOException {
        try {
            return runInternal(progress);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            controls.end();
        }
    }

    private Result runInternal(Progress progress) throws IOException {
        // messages wait in their receivers' inboxes, except in live runs and with injected faults: there controls
        // and delayed sends reach machines from outside the agenda's order
        Inboxes inboxes = pacer == null && !composer.hasFaultLinks() ? new Inboxes(n) : null;
        arrivals = new Arrivals(machines, lives, agenda, time, inboxes, acks);
        readAhead = new ReadAhead(agenda, options.ids(), machines, lives, ticks.tokens(), inboxes);
        outages = new Outages(this, machines, lives, arrivals, composer, time, ticks,
                new PauseTimeouts(machines, lives, arrivals, agenda, time, options.links().heartbeatTimeout().toNanos(),
                        inDoubt, acks));
        network.deliverInto(inboxes);
        for (int i = 0; i < n; i++) {
            machines[i] = composer.compose(i, -1, -1);
            firstRate[i] = machines[i].ticksPerSecond();
        }
        for (int i = 0; i < n; i++) {
            int[] neighbours = machines[i].neighbours();
            readAhead.names(neighbours);
            for (int nb : neighbours) {
                machines[i].linkUp(nb, true);
                machines[i].linkUp(nb, false);
            }
        }
        for (int i = 0; i < n; i++) {
            ticks.start(i);
        }
        for (Outage c : options.crashes()) {
            agenda.add(c.fromNanos(), CRASH, c.machine(), 0, null);
            if (c.toNanos() != Long.MAX_VALUE) {
                agenda.add(c.toNanos(), RESTART, c.machine(), 0, null);
            }
        }
        for (Outage p : options.pauses()) {
            agenda.add(p.fromNanos(), PAUSE, p.machine(), 0, null);
            agenda.add(p.toNanos(), RESUME, p.machine(), 0, null);
        }
        agenda.add(endNanos, END, -1, 0, null);
        long events = 0;
        long progressAt = PROGRESS_EVERY;
        long checkAt = CHECK_EVERY;
        controls.runOnThisThread();
        while (!agenda.isEmpty() || goodbyes.endWaiting(n)) {
            if (pacer == null && events >= checkAt) {
                checkAt = events + CHECK_EVERY;
                controls.runAll();
            }
            if (pacer != null) {
                // paced for the eye until the end; what comes after (goodbyes, messages a live delay holds) is not
                long next = Math.min(agenda.peekTime(), endNanos);
                long reached = Math.min(next, pacer.before(next, controls::waiting));
                time.advanceTo(Math.max(time.nowNanos(), reached));
                controls.runAll();
                if (reached < next) {
                    continue; // a control came first, done at the time the wall clock had reached: what is next now?
                }
            }
            agenda.pop();
            if (endedEarly && agenda.poppedTime > endNanos && scheduledOnly(agenda.poppedKind)) {
                continue; // ticks, faults and the end planned for after an early end: the run is over
            }
            time.advanceTo(agenda.poppedTime);
            events++;
            readAhead.events();
            if (progress != null) {
                long done = events + arrivals.takenFromInboxes();
                if (done >= progressAt) {
                    progressAt = done + PROGRESS_EVERY;
                    progress.at(time.nowNanos(), endNanos, done);
                }
            }
            int i = agenda.poppedTarget;
            switch (agenda.poppedKind) {
                case TICK -> tick(i, agenda.poppedAux);
                case SimNetwork.DELIVER -> arrivals.deliver(i, agenda.poppedAux, (Message) agenda.poppedPayload);
                case TASK -> task(i, agenda.poppedAux, (Runnable) agenda.poppedPayload);
                case CRASH -> outages.crash(i);
                case RESTART -> outages.restart(i);
                case PAUSE -> outages.pause(i);
                case RESUME -> outages.resume(i);
                case TIMEOUT -> outages.timeOut(i, agenda.poppedAux);
                case RECONNECT -> outages.reconnect(i, agenda.poppedAux);
                case CONNECT_WAIT_OVER -> connectWaitOver(i, agenda.poppedAux);
                case END -> end();
                case FINISH -> finish(i);
                default -> throw new IllegalStateException("unknown agenda event " + agenda.poppedKind);
            }
        }
        // a message taken from an inbox counts as the agenda event it would have been
        events += arrivals.takenFromInboxes();
        if (progress != null) {
            progress.at(time.nowNanos(), endNanos, events);
        }
        arrivals.checkAllTaken();
        long[] lamport = new long[n];
        for (int i = 0; i < n; i++) {
            lamport[i] = machines[i].lamportTime();
        }
        return new Result(time.nowNanos(), events, network.sent(), arrivals.lostInFlight(), network.lostSilently(),
                goodbyes.unacknowledged(),
                network.clockBytes(),
                network.clockBytesMax(), firstRate, lamport, network.offsets(), network.targets(),
                network.messagesPerLink());
    }

    private void tick(int i, int token) {
        arrivals.takeArrived(i);
        if (!ticks.current(i, token) || lives.state(i) != LifeTable.ALIVE) {
            return; // a tick scheduled before a pause or a crash
        }
        Machine m = machines[i];
        m.runDue(time.nowNanos());
        if (m.doneTicking()) {
            stop(i);
        } else {
            ticks.planNext(i);
        }
    }

    private void task(int owner, int ownerLife, Runnable task) {
        arrivals.takeArrived(owner);
        if (ownerLife != lives.life(owner) || lives.state(owner) == LifeTable.DEAD) {
            return; // a delayed send of a life that has died: gone with its process
        }
        lives.runOrHold(owner, task);
    }

    /** {@code i} is gone: its neighbours see the links go down at once, or when they run again if paused. */
    void tellNeighboursDown(int i) {
        int[] neighbours = machines[i].neighbours();
        readAhead.neighbours(i, neighbours);
        for (int nb : neighbours) {
            if (lives.gone(nb)) {
                continue;
            }
            arrivals.takeArrived(nb);
            lives.linkDownNowOrHeld(nb, i, () -> {
                machines[nb].linkDown(i, true);
                machines[nb].linkDown(i, false);
            });
        }
    }

    /**
     * The machine's duration is over: a clean stop as protocol 3 makes it. It says goodbye (its peers refuse
     * further sends to it as "peer stopped"), acknowledges what it has taken in, and takes in what is still in flight
     * to it. When every message it sent is acknowledged (or reported undelivered, its receiver's connection gone) and
     * the last message sent to it has arrived, it logs what it holds as unprocessed and stops; then its peers see the
     * links go.
     */
    private void stop(int i) {
        arrivals.takeArrived(i);
        lives.set(i, LifeTable.STOPPING);
        ticks.voidPlanned(i);
        // paused when the run ends: what waited for it is in its log too (unprocessed), not in none
        outages.releaseHeld(i);
        arrivals.goodbye(i);
        goodbyes.said(i);
    }

    /**
     * Machine {@code i}'s new life is composed: it waits for none of what the earlier one sent, and for its peers
     * {@link Machine#RESTART_CONNECT_WAIT} at most, as a restarted real machine does.
     */
    void restarted(int i) {
        acks.restarted(i, machines[i].incarnation());
        ticks.newLife(i);
    }

    /** A restarted life that is still not connected ticks with the peers that are up (if paused: when it resumes). */
    private void connectWaitOver(int i, int life) {
        if (lives.life(i) == life && !lives.gone(i)) {
            arrivals.takeArrived(i);
            ticks.doneWaiting(i);
        }
    }

    private void finish(int i) {
        arrivals.takeArrived(i);
        if (lives.state(i) != LifeTable.STOPPING || agenda.poppedAux != lives.life(i)) {
            return; // crashed while stopping, or a later life
        }
        lives.set(i, LifeTable.STOPPED);
        // a safeguard: none is expected, as no message is sent to a machine that said goodbye and FINISH waits for
        // the last one in flight
        arrivals.dropLeftInInbox(i);
        composer.abandonDelayed(i);
        machines[i].stop(stopReason);
        composer.closeLog(i);
        tellNeighboursDown(i);
    }

    /** The last message {@code i} sent is acknowledged (the goodbyes are made after the count that tells this). */
    private void allAcknowledged(int i) {
        goodbyes.acknowledged(i);
    }

    /** The run's end: machines still up (later lives, paused ones) stop now. */
    private void end() {
        for (int i = 0; i < n; i++) {
            if (lives.state(i) == LifeTable.ALIVE || lives.state(i) == LifeTable.PAUSED) {
                stop(i);
            }
        }
    }

    public long endNanos() {
        return endNanos;
    }
}
