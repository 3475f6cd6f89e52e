package dev.clockscope.runtime;

import dev.clockscope.net.NetListener;
import dev.clockscope.node.Inbound;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Message;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty's callbacks, on I/O threads, handed over to the machine's thread: every call into the machine's
 * {@link Inbound} port is a task posted to its inbox. Also keeps the queue bounded: past the high-water
 * mark it stops reading from the peers (TCP then holds their messages) until the queue is down to half.
 */
final class NetHandOff implements NetListener {
    private static final Logger LOG = LoggerFactory.getLogger(NetHandOff.class);

    private final String self;
    private final MachineIds ids;
    private final TaskInbox inbox;
    private final int highWaterMark;
    private final Consumer<Boolean> setReading;
    /** Messages received from the network and not yet taken by a tick. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    /**
     * Held while the flag above changes and the transport is told: a network thread's pause told after the tick
     * thread's resume would leave reads off for good while the flag says on.
     */
    private final Object readingLock = new Object();
    private volatile Inbound machine;
    /** The highest Lamport value and own vector entry peers have seen from this machine's earlier lives. */
    private volatile long highWaterLamport;
    private volatile long highWaterOwnEntry;

    NetHandOff(String self, MachineIds ids, TaskInbox inbox, int highWaterMark, Consumer<Boolean> setReading) {
        this.self = self;
        this.ids = ids;
        this.inbox = inbox;
        this.highWaterMark = highWaterMark;
        this.setReading = setReading;
    }

    /** The machine the tasks call (set before the network can deliver anything to it). */
    void attach(Inbound inbound) {
        this.machine = inbound;
    }

    /** A tick took a message off the queue (machine thread). */
    void messageTaken() {
        int left = waiting.decrementAndGet();
        if (left <= highWaterMark / 2 && !reading.get()) {
            synchronized (readingLock) {
                if (reading.compareAndSet(false, true)) {
                    setReading.accept(true);
                    LOG.info("{} queue down to {}: reading from peers again", self, left);
                }
            }
        }
    }

    @Override
    public void onMessage(Message message) {
        onMessages(List.of(message));
    }

    /**
     * One read burst: one task for all its messages, posted quietly (the tick thread takes them in at its
     * next tick at the latest, but is not woken for each burst while it waits).
     */
    @Override
    public void onMessages(List<Message> messages) {
        int now = waiting.addAndGet(messages.size());
        if (now >= highWaterMark && reading.get()) {
            synchronized (readingLock) {
                if (reading.compareAndSet(true, false)) {
                    // back-pressure: stop reading; TCP then holds the peers' messages
                    setReading.accept(false);
                    LOG.warn("{} queue reached {} messages: pausing reads from peers", self, now);
                }
            }
        }
        inbox.postQuietly(() -> {
            for (int i = 0, n = messages.size(); i < n; i++) {
                Message m = messages.get(i);
                if (!machine.deliver(m)) {
                    messageTaken();
                    LOG.warn("{} dropped a replayed message: {} seq {} was already received", self, ids.id(m.from()),
                            m.seq());
                }
            }
        });
    }

    @Override
    public void onLinkUp(String peer, boolean outbound) {
        int index = ids.indexOf(peer);
        inbox.post(() -> machine.linkUp(index, outbound));
    }

    @Override
    public void onLinkDown(String peer, boolean outbound) {
        int index = ids.indexOf(peer);
        inbox.post(() -> machine.linkDown(index, outbound));
    }

    /** Protocol 3's handshake: what {@code peer} has seen from this machine (an earlier life of it). */
    @Override
    public synchronized void onPeerHighWater(String peer, long lamport, long ownEntry) {
        highWaterLamport = Math.max(highWaterLamport, lamport);
        highWaterOwnEntry = Math.max(highWaterOwnEntry, ownEntry);
    }

    long highWaterLamport() {
        return highWaterLamport;
    }

    long highWaterOwnEntry() {
        return highWaterOwnEntry;
    }

    /** Protocol 3: sends the network took but could not get acknowledged (or the peer stopped first). */
    @Override
    public void onUndelivered(String peer, long[] seqs, String reason) {
        int index = ids.indexOf(peer);
        inbox.post(() -> {
            for (long seq : seqs) {
                machine.undelivered(index, seq, reason);
            }
        });
    }
}
