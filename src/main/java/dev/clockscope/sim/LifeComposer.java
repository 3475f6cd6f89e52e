package dev.clockscope.sim;

import dev.clockscope.config.NetworkFaults;
import dev.clockscope.eventlog.EventLog;
import dev.clockscope.faults.FaultRules;
import dev.clockscope.faults.FaultyTransport;
import dev.clockscope.faults.LinkControl;
import dev.clockscope.node.Machine;
import dev.clockscope.node.MachineFactory;
import dev.clockscope.node.Transport;
import dev.clockscope.random.SeededRandom;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Puts together each life of a simulated machine: its event log from the run's sinks, its transport (the
 * simulated network, behind the machine's injected faults when the run has any or is live), and the machine
 * itself from the one {@link MachineFactory} the real runtime uses too. It keeps each life's injected-fault links,
 * so a live run can cut, delay or drop on them.
 */
final class LifeComposer {
    private final SimOptions options;
    private final SimSinks sinks;
    private final MachineFactory factory;
    private final SimNetwork network;
    private final VirtualTime time;
    private final EventQueue agenda;
    private final LifeTable lives;
    /** The simulation's own array: a fault reported to a machine reaches its current life. */
    private final Machine[] machines;
    /** The run's injected faults; null when there are none. */
    private final FaultRules faults;
    /** Each machine's current life's fault links; null when no life has any (then sends go straight out). */
    private FaultyTransport[] links;

    LifeComposer(SimOptions options, SimSinks sinks, SimNetwork network, VirtualTime time, EventQueue agenda,
                 LifeTable lives, Machine[] machines) {
        this.options = options;
        this.sinks = sinks;
        MachineFactory seeded = new MachineFactory(options.ids(), options.neighbours(), options.policy(),
                options.vectors(), options.seed(), options.minRate(), options.maxRate(), options.fixedRate(),
                options.version());
        this.factory = (options.dice() == null ? seeded : seeded.withDice(options.dice())).withClocks(options.clockPlan());
        this.network = network;
        this.time = time;
        this.agenda = agenda;
        this.lives = lives;
        this.machines = machines;
        this.faults = options.faults().isEmpty() ? null : new FaultRules(options.faults());
        this.links = faults == null ? null : new FaultyTransport[machines.length];
    }

    /** Every life from now on gets links a live run can control, even without injected faults. */
    void makeControllable() {
        if (links == null) {
            links = new FaultyTransport[machines.length];
        }
    }

    /** Whether sends go through fault links: then a delayed send reaches the agenda from outside its order. */
    boolean hasFaultLinks() {
        return links != null;
    }

    /** A live control on {@code machine}'s link to {@code peer}; nothing if its life has no fault links. */
    void control(int machine, int peer, LinkControl c) {
        if (links != null && links[machine] != null) {
            links[machine].control(peer, c);
        }
    }

    /** What still waits for its injected delay in {@code machine}'s links goes in no later send. */
    void abandonDelayed(int machine) {
        if (links != null && links[machine] != null) {
            links[machine].abandonDelayed();
        }
    }

    /**
     * A life of machine {@code i}, in the life the {@link LifeTable} says; a restarted one resumes its previous
     * life's clocks ({@code resume*} >= 0, or -1 for a first life).
     */
    Machine compose(int i, long resumeLamport, long resumeOwnEntry) {
        EventLog log;
        try {
            log = sinks.open(i, lives.life(i));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FaultyTransport injected = links == null ? null : faultLinks(i);
        Transport transport = injected == null ? network : injected;
        Machine m = factory.compose(i, time.wallMicros(), transport, log, time, resumeLamport, resumeOwnEntry);
        if (injected != null) {
            injected.start(); // partition windows count from the life's start (its first tick is within a period)
            links[i] = injected;
        }
        return m;
    }

    /** The log of machine {@code i}'s life is complete. */
    void closeLog(int i) {
        try {
            sinks.close(i);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FaultyTransport faultLinks(int i) {
        int ownerLife = lives.life(i);
        return new FaultyTransport(i, options.ids(), options.neighbours().apply(i),
                faults != null ? faults : new FaultRules(NetworkFaults.NONE), network, time,
                new SeededRandom(factory.faultSeed(i)),
                (delayNanos, task) -> agenda.add(time.nowNanos() + delayNanos, Simulation.TASK, i, ownerLife, task),
                new FaultyTransport.Reporter() {
                    @Override
                    public void undelivered(int peer, long seq, String reason) {
                        machines[i].lateUndelivered(peer, seq, reason);
                    }

                    @Override
                    public void partition(int peer, boolean started) {
                        machines[i].partition(peer, started);
                    }
                });
    }
}
