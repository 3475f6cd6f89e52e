package dev.clockscope.sim;

import dev.clockscope.node.Message;
import java.util.function.IntConsumer;

/**
 * What each machine's current life has sent and not yet seen acknowledged (protocol 3). A message counts from the
 * moment the network takes it until its receiver acknowledges it: a tick takes it off the queue, or the receiver
 * says goodbye with it queued, or it reaches a receiver that has said goodbye (each will be in the receiver's log);
 * or until it is dropped with its receiver's connection (its sender logs it undelivered then). A clean stop waits
 * until its count is zero, as a real goodbye waits for its acks: without the wait, a message to a peer whose
 * connection went after its sender had stopped was in no log.
 */
final class Acknowledgements {
    /** In a machine's count: its goodbye waits for the count to reach zero. */
    private static final int WAITING = 1 << 30;
    /**
     * Per machine its current life's count, with {@link #WAITING} set while its goodbye waits. One int each (a
     * receive touches its sender's, at random: at 10^5 machines they stay in the core's cache).
     */
    private final int[] counts;
    /** Per machine the incarnation of its current life, 0 if it has had one life only; null until a restart. */
    private long[] restartedLife;
    /** Queued messages their senders reported in doubt (a pause past the timeout): settled then, not again. */
    private final QueuedReports inDoubt;
    private final IntConsumer allAcknowledged;

    /** {@code allAcknowledged} is told when the last message of a machine that waits (see {@link #waitFor}) is. */
    Acknowledgements(int n, QueuedReports inDoubt, IntConsumer allAcknowledged) {
        this.counts = new int[n];
        this.inDoubt = inDoubt;
        this.allAcknowledged = allAcknowledged;
    }

    /** Machine {@code i} starts a new life: what the earlier one sent is no longer waited for. */
    void restarted(int i, long incarnation) {
        if (restartedLife == null) {
            restartedLife = new long[counts.length];
        }
        restartedLife[i] = incarnation;
        counts[i] = 0;
    }

    /** The network took a message of {@code from}'s current life: it counts until acknowledged. */
    void sent(int from) {
        if (++counts[from] == WAITING) {
            throw new IllegalStateException("machine " + from + ": too many messages unacknowledged");
        }
    }

    /**
     * {@code receiver} acknowledges a message it had queued: a tick took it, or it says goodbye with it queued. One
     * its sender reported in doubt was settled then.
     */
    void acknowledged(int receiver, int from, long incarnation, long seq) {
        if (!inDoubt.reported(receiver, from, incarnation, seq)) {
            settled(from, incarnation);
        }
    }

    /** {@code m} arrived at a receiver that said goodbye, or was dropped or reported in doubt: settled. */
    void settled(Message m) {
        settled(m.from(), m.fromIncarnation());
    }

    /** One message of {@code from}'s life {@code incarnation} is acknowledged, or was dropped and reported. */
    void settled(int from, long incarnation) {
        if (restartedLife != null && restartedLife[from] != 0 && restartedLife[from] != incarnation) {
            return; // an earlier life's
        }
        int count = --counts[from];
        if (count < 0) {
            throw new IllegalStateException("machine " + from + ": a message acknowledged twice");
        }
        if (count == WAITING) { // waited, and this was its last
            counts[from] = 0;
            allAcknowledged.accept(from);
        }
    }

    /** Machine {@code i} says goodbye: true if it must wait (it is told when its last message is acknowledged). */
    boolean waitFor(int i) {
        if (counts[i] == 0) {
            return false;
        }
        counts[i] |= WAITING;
        return true;
    }
}
