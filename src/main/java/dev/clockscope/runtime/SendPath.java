package dev.clockscope.runtime;

import dev.clockscope.config.ClusterConfig;
import dev.clockscope.faults.FaultRules;
import dev.clockscope.faults.FaultyTransport;
import dev.clockscope.faults.LinkControl;
import dev.clockscope.net.NetTransport;
import dev.clockscope.node.Machine;
import dev.clockscope.node.MachineFactory;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Message;
import dev.clockscope.node.Transport;
import dev.clockscope.random.SeededRandom;
import dev.clockscope.time.TimeSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path a machine's sends take in the real runtime, on top of Netty. Unthrottled: back-pressure, a send waits
 * (bounded) for a full link ({@link StallingTransport}). Throttled: config.json's injected network faults and the live
 * view's link controls ({@link FaultyTransport}, whose delays run on a thread of their own); without rules or
 * controls a message goes straight on. Unthrottled batching is the tick thread's alone, so the two do not mix.
 */
final class SendPath {
    private static final Logger LOG = LoggerFactory.getLogger(SendPath.class);
    /** Unthrottled: how long a send may wait for a full link before it is logged undelivered. */
    static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long STALL_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final String id;
    private final Transport transport;
    /** Throttled only, else null. */
    private final FaultyTransport faults;
    /** Unthrottled only, else null. */
    private final StallingTransport stalling;
    private ScheduledExecutorService delayed;

    /**
     * @param machine the machine once composed (the faults report to it); {@code stopping} ends a stalled send
     */
    SendPath(String id, ClusterConfig config, MachineFactory factory, int index, NetTransport net, TaskInbox inbox,
             TimeSource time, boolean unthrottled, BooleanSupplier stopping, Supplier<Machine> machine) {
        this.id = id;
        MachineIds ids = factory.ids();
        if (unthrottled) {
            net.setBatching(true);
            stalling = new StallingTransport(new StallingTransport.Link() {
                @Override
                public String send(int peer, Message message) {
                    return net.send(ids.id(peer), message);
                }

                @Override
                public String sendState(int peer) {
                    return net.sendState(ids.id(peer));
                }

                @Override
                public void flush() {
                    net.flushSends();
                }
            }, inbox, stopping, STALL_LIMIT_NANOS, STALL_POLL_NANOS, time::monotonicNanos);
            faults = null;
            transport = stalling;
        } else {
            stalling = null;
            if (!config.link().network().isEmpty()) {
                LOG.info("{}: injecting network faults {}", id, config.link().network().rules());
            }
            // always, so that the live view's link controls have something to act on
            faults = new FaultyTransport(index, ids, MachineFactory.complete(ids.size()).apply(index),
                    new FaultRules(config.link().network()), (peer, message) -> net.send(ids.id(peer), message), time,
                    new SeededRandom(factory.faultSeed(index)),
                    (delayNanos, task) -> delayed().schedule(task, delayNanos, TimeUnit.NANOSECONDS),
                    new FaultyTransport.Reporter() {
                        @Override
                        public void undelivered(int peer, long seq, String reason) {
                            inbox.post(() -> machine.get().lateUndelivered(peer, seq, reason));
                        }

                        @Override
                        public void partition(int peer, boolean started) {
                            machine.get().partition(peer, started);
                        }
                    });
            transport = faults;
        }
    }

    /** What the machine sends through. */
    Transport transport() {
        return transport;
    }

    /** The machine ticks: partitions scheduled by config.json start counting. */
    void start() {
        if (faults != null) {
            faults.start();
        }
    }

    /** The run ends: messages still held back by an injected delay are logged undelivered (on the machine's thread). */
    void abandonDelayed() {
        if (faults != null) {
            faults.abandonDelayed();
        }
    }

    /** A live view's link control, on the machine's thread: applied, or refused with a warning (nothing changes). */
    void control(Machine machine, String line) {
        if (faults == null) {
            LOG.warn("{}: control refused: an unthrottled machine has no controllable links: {}", id, line);
            return;
        }
        try {
            LinkControl c = LinkControl.parse(line, machine.peerIds());
            faults.control(machine.ids().indexOf(c.peer()), c);
            LOG.info("{}: link to {}: {}", id, c.peer(), c.format());
        } catch (LinkControl.Invalid e) {
            LOG.warn("{}: control refused: {}: {}", id, e.getMessage(), line);
        }
    }

    /** Stops the injected delays' thread, and says how long unthrottled sends waited for full links. */
    synchronized void close() {
        if (delayed != null) {
            delayed.shutdownNow();
        }
        if (stalling != null && stalling.stalls() > 0) {
            LOG.info("{} back-pressure: {} sends waited for a full link, {} ms in all, {} gave up after {} s",
                    id, stalling.stalls(), TimeUnit.NANOSECONDS.toMillis(stalling.stalledNanos()),
                    stalling.timeouts(), TimeUnit.NANOSECONDS.toSeconds(STALL_LIMIT_NANOS));
        }
    }

    private synchronized ScheduledExecutorService delayed() {
        if (delayed == null) {
            delayed = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "injected-delay");
                t.setDaemon(true);
                return t;
            });
        }
        return delayed;
    }
}
