package dev.clockscope.web;

import io.netty.channel.Channel;

/** One page's WebSocket and how far it has been sent. Touched only by the {@link Broadcaster}'s thread. */
final class StreamClient {
    final Channel channel;
    /** The run this page last heard of (0: none yet). */
    long runVersion;
    long generation;
    /** Next event sequence number to send. */
    long cursor;
    /** Events never sent to this page (ring overrun, sampling, slow page): it sees them as counts only. */
    long skipped;
    /** Warnings of this run sent so far (dropped ones included). */
    long warningsSent;
    /** Ticks on which the page could not take more and got nothing. */
    long slowTicks;

    StreamClient(Channel channel) {
        this.channel = channel;
    }
}
