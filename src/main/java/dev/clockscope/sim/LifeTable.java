package dev.clockscope.sim;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Where each machine of a simulation is in its lives: alive, paused, stopping (said goodbye), stopped or dead,
 * which life it is in, which connection messages to it travel on, and the work that reached it while it was
 * paused. The simulation moves machines between these states; the network asks it whether a receiver takes a
 * message.
 */
final class LifeTable implements SimNetwork.Lives {
    static final byte ALIVE = 0;
    static final byte PAUSED = 1;
    static final byte DEAD = 2;
    static final byte STOPPED = 3;
    /** Said goodbye: peers send it nothing more ("peer stopped"), what is in flight to it still arrives. */
    static final byte STOPPING = 4;
    /** Why a send to a machine that has said goodbye is refused, also once it has stopped or died since. */
    static final String PEER_STOPPED = "peer stopped";
    /** Why a send to a machine that is gone, or that its peers have given up, is refused. */
    static final String PEER_DOWN = "peer down";

    private final byte[] state;
    private final int[] life;
    /**
     * Messages to a machine are stamped with this when sent; one stamped with an earlier connection was on a
     * connection that is gone (its receiver died, or was paused past the heartbeat timeout) and is not taken.
     */
    private final int[] connection;
    /** Paused past the heartbeat timeout: its peers have declared it down and send it nothing until it is back. */
    private final boolean[] declaredDown;
    /**
     * Its life has said goodbye: from then on, its links gone or not, its peers refuse sends to it as "peer stopped",
     * as a real machine's transport does once a peer's goodbye has come, until a new life of the peer connects.
     */
    private final boolean[] saidGoodbye;
    /** What reached a paused machine: messages and link changes, run in order when it resumes. */
    private final ArrayDeque<Object>[] held;
    /** Links a paused machine has lost and will log down when it runs again (its lines still show them up). */
    private final Set<HeldDown> heldDowns = new HashSet<>();

    private record HeldDown(int machine, int life, int peer) {
    }

    @SuppressWarnings("unchecked")
    LifeTable(int n) {
        this.state = new byte[n];
        this.life = new int[n];
        this.connection = new int[n];
        this.declaredDown = new boolean[n];
        this.saidGoodbye = new boolean[n];
        this.held = new ArrayDeque[n];
    }

    byte state(int machine) {
        return state[machine];
    }

    void set(int machine, byte newState) {
        state[machine] = newState;
        if (newState == STOPPING) {
            saidGoodbye[machine] = true;
        }
    }

    /** Its process is gone: dead (crashed) or stopped. */
    boolean gone(int machine) {
        return state[machine] == DEAD || state[machine] == STOPPED;
    }

    @Override
    public String refusal(int machine) {
        byte s = state[machine];
        if (s == ALIVE) {
            return null;
        }
        return saidGoodbye[machine] ? PEER_STOPPED : gone(machine) || declaredDown[machine] ? PEER_DOWN : null;
    }

    int life(int machine) {
        return life[machine];
    }

    @Override
    public int connection(int machine) {
        return connection[machine];
    }

    /** A dead machine comes back: its next life, alive, on new connections. */
    void nextLife(int machine) {
        life[machine]++;
        connection[machine]++;
        declaredDown[machine] = false;
        saidGoodbye[machine] = false;
        state[machine] = ALIVE;
    }

    /**
     * The paused {@code machine}'s peers have timed it out: what was on its connections will not reach it, and
     * nothing is sent to it until it is back ({@link #backUp}).
     */
    void declareDown(int machine) {
        declaredDown[machine] = true;
        connection[machine]++;
    }

    @Override
    public boolean declaredDown(int machine) {
        return declaredDown[machine];
    }

    /** It runs again and has connected anew. */
    void backUp(int machine) {
        declaredDown[machine] = false;
    }

    /** Kept for when the paused {@code machine} runs again: a message, or a {@link Runnable}. */
    void hold(int machine, Object what) {
        if (held[machine] == null) {
            held[machine] = new ArrayDeque<>();
        }
        held[machine].add(what);
    }

    /** Runs {@code work} now, or, if {@code machine} is paused, when it runs again. */
    void runOrHold(int machine, Runnable work) {
        if (state[machine] == PAUSED) {
            hold(machine, work);
        } else {
            work.run();
        }
    }

    /**
     * {@code machine}'s link to {@code peer} is gone: {@code work} logs it down now, or, if {@code machine} is paused,
     * when it runs again. Until then it has no connection to {@code peer}, though its lines still show one: see
     * {@link #linkDownHeld}.
     */
    void linkDownNowOrHeld(int machine, int peer, Runnable work) {
        if (state[machine] != PAUSED) {
            work.run();
            return;
        }
        HeldDown down = new HeldDown(machine, life[machine], peer);
        heldDowns.add(down);
        hold(machine, (Runnable) () -> {
            heldDowns.remove(down);
            work.run();
        });
    }

    /** Whether the paused {@code machine} has lost its link to {@code peer} and not yet logged it down. */
    boolean linkDownHeld(int machine, int peer) {
        return !heldDowns.isEmpty() && heldDowns.contains(new HeldDown(machine, life[machine], peer));
    }

    /**
     * Runs {@code work} once {@code a} and {@code b} both run: now, or when the paused one runs again (and, if the other
     * is paused by then, when that one does). A handshake needs both ends, and a paused machine logs nothing.
     */
    void runWhenBothRun(int a, int b, Runnable work) {
        if (state[a] == PAUSED) {
            hold(a, (Runnable) () -> runWhenBothRun(a, b, work));
        } else if (state[b] == PAUSED) {
            hold(b, (Runnable) () -> runWhenBothRun(a, b, work));
        } else {
            work.run();
        }
    }

    /** What was held for {@code machine} (null if nothing), and nothing is held any more. */
    ArrayDeque<Object> takeHeld(int machine) {
        ArrayDeque<Object> waiting = held[machine];
        held[machine] = null;
        return waiting;
    }
}
