package dev.clockscope.net;

import dev.clockscope.node.Message;
import java.util.List;

/**
 * What the network reports to the machine's runtime. Called on Netty I/O threads (and, for
 * {@link #onUndelivered}, possibly on the thread that sends): implementations only hand the news over to
 * the machine's own thread.
 */
public interface NetListener {
    void onMessage(Message message);

    /**
     * The messages of one read burst on one connection, in arrival order: one hand-over for the lot. The
     * list belongs to the listener from now on. By default each is passed to {@link #onMessage}. Once this
     * returns, the messages count as taken: the sender is told so (protocol 3 acknowledgement).
     */
    default void onMessages(List<Message> messages) {
        for (Message m : messages) {
            onMessage(m);
        }
    }

    /** {@code outbound}: our connection to the peer (used for sends); otherwise the peer's connection to us. */
    void onLinkUp(String peer, boolean outbound);

    void onLinkDown(String peer, boolean outbound);

    /**
     * Messages that {@link NetTransport#send} accepted for {@code peer} but that the peer never acknowledged,
     * by sequence number in send order: the link was lost first ({@link NetTransport#UNACKNOWLEDGED}), or
     * the peer said goodbye before they were written ({@link NetTransport#PEER_STOPPED}). The machine logs
     * each as {@code undelivered} with that reason. Every accepted message is either acknowledged or
     * reported here, exactly once.
     */
    default void onUndelivered(String peer, long[] seqs, String reason) {
    }

    /**
     * {@code peer} said goodbye: it is stopping and takes nothing more from us (sends to it are refused
     * with {@link NetTransport#PEER_STOPPED} until a new life of it connects). Everything it sent us has
     * arrived. Not called for the answers to our own {@link NetTransport#sayGoodbye}.
     */
    default void onPeerStopped(String peer) {
    }

    /**
     * A handshake with {@code peer} completed, and it told us the highest Lamport value and the highest
     * own vector entry (ours, as it saw them) it has seen from this machine in any of our lives; a machine
     * that has just started resumes its clocks above them. Called once per authenticated connection.
     */
    default void onPeerHighWater(String peer, long lamport, long ownEntry) {
    }
}
