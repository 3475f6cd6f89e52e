package dev.clockscope.sim;

import dev.clockscope.node.Machine;
import dev.clockscope.node.MachineIds;

/**
 * Reads, a few events early, the state of the machines the simulation is about to touch, and does nothing with it.
 * At 10^5 machines and more a machine's turn waits on cache misses one after another (its entry in the agenda, then
 * its object, then the objects that holds, then what those hold); read early, a stage at a time, each stage's
 * misses are independent of one another and overlap with the work before, and the turn then finds its state in the
 * cache. Java has no prefetch instruction; plain reads, summed into a field so that none is dropped, stand in for
 * one. Nothing here changes what happens or in which order (see EngineeringNotebook.md, 2026-12-03).
 */
final class ReadAhead {
    /**
     * How many events ahead each stage is read: the agenda's entry, the machine's place in the array, its object,
     * the objects it points to, and what those point to. A machine's turn takes ~1 µs, a miss ~0.1 µs.
     */
    private static final int SLOT = 32;
    private static final int ARRAY = 24;
    private static final int MACHINE = 16;
    private static final int PARTS = 8;
    private static final int LEAVES = 3;

    private final EventQueue agenda;
    private final MachineIds ids;
    private final Machine[] machines;
    private final LifeTable lives;
    private final int[] tickToken;
    /** Null when messages wait in the agenda (live runs, injected faults). */
    private final Inboxes inboxes;
    /** The sum of everything read: it means nothing, it only keeps the reads from being optimised away. */
    private long sum;

    ReadAhead(EventQueue agenda, MachineIds ids, Machine[] machines, LifeTable lives, int[] tickToken, Inboxes inboxes) {
        this.agenda = agenda;
        this.ids = ids;
        this.machines = machines;
        this.lives = lives;
        this.tickToken = tickToken;
        this.inboxes = inboxes;
    }

    /** After each pop: the next events' machines, each a stage further the closer its turn. */
    void events() {
        long s = agenda.targetAhead(SLOT);
        int t = machine(agenda.targetAhead(ARRAY));
        if (t >= 0) {
            s += machines[t] == null ? 0 : 1;
        }
        t = machine(agenda.targetAhead(MACHINE));
        if (t >= 0 && machines[t] != null) {
            s += machines[t].nextDeadlineNanos();
        }
        t = machine(agenda.targetAhead(PARTS));
        if (t >= 0) {
            if (machines[t] != null) {
                s += machines[t].touch(Machine.TOUCH_TICK);
            }
            s += lives.state(t) + tickToken[t] + (inboxes == null ? 0 : inboxes.touchFirst(t));
        }
        t = machine(agenda.targetAhead(LEAVES));
        if (t >= 0) {
            if (machines[t] != null) {
                s += machines[t].touch(Machine.TOUCH_QUEUED_SENDER);
            }
            s += inboxes == null ? 0 : inboxes.touchEntry(t);
        }
        sum += s;
    }

    /** Before a machine's links come up at the start: its neighbours' names, which its log lines carry. */
    void names(int[] neighbours) {
        long s = 0;
        for (int nb : neighbours) {
            s += ids.id(nb) == null ? 0 : 1;
        }
        sum += s;
    }

    /**
     * Before {@code i}'s neighbours are told that it has gone: what that reads of each, a stage at a time over all of
     * them (at 10^6 machines every neighbour is cold).
     */
    void neighbours(int i, int[] neighbours) {
        long s = ids.id(i) == null ? 0 : 1; // its name, in each neighbour's peer_down line
        for (int nb : neighbours) {
            s += lives.state(nb) + (inboxes == null ? 0 : inboxes.touchFirst(nb)) + (machines[nb] == null ? 0 : 1);
        }
        for (int nb : neighbours) {
            s += machines[nb].nextDeadlineNanos();
        }
        for (int nb : neighbours) {
            s += machines[nb].touch(Machine.TOUCH_LINKS);
        }
        sum += s;
    }

    /** {@code target} if it names a machine (an agenda entry past the bucket's end is -1, the run's end too). */
    private int machine(int target) {
        return target >= 0 && target < machines.length ? target : -1;
    }
}
