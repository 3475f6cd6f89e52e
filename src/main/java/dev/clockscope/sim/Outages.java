package dev.clockscope.sim;

import dev.clockscope.node.Machine;
import dev.clockscope.node.Message;
import java.util.ArrayDeque;

/**
 * A simulated machine's outages, at the times {@code --crash} and {@code --pause} give or when the live view asks:
 * a crash (as kill -9), a restart (a new life), a pause (as SIGSTOP) and a resume (as SIGCONT). Called by the
 * simulation's thread between two events; what a machine does stays in {@link Machine}.
 */
final class Outages {
    private final Simulation simulation;
    private final Machine[] machines;
    private final LifeTable lives;
    private final Arrivals arrivals;
    private final LifeComposer composer;
    private final VirtualTime time;
    /** The simulation's: a pause or a crash voids the machine's planned tick. */
    private final TickPlan ticks;
    private final PauseTimeouts timeouts;

    Outages(Simulation simulation, Machine[] machines, LifeTable lives, Arrivals arrivals, LifeComposer composer,
            VirtualTime time, TickPlan ticks, PauseTimeouts timeouts) {
        this.simulation = simulation;
        this.machines = machines;
        this.lives = lives;
        this.arrivals = arrivals;
        this.composer = composer;
        this.time = time;
        this.ticks = ticks;
        this.timeouts = timeouts;
    }

    /** A control of the live view, which {@link MachineControl#refusal} has let through. */
    void apply(MachineControl c, int machine) {
        switch (c) {
            case PAUSE -> pause(machine);
            case RESUME -> resume(machine);
            case KILL -> crash(machine);
            case RESTART -> restart(machine);
            default -> throw new IllegalStateException(c.toString());
        }
    }

    /** Like kill -9: the life ends mid-run, with no stop line; its peers see the links go down. */
    void crash(int i) {
        arrivals.takeArrived(i);
        if (lives.gone(i)) {
            return;
        }
        // what it took in and logged no receive for was never acknowledged: its senders log it undelivered once
        // the link has gone, as in the real cluster; from its goodbye on a machine acknowledges what it takes in
        boolean saidGoodbye = lives.state(i) == LifeTable.STOPPING;
        Message[] queued = saidGoodbye ? new Message[0] : machines[i].dropQueue();
        lives.set(i, LifeTable.DEAD); // also while stopping: the goodbye never finished
        ticks.voidPlanned(i);
        ArrayDeque<Object> held = lives.takeHeld(i); // what waited for it dies with it
        composer.closeLog(i);
        simulation.tellNeighboursDown(i);
        for (Message m : queued) {
            if (!timeouts.reported(i, m)) { // reported when its peers timed a pause of it out
                arrivals.dropped(i, m);
            }
        }
        if (held != null) {
            for (Object o : held) {
                if (o instanceof Message m) {
                    arrivals.dropped(i, m);
                }
            }
        }
        arrivals.dropInFlight(i, saidGoodbye); // what was on its way to it, sent after all of those
    }

    /** A new life: same rate and dice (same seed), a new incarnation; it ticks once connected again. */
    void restart(int i) {
        if (lives.state(i) != LifeTable.DEAD || time.nowNanos() >= simulation.endNanos()) {
            return;
        }
        lives.nextLife(i);
        // the new life resumes what the dead one reached (its log is complete: a simulator loses no line)
        Machine dead = machines[i];
        machines[i] = composer.compose(i, dead.lamportTime(),
                dead.vectorClock() == null ? 0 : dead.vectorClock().get(i));
        simulation.restarted(i);
        connectNeighbours(i);
    }

    /** Like SIGSTOP: nobody notices until the heartbeat timeout ({@link PauseTimeouts}). */
    void pause(int i) {
        arrivals.takeArrived(i);
        if (lives.state(i) != LifeTable.ALIVE) {
            return;
        }
        lives.set(i, LifeTable.PAUSED);
        timeouts.paused(i, ticks.voidPlanned(i));
    }

    /** The heartbeat timeout of the pause that made {@code i}'s tick token {@code token}. */
    void timeOut(int i, int token) {
        timeouts.timeOut(i, ticks.current(i, token));
    }

    /** {@code i}'s life {@code life}, declared down by its peers, runs again: it connects anew. */
    void reconnect(int i, int life) {
        timeouts.reconnect(i, life);
    }

    /**
     * Like SIGCONT: what arrived meanwhile is taken in, then the next tick is due now (a stall if late); paused past
     * the heartbeat timeout, it then finds its connections gone and connects anew ({@link PauseTimeouts}).
     */
    void resume(int i) {
        arrivals.takeArrived(i);
        if (lives.state(i) != LifeTable.PAUSED) {
            return;
        }
        lives.set(i, LifeTable.ALIVE);
        releaseHeld(i);
        ticks.resume(i);
        if (lives.declaredDown(i)) {
            timeouts.resumed(i);
        }
    }

    /** What waited for {@code i} while it was paused, in order: messages into its queue now, link changes done. */
    void releaseHeld(int i) {
        ArrayDeque<Object> waiting = lives.takeHeld(i);
        if (waiting != null) {
            for (Object o : waiting) {
                if (o instanceof Message m) {
                    machines[i].deliver(m.arrivedAt(time.wallMicros()));
                } else {
                    ((Runnable) o).run();
                }
            }
        }
    }

    /**
     * A new life of {@code i} connects to each neighbour that is there: both sides see the links come up at
     * once, or, with a paused neighbour, when that neighbour runs again and answers the handshake.
     */
    private void connectNeighbours(int i) {
        int iLife = lives.life(i);
        for (int nb : machines[i].neighbours()) {
            if (lives.gone(nb) || lives.state(nb) == LifeTable.STOPPING) {
                continue;
            }
            arrivals.takeArrived(nb);
            int nbLife = lives.life(nb);
            lives.runWhenBothRun(i, nb, () -> {
                if (lives.life(i) != iLife || lives.gone(i) || lives.life(nb) != nbLife || lives.gone(nb)) {
                    return; // one of the two lives is gone again (a new one connects by itself)
                }
                arrivals.takeArrived(i); // also when held: run when nb resumes, later
                arrivals.takeArrived(nb);
                machines[i].linkUp(nb, true);
                machines[i].linkUp(nb, false);
                machines[nb].linkUp(i, true);
                machines[nb].linkUp(i, false);
                ticks.start(i);
                ticks.start(nb);
            });
        }
    }
}
