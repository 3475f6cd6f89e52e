package dev.clockscope.net;

import dev.clockscope.node.Message;

/**
 * What the network reports to the machine's runtime. Called on Netty I/O threads: implementations
 * only hand the news over to the machine's own thread.
 */
public interface NetListener {
    void onMessage(Message message);

    /** {@code outbound}: our connection to the peer (used for sends); otherwise the peer's connection to us. */
    void onLinkUp(String peer, boolean outbound);

    void onLinkDown(String peer, boolean outbound);
}
