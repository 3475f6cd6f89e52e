package dev.clockscope.runtime;

import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.DurationText;
import dev.clockscope.config.MachineSpec;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogException;
import dev.clockscope.eventlog.EventLogWriter;
import dev.clockscope.faults.FaultyTransport;
import dev.clockscope.net.Backoff;
import dev.clockscope.net.NetListener;
import dev.clockscope.net.NetOptions;
import dev.clockscope.net.NetStartException;
import dev.clockscope.net.NetTransport;
import dev.clockscope.net.NetWarmUp;
import dev.clockscope.net.TlsContexts;
import dev.clockscope.protocol.Handshake;
import dev.clockscope.node.Machine;
import dev.clockscope.node.Message;
import dev.clockscope.random.SeededRandom;
import dev.clockscope.time.TickSchedule;
import dev.clockscope.time.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one {@link Machine} to the real world: Netty transport, system time, a seeded random source and
 * a JSON-lines log file, driven by a {@link TickLoop} on the calling thread. All calls into the machine
 * happen on that thread; the network only posts tasks to its inbox.
 */
public final class MachineRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(MachineRuntime.class);
    private static final long STATUS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long WAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Unthrottled: hand the batched outgoing messages to the network every this many ticks (a power of 2). */
    static final int FLUSH_EVERY_TICKS = 256;
    /** Enough for C1 to compile the network path (its thresholds are a few hundred calls); ~0.4 s in all. */
    static final int WARM_UP_MESSAGES = 1000;
    /** Unthrottled: how long a send may wait for a full link before it is logged undelivered. */
    static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long STALL_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final ClusterConfig config;
    private final MachineSpec spec;
    private final Path outputDir;
    private final TimeSource time;
    private final String version;
    private final TaskInbox inbox = new TaskInbox.Blocking();
    /** Messages received from the network and not yet taken by a tick: drives back-pressure. */
    private final AtomicInteger waitingMessages = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile String stopReason;
    private final AtomicBoolean reading = new AtomicBoolean(true);

    private Machine machine;
    private NetTransport transport;
    /** Injected network faults (config "network"), or null. */
    private FaultyTransport faults;
    private ScheduledExecutorService delayed;
    private final Map<String, boolean[]> links = new HashMap<>();
    private final Map<String, Boolean> peerUp = new HashMap<>();
    private boolean allConnected;
    private long lastStatusNanos;

    public MachineRuntime(ClusterConfig config, String machineId, Path outputDir, TimeSource time, String version) {
        this.config = config;
        this.spec = config.machine(machineId)
                .orElseThrow(() -> new IllegalArgumentException("unknown machine " + machineId));
        this.outputDir = outputDir;
        this.time = time;
        this.version = version;
    }

    /** Asks a running machine to stop, from any thread (e.g. a signal handler); does not wait. */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        inbox.post(() -> { });
    }

    /** Waits until {@link #run()} has returned; false if it has not within {@code waitMillis}. */
    public boolean awaitStopped(long waitMillis) throws InterruptedException {
        return finished.await(waitMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs the machine to the end of its duration or until stopped. Blocks the calling thread. */
    public RunSummary run() throws StartupException {
        try {
            return runInternal();
        } finally {
            finished.countDown();
        }
    }

    private RunSummary runInternal() throws StartupException {
        long seed = config.seed().orElseGet(() -> new SecureRandom().nextLong());
        int index = config.indexOf(spec.id());
        SeededRandom random = new SeededRandom(SeededRandom.machineSeed(seed, index));
        // always draw, so a fixed rate leaves the machine's dice sequence unchanged
        int drawn = config.ticksPerSecond().min() + random.nextInt(config.ticksPerSecond().max()
                - config.ticksPerSecond().min() + 1);
        int rate = spec.ticksPerSecond().orElse(drawn);
        if (rate == 0 && !config.link().network().isEmpty()) {
            // injected delays send from their own thread; unthrottled batching is tick-thread only
            throw new StartupException("network faults (config \"network\", --net-*) cannot be combined with "
                    + "--ticks-per-second max");
        }
        long incarnation = time.wallMicros();

        transport = new NetTransport(spec.id(), config.machines(), incarnation, new Listener(), time,
                new SeededRandom(seed ^ incarnation), Backoff.DEFAULT);
        try {
            transport.withOptions(netOptions());
            transport.start();
        } catch (NetStartException e) {
            throw new StartupException(e.getMessage());
        }
        EventLogWriter log;
        try {
            log = EventLogWriter.open(outputDir, spec.id());
        } catch (IOException e) {
            transport.close();
            throw new StartupException("cannot create the event log in " + outputDir + ": " + e.getMessage());
        }
        String failure = null;
        boolean unthrottled = rate == 0;
        StallingTransport stalling = null;
        try {
            dev.clockscope.node.Transport machineTransport = transport;
            if (unthrottled) {
                transport.setBatching(true);
                NetTransport net = transport;
                stalling = new StallingTransport(new StallingTransport.Link() {
                    @Override
                    public String send(String peer, Message message) {
                        return net.send(peer, message);
                    }

                    @Override
                    public String sendState(String peer) {
                        return net.sendState(peer);
                    }

                    @Override
                    public void flush() {
                        net.flushSends();
                    }
                }, inbox, () -> stopReason != null, STALL_LIMIT_NANOS, STALL_POLL_NANOS, time::monotonicNanos);
                machineTransport = stalling;
            }
            if (!config.link().network().isEmpty()) {
                machineTransport = faults = injectFaults(seed, index);
            }
            machine = new Machine(spec.id(), config.machineIds(), config.die(), incarnation, machineTransport, random,
                    log, time);
            log.append(new Event.Start(Event.FORMAT, spec.id(), config.machineIds(), machine.peers(), rate,
                    config.die(), seed, incarnation, incarnation, version));
            for (String peer : machine.peers()) {
                links.put(peer, new boolean[2]);
                peerUp.put(peer, false);
            }
            LOG.info("{} started: {} ticks/s (range {}), die {}, seed {}, log {}", spec.id(),
                    unthrottled ? "unthrottled" : rate,
                    config.ticksPerSecond(), config.die(), seed, log.file());
            TickLoop loop = new TickLoop(time, inbox, this::tick, machine::stalled, () -> stopReason != null);
            loop.runTasksUntil(() -> allConnected, WAIT_POLL_NANOS);
            if (stopReason == null) {
                LOG.info("{} connected to {}; ticking at {} for {}", spec.id(), String.join(", ", machine.peers()),
                        unthrottled ? "full speed (unthrottled)" : rate + "/s",
                        config.duration().isZero() ? "ever (until stopped)" : DurationText.format(config.duration()));
                if (faults != null) {
                    faults.start();
                }
                lastStatusNanos = time.monotonicNanos();
                if (unthrottled) {
                    long nanos = config.duration().isZero() ? Long.MAX_VALUE : config.duration().toNanos();
                    loop.runUnthrottled(nanos, k -> {
                        if ((k & (FLUSH_EVERY_TICKS - 1)) == 0) {
                            transport.flushSends();
                        }
                        return true;
                    });
                    transport.flushSends();
                } else {
                    warmUpNetworkPath();
                    TickSchedule schedule = new TickSchedule(time.monotonicNanos(), rate);
                    long total = config.duration().isZero() ? Long.MAX_VALUE : schedule.ticksWithin(config.duration());
                    loop.run(schedule, total);
                }
            }
            if (stopReason == null) {
                stopReason = "duration";
            }
            machine.stop(stopReason);
        } catch (EventLogException e) {
            failure = e.getMessage();
            stopReason = "error";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopReason = "interrupted";
            machine.stop(stopReason);
        } finally {
            if (delayed != null) {
                delayed.shutdownNow();
            }
            transport.close();
            try {
                log.close();
            } catch (IOException e) {
                failure = failure != null ? failure : "cannot write " + log.file() + ": " + e.getMessage();
            }
        }
        if (stalling != null && stalling.stalls() > 0) {
            LOG.info("{} back-pressure: {} sends waited for a full link, {} ms in all, {} gave up after {} s",
                    spec.id(), stalling.stalls(), TimeUnit.NANOSECONDS.toMillis(stalling.stalledNanos()),
                    stalling.timeouts(), TimeUnit.NANOSECONDS.toSeconds(STALL_LIMIT_NANOS));
        }
        RunSummary summary = new RunSummary(spec.id(), stopReason, failure, machine.ticks(), rate, seed,
                machine.lamportTime(), machine.sends(), machine.receives(), machine.internals(),
                machine.undelivered(), machine.queueLength(), log.file());
        LOG.info("{} stopped ({}): {} ticks at {}, Lamport {}, sent {} ({} undelivered), received {}, "
                        + "internal {}, queue {}; log {}", spec.id(), stopReason, summary.ticks(),
                unthrottled ? "full speed" : rate + "/s", summary.lamport(),
                summary.sends(), summary.undelivered(), summary.receives(), summary.internals(), summary.queue(),
                summary.log());
        return summary;
    }

    /**
     * Before the first tick: the JIT compiles the network path on loopback traffic of the machine's own
     * (NetWarmUp), not on the first second of real messages. Only for throttled machines, whose message
     * delays are measured in microseconds; -Dclockscope.warmUpMessages=0 turns it off (for comparisons).
     * A failure only costs the warm-up.
     */
    private void warmUpNetworkPath() throws InterruptedException {
        int messages = Integer.getInteger("clockscope.warmUpMessages", WARM_UP_MESSAGES);
        if (messages <= 0) {
            return;
        }
        try {
            NetWarmUp.Result r = transport.warmUp(messages);
            LOG.info("{} warmed up its network path: {} of {} loopback messages in {} ms", spec.id(), r.received(),
                    r.sent(), r.took().toMillis());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // Netty rethrows a failed bind's checked exception undeclared
            LOG.warn("{}: network warm-up skipped: {}", spec.id(), e.toString());
        }
    }

    /** The cluster secret (never logged), handshake timeout and TLS files from config.json. */
    private NetOptions netOptions() throws NetStartException {
        var link = config.link();
        TlsContexts tls = link.tls() == null ? null
                : TlsContexts.load(link.tls().caFile(), link.tls().certFor(spec.id()), link.tls().keyFor(spec.id()));
        if (tls != null) {
            LOG.info("{}: TLS on ({})", spec.id(), link.tls().certFor(spec.id()));
        }
        if (!link.hasSecret()) {
            LOG.info("{}: no cluster secret set (config \"secret\" or ${}): any process that knows the ids can join",
                    spec.id(), dev.clockscope.config.LinkSettings.SECRET_ENV);
        }
        return new NetOptions(new Handshake(link.secret()), link.handshakeTimeout(),
                tls == null ? null : tls.server(), tls == null ? null : tls.client())
                .withHeartbeats(link.heartbeatInterval(), link.heartbeatTimeout());
    }

    private FaultyTransport injectFaults(long seed, int index) {
        delayed = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "injected-delay");
            t.setDaemon(true);
            return t;
        });
        LOG.info("{}: injecting network faults {}", spec.id(), config.link().network().rules());
        // its own random stream, so faults do not change the dice of a seeded run
        return new FaultyTransport(spec.id(), machine == null ? peersOf(spec.id()) : machine.peers(),
                config.link().network(), transport, time,
                new SeededRandom(SeededRandom.machineSeed(seed, index) ^ 0x6E6574L),
                (delayNanos, task) -> delayed.schedule(task, delayNanos, TimeUnit.NANOSECONDS),
                new FaultyTransport.Reporter() {
                    @Override
                    public void undelivered(String peer, long seq, String reason) {
                        inbox.post(() -> machine.lateUndelivered(peer, seq, reason));
                    }

                    @Override
                    public void partition(String peer, boolean started) {
                        machine.partition(peer, started);
                        LOG.warn("{}: injected partition to {} {}", spec.id(), peer, started ? "starts" : "ends");
                    }
                });
    }

    private java.util.List<String> peersOf(String id) {
        return config.machineIds().stream().filter(m -> !m.equals(id)).toList();
    }

    private void tick() {
        if (faults != null) {
            faults.poll();
        }
        int before = machine.queueLength();
        machine.tick();
        if (before > 0) {
            messageTaken();
        }
        long now = time.monotonicNanos();
        if (now - lastStatusNanos >= STATUS_EVERY_NANOS) {
            lastStatusNanos = now;
            LOG.info("{} tick {}  lamport {}  queue {}  (sent {}, received {}, internal {})", spec.id(),
                    machine.ticks(), machine.lamportTime(), machine.queueLength(), machine.sends(),
                    machine.receives(), machine.internals());
        }
    }

    private void messageTaken() {
        int waiting = waitingMessages.decrementAndGet();
        if (waiting <= config.queueHighWaterMark() / 2 && reading.compareAndSet(false, true)) {
            transport.setReading(true);
            LOG.info("{} queue down to {}: reading from peers again", spec.id(), waiting);
        }
    }

    private void linkChanged(String peer, boolean outbound, boolean up) {
        boolean[] state = links.get(peer);
        state[outbound ? 0 : 1] = up;
        boolean nowUp = state[0] && state[1];
        if (nowUp != peerUp.get(peer)) {
            peerUp.put(peer, nowUp);
            if (nowUp) {
                machine.peerUp(peer);
                if (allConnected) {
                    LOG.info("{}: {} is back", spec.id(), peer);
                }
            } else {
                machine.peerDown(peer);
                LOG.warn("{}: {} is down; sends to it are logged as undelivered", spec.id(), peer);
            }
        }
        if (!allConnected && !peerUp.containsValue(false)) {
            allConnected = true;
            machine.connected();
        }
    }

    private void enqueue(Message message) {
        if (!machine.enqueue(message)) {
            messageTaken();
            LOG.warn("{} dropped a replayed message: {} seq {} was already received", spec.id(),
                    message.from(), message.seq());
        }
    }

    /** Network callbacks, on Netty threads: hand everything to the tick thread. */
    private final class Listener implements NetListener {
        @Override
        public void onMessage(Message message) {
            onMessages(java.util.List.of(message));
        }

        /**
         * One read burst: one task for all its messages, posted quietly (the tick thread takes them in at
         * its next tick at the latest, as before, but is not woken for each burst while it waits).
         */
        @Override
        public void onMessages(java.util.List<Message> messages) {
            int waiting = waitingMessages.addAndGet(messages.size());
            if (waiting >= config.queueHighWaterMark() && reading.compareAndSet(true, false)) {
                // back-pressure: stop reading; TCP then holds the peers' messages
                transport.setReading(false);
                LOG.warn("{} queue reached {} messages: pausing reads from peers", spec.id(), waiting);
            }
            inbox.postQuietly(() -> {
                for (int i = 0, n = messages.size(); i < n; i++) {
                    enqueue(messages.get(i));
                }
            });
        }

        @Override
        public void onLinkUp(String peer, boolean outbound) {
            inbox.post(() -> linkChanged(peer, outbound, true));
        }

        @Override
        public void onLinkDown(String peer, boolean outbound) {
            inbox.post(() -> linkChanged(peer, outbound, false));
        }

        /** Protocol 3: sends the network accepted but could not get acknowledged (or the peer stopped first). */
        @Override
        public void onUndelivered(String peer, long[] seqs, String reason) {
            inbox.post(() -> {
                for (long seq : seqs) {
                    machine.lateUndelivered(peer, seq, reason);
                }
            });
        }
    }
}
