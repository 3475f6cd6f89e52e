package dev.clockscope.net;

import dev.clockscope.node.Message;
import java.util.List;

/**
 * What the network reports to the machine's runtime. Called on Netty I/O threads: implementations
 * only hand the news over to the machine's own thread.
 */
public interface NetListener {
    void onMessage(Message message);

    /**
     * The messages of one read burst on one connection, in arrival order: one hand-over for the lot. The
     * list belongs to the listener from now on. By default each is passed to {@link #onMessage}.
     */
    default void onMessages(List<Message> messages) {
        for (Message m : messages) {
            onMessage(m);
        }
    }

    /** {@code outbound}: our connection to the peer (used for sends); otherwise the peer's connection to us. */
    void onLinkUp(String peer, boolean outbound);

    void onLinkDown(String peer, boolean outbound);
}
