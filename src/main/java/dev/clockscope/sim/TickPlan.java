package dev.clockscope.sim;

import dev.clockscope.node.Machine;
import dev.clockscope.random.SeededRandom;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When each simulated machine ticks: its first tick at a seeded phase once it is connected (or has waited
 * {@link Machine#RESTART_CONNECT_WAIT} for its peers), each next one at the deadline the machine gives, and a token
 * per machine that voids a tick planned before a pause or a death. What a tick does stays in {@link Machine}.
 */
final class TickPlan {
    private final SimOptions options;
    private final Machine[] machines;
    private final LifeTable lives;
    private final EventQueue agenda;
    private final VirtualTime time;
    private final int tickKind;
    private final int connectWaitOverKind;
    /** The run's end now: earlier once a run is ended from outside. */
    private final LongSupplier endNanos;
    /** Per machine: bumped by a pause or a death, so that the tick planned before it does nothing. */
    private final int[] token;
    private final boolean[] ticking;
    /** Per machine: its life has waited long enough for its peers, and ticks with those that are up. */
    private final boolean[] doneWaitingForPeers;

    TickPlan(SimOptions options, Machine[] machines, LifeTable lives, EventQueue agenda, VirtualTime time, int tickKind,
             int connectWaitOverKind, LongSupplier endNanos) {
        int n = machines.length;
        this.options = options;
        this.machines = machines;
        this.lives = lives;
        this.agenda = agenda;
        this.time = time;
        this.tickKind = tickKind;
        this.connectWaitOverKind = connectWaitOverKind;
        this.endNanos = endNanos;
        this.token = new int[n];
        this.ticking = new boolean[n];
        this.doneWaitingForPeers = new boolean[n];
    }

    /** The tokens themselves, for {@link ReadAhead} to read a few events early. */
    int[] tokens() {
        return token;
    }

    /** Starts ticking machine {@code i} once it is connected, at a seeded phase within its first period. */
    void start(int i) {
        Machine m = machines[i];
        if (ticking[i] || !(m.connected() || doneWaitingForPeers[i]) || lives.state(i) != LifeTable.ALIVE) {
            return;
        }
        ticking[i] = true;
        long periodNanos = 1_000_000_000L / m.ticksPerSecond();
        long phase = options.randomPhase()
                ? (long) (new SeededRandom(SeededRandom.machineSeed(options.seed(), i) ^ 0x7068617365L ^ lives.life(i))
                        .nextDouble() * periodNanos)
                : 0;
        long start = time.nowNanos() + phase;
        // a first life ticks its duration, as a real machine does; a later life until the run ends
        Duration d = lives.life(i) == 0 ? options.duration() : Duration.ofNanos(Math.max(1, endNanos.getAsLong() - start));
        m.startTicking(start, d);
        planNext(i);
    }

    /** Plans {@code i}'s next tick, if it has one. */
    void planNext(int i) {
        long deadline = machines[i].nextDeadlineNanos();
        if (deadline != Machine.NO_DEADLINE) {
            agenda.add(Math.max(deadline, time.nowNanos()), tickKind, i, token[i], null);
        }
    }

    /** A paused machine's next tick: planned again if it was ticking, else it starts now if it can. */
    void resume(int i) {
        if (ticking[i]) {
            planNext(i);
        } else {
            start(i);
        }
    }

    /** The tick planned with {@code t} is still {@code i}'s to run. */
    boolean current(int i, int t) {
        return t == token[i];
    }

    /** Voids {@code i}'s planned tick (a pause, a death, a stop); returns the new token. */
    int voidPlanned(int i) {
        return ++token[i];
    }

    /** {@code i}'s new life ticks anew: once connected, or {@link Machine#RESTART_CONNECT_WAIT} from now at most. */
    void newLife(int i) {
        ticking[i] = false;
        doneWaitingForPeers[i] = false;
        long waitOverNanos = time.nowNanos() + Machine.RESTART_CONNECT_WAIT.toNanos();
        if (waitOverNanos < endNanos.getAsLong()) {
            agenda.add(waitOverNanos, connectWaitOverKind, i, lives.life(i), null);
        }
    }

    /** {@code i}'s restarted life, still not connected, ticks with the peers that are up (if paused: when it resumes). */
    void doneWaiting(int i) {
        doneWaitingForPeers[i] = true;
        start(i);
    }
}
