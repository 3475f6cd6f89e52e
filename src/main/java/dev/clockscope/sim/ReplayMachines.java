package dev.clockscope.sim;

import dev.clockscope.node.Machine;
import dev.clockscope.node.Message;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Who runs in a replay and what waits for whom: each machine's current {@link Machine}, whether it is alive, paused,
 * dead (killed) or stopped, the recorded life it replays, and what a paused machine is told meanwhile
 * ({@link ReplayPauses}). A pause is a what-if's own or, in a what-if, one the recording shows (up to its stall line).
 */
final class ReplayMachines {
    private static final byte ALIVE = 0;
    private static final byte PAUSED = 1;
    private static final byte DEAD = 2;
    private static final byte STOPPED = 3;

    private final Machine[] machines;
    private final byte[] state;
    private final int[] recordedLife;
    /**
     * The step of its recorded life it waits for: one scheduled before a what-if crash of that life is still on the
     * agenda after the restart, beside the new life's own.
     */
    private final int[] awaitedStep;
    private final boolean[] inRecordedPause;
    /** In a recorded pause: since when (µs), and whether a peer has timed it out yet. */
    private final long[] recordedPauseFrom;
    private final boolean[] recordedPauseTimedOut;
    private final ReplayPauses pauses;

    ReplayMachines(int n) {
        this.machines = new Machine[n];
        this.state = new byte[n];
        this.recordedLife = new int[n];
        this.awaitedStep = new int[n];
        this.inRecordedPause = new boolean[n];
        this.recordedPauseFrom = new long[n];
        this.recordedPauseTimedOut = new boolean[n];
        this.pauses = new ReplayPauses(n);
        java.util.Arrays.fill(state, DEAD);
    }

    /** The machine's current life (null before its first), running or not. */
    Machine get(int i) {
        return machines[i];
    }

    int recordedLife(int i) {
        return recordedLife[i];
    }

    /** Machine {@code i}'s next step is {@code k} of its recorded life's events. */
    void awaitStep(int i, int k) {
        awaitedStep[i] = k;
    }

    /** Whether step {@code k} of recorded life {@code l} is the one machine {@code i} waits for. */
    boolean awaits(int i, int l, int k) {
        return recordedLife[i] == l && awaitedStep[i] == k;
    }

    /** Machine {@code i} starts a new life, replaying the recorded life {@code l}. */
    void started(int i, int l, Machine machine) {
        machines[i] = machine;
        recordedLife[i] = l;
        state[i] = ALIVE;
        inRecordedPause[i] = false;
    }

    boolean alive(int i) {
        return state[i] == ALIVE;
    }

    boolean paused(int i) {
        return state[i] == PAUSED;
    }

    /** Paused by the what-if, not in a pause the recording shows (whose lines the recording has in their place). */
    boolean pausedByWhatIf(int i) {
        return state[i] == PAUSED && !inRecordedPause[i];
    }

    /** Alive or paused: a life that has not ended. */
    boolean running(int i) {
        return state[i] == ALIVE || state[i] == PAUSED;
    }

    /** Killed or stopped. */
    boolean gone(int i) {
        return state[i] == DEAD || state[i] == STOPPED;
    }

    boolean dead(int i) {
        return state[i] == DEAD;
    }

    /** Its life has ended with its stop line (said goodbye). */
    boolean hasStopped(int i) {
        return state[i] == STOPPED;
    }

    void died(int i) {
        state[i] = DEAD;
    }

    void stopped(int i) {
        state[i] = STOPPED;
    }

    /** Runs {@code work} on machine {@code i} now if it is up, when it resumes if paused; not if it is gone. */
    void runOrHold(int i, Runnable work) {
        if (state[i] == ALIVE) {
            work.run();
        } else if (state[i] == PAUSED) {
            pauses.hold(i, work);
        }
    }

    /**
     * Runs {@code work} once neither {@code a} nor {@code b} is paused (a connection's handshake needs both ends to
     * run, as in the simulator's {@code LifeTable.runWhenBothRun}); the work checks for itself that both lives are
     * still the ones it connects.
     */
    void runWhenBothRun(int a, int b, Runnable work) {
        if (state[a] == PAUSED) {
            pauses.hold(a, (Runnable) () -> runWhenBothRunAfter(a, a, b, work));
        } else if (state[b] == PAUSED) {
            pauses.hold(b, (Runnable) () -> runWhenBothRunAfter(b, a, b, work));
        } else {
            work.run();
        }
    }

    /**
     * What {@link #runWhenBothRun} held for {@code paused} is let go: if it runs again, on to the other end; if it
     * is still paused, its stop let it go (a machine that stops paused connects to nobody), and the work is dropped.
     * Held again for the same machine, its stop's release would never end.
     */
    private void runWhenBothRunAfter(int paused, int a, int b, Runnable work) {
        if (state[paused] != PAUSED) {
            runWhenBothRun(a, b, work);
        }
    }

    /** A message reaches machine {@code i}: into its queue, or held while it is paused. */
    void deliver(int i, Message message) {
        if (state[i] == PAUSED) {
            pauses.hold(i, message);
        } else {
            machines[i].deliver(message);
        }
    }

    /** A recorded tick of a paused machine: missed, counted for its stall (or run late, if the pause was short). */
    void missTick(int i, long nowMicros) {
        pauses.missTick(i, nowMicros);
    }

    void pause(int i) {
        if (state[i] == ALIVE) {
            state[i] = PAUSED;
            pauses.pause(i);
        }
    }

    /** Like SIGCONT: the ticks it missed are one stall, then what reached it meanwhile. */
    void resume(int i, long nowMicros) {
        if (state[i] == PAUSED) {
            state[i] = ALIVE;
            pauses.resume(i, machines[i], nowMicros);
        }
    }

    /** A pause the recording shows begins (its recorded life {@code l} is still the one running). */
    void recordedPause(int i, int l, long nowMicros) {
        if (recordedLife[i] == l && state[i] == ALIVE) {
            pause(i);
            inRecordedPause[i] = true;
            recordedPauseFrom[i] = nowMicros;
            recordedPauseTimedOut[i] = false;
        }
    }

    /**
     * Whether a peer's recorded {@code peer_down} for {@code i} now is the first to say it was timed out: it is in a
     * recorded pause that has lasted {@code timeoutMicros} by {@code nowMicros} (a peer_down sooner has another cause:
     * that peer's own pause, say).
     */
    boolean timeOutRecordedPause(int i, long nowMicros, long timeoutMicros) {
        if (!inRecordedPause[i] || state[i] != PAUSED || recordedPauseTimedOut[i]
                || nowMicros - recordedPauseFrom[i] < timeoutMicros) {
            return false;
        }
        recordedPauseTimedOut[i] = true;
        return true;
    }

    /**
     * Its stall line, the first thing it does when it runs again: then it takes what reached it meanwhile, in the order
     * its recorded life took those messages ({@code recordedOrder}: all came in at once, and the recording's receive
     * lines are the only order it shows).
     */
    void endRecordedPause(int i, long nowMicros, ToIntFunction<Message> recordedOrder) {
        if (inRecordedPause[i]) {
            inRecordedPause[i] = false;
            if (state[i] == PAUSED) {
                state[i] = ALIVE;
                pauses.sortHeldMessages(i, recordedOrder);
                pauses.release(i, machines[i], nowMicros);
            }
        }
    }

    /** Whatever it holds goes in (messages into its queue, work done): at its stop. */
    void release(int i, long nowMicros) {
        pauses.release(i, machines[i], nowMicros);
    }

    /** The messages a paused machine holds, taken out (it dies). */
    List<Message> dropHeld(int i) {
        return pauses.drop(i);
    }

    /** The messages machine {@code i} holds from {@code sender}'s current life, taken out (the link was given up). */
    List<Message> dropHeldFrom(int i, int sender) {
        return pauses.dropFrom(i, sender, machines[sender].incarnation());
    }
}
