package dev.clockscope.node;

import dev.clockscope.random.RandomSource;

/**
 * What a tick with an empty queue does: send to one neighbour, send to all of them, or an internal event.
 * Shared by every machine of a run (no per-machine state), so it costs nothing per machine.
 */
public interface ActionPolicy {
    /** {@link #choose} result: an internal event. */
    int INTERNAL = -1;
    /** {@link #choose} result: one send event to every neighbour. */
    int ALL = -2;

    /**
     * Draws the action of a machine with {@code degree} neighbours: a neighbour slot (0 ..
     * degree-1, neighbours in ascending index order), {@link #ALL} or {@link #INTERNAL}.
     */
    int choose(RandomSource random, int degree);

    /** Why this policy cannot serve a machine with {@code degree} neighbours, or null if it can. */
    String refuse(int degree);

    /** Sides of the die for the start line's {@code die} field; 0 for a policy that is not a die. */
    int dieSides();
}
