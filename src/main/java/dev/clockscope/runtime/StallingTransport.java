package dev.clockscope.runtime;

import dev.clockscope.node.Message;
import dev.clockscope.node.Transport;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Back-pressure for the unthrottled mode: a send to a peer whose outgoing buffer is full does not drop
 * the message (as the throttled mode does, logging it undelivered) but stalls the tick until the link
 * drains. While it waits it keeps running the tasks other threads post to the tick thread, above all
 * taking incoming messages into the machine's queue: two machines stalled on each other therefore keep
 * reading each other's connections, which drains both links, and neither can deadlock.
 *
 * <p>The wait is bounded: a link that does not drain within {@code stallLimitNanos} (a peer that is
 * paused or wedged) gets its message logged undelivered ({@value Reasons#SEND_BUFFER_FULL}) and is
 * marked congested; sends to a congested peer fail at once, as in the throttled mode, until its link
 * is writable again. A peer that goes down while we wait ends the wait with {@code peer down}.
 *
 * <p>Runs on the tick thread only; the tasks it runs while waiting may call back into the machine
 * (e.g. {@code enqueue}), which is safe because the machine's send has already logged its event.
 */
public final class StallingTransport implements Transport {
    /** The reasons the network answers with. */
    public static final class Reasons {
        public static final String SEND_BUFFER_FULL = "send buffer full";

        private Reasons() {
        }
    }

    /** What the wrapped network can do; a small seam so the logic is unit-testable without sockets. */
    public interface Link {
        /** Takes the message, or returns why not (as {@link Transport#send}). */
        String send(int peer, Message message);

        /** Null when a send would be taken now, otherwise the reason it would not. */
        String sendState(int peer);

        /** Pushes pending batched messages to the network before waiting. */
        void flush();
    }

    private final Link link;
    private final TaskInbox inbox;
    private final BooleanSupplier stopRequested;
    private final long stallLimitNanos;
    private final long pollNanos;
    private final java.util.function.LongSupplier nanos;
    private final Set<Integer> congested = new HashSet<>();
    private long stalls;
    private long stalledNanos;
    private long timeouts;

    public StallingTransport(Link link, TaskInbox inbox, BooleanSupplier stopRequested, long stallLimitNanos,
                             long pollNanos, java.util.function.LongSupplier nanos) {
        this.link = link;
        this.inbox = inbox;
        this.stopRequested = stopRequested;
        this.stallLimitNanos = stallLimitNanos;
        this.pollNanos = pollNanos;
        this.nanos = nanos;
    }

    @Override
    public String send(int peer, Message message) {
        String result = link.send(peer, message);
        if (!Reasons.SEND_BUFFER_FULL.equals(result)) {
            if (result == null) {
                congested.remove(peer);
            }
            return result;
        }
        if (congested.contains(peer)) {
            return result;
        }
        link.flush();
        stalls++;
        long start = nanos.getAsLong();
        try {
            while (true) {
                Runnable task;
                try {
                    task = inbox.poll(pollNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return result;
                }
                if (task != null) {
                    task.run();
                    for (Runnable t = inbox.poll(0); t != null; t = inbox.poll(0)) {
                        t.run();
                    }
                }
                String state = link.sendState(peer);
                if (state == null) {
                    return link.send(peer, message);
                }
                if (!Reasons.SEND_BUFFER_FULL.equals(state)) {
                    return state; // the peer went down while we waited
                }
                if (stopRequested.getAsBoolean()) {
                    return state;
                }
                if (nanos.getAsLong() - start >= stallLimitNanos) {
                    timeouts++;
                    congested.add(peer);
                    return state;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result;
        } finally {
            stalledNanos += nanos.getAsLong() - start;
        }
    }

    /** Sends that had to wait for a full link. */
    public long stalls() {
        return stalls;
    }

    public long stalledNanos() {
        return stalledNanos;
    }

    /** Waits that hit the limit (the message was logged undelivered). */
    public long timeouts() {
        return timeouts;
    }
}
