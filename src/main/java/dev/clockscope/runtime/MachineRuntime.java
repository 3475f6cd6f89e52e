package dev.clockscope.runtime;

import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.DurationText;
import dev.clockscope.config.MachineSpec;
import dev.clockscope.eventlog.EventLog;
import dev.clockscope.eventlog.EventLogException;
import dev.clockscope.eventlog.EventLogWriter;
import dev.clockscope.net.Backoff;
import dev.clockscope.net.NetOptions;
import dev.clockscope.net.NetStartException;
import dev.clockscope.net.NetTransport;
import dev.clockscope.net.NetWarmUp;
import dev.clockscope.net.TlsContexts;
import dev.clockscope.config.ClockErrorSpec;
import dev.clockscope.config.ClockSettings;
import dev.clockscope.node.ClockPlan;
import dev.clockscope.node.Die;
import dev.clockscope.node.Machine;
import dev.clockscope.node.MachineFactory;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Transport;
import dev.clockscope.node.VectorMode;
import dev.clockscope.protocol.Handshake;
import dev.clockscope.random.SeededRandom;
import dev.clockscope.time.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one {@link Machine} to the real world and drives it: Netty transport, system time, a seeded random
 * source and a JSON-lines log file, with a {@link TickLoop} on the calling thread. The machine is composed
 * by the {@link MachineFactory} the simulator uses too; all calls into it happen on that thread, the
 * network only posts tasks to its inbox ({@link NetHandOff}).
 */
public final class MachineRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(MachineRuntime.class);
    private static final long STATUS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long WAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /**
     * A restarted life waits this long at most for its peers: one that is down too would hold it forever. Survivors
     * reconnect within 2.5 s of a new life's start (their back-off is capped at 1.6 s), so only a peer that is not
     * there misses it; its sends to that peer are then logged undelivered until it comes back.
     */
    static final long RESTART_CONNECT_WAIT_NANOS = Machine.RESTART_CONNECT_WAIT.toNanos();
    /** Unthrottled: hand the batched outgoing messages to the network every this many ticks (a power of 2). */
    static final int FLUSH_EVERY_TICKS = 256;
    /** Enough for C1 to compile the network path (its thresholds are a few hundred calls); ~0.4 s in all. */
    static final int WARM_UP_MESSAGES = 1000;
    /** How long a clean stop waits for its peers' goodbyes (machines of one run stop up to ~1 s apart). */
    static final java.time.Duration GOODBYE_BOUND = java.time.Duration.ofSeconds(3);

    private final ClusterConfig config;
    private final MachineSpec spec;
    private final Path outputDir;
    private final TimeSource time;
    private final String version;
    private final TaskInbox inbox = new TaskInbox.Blocking();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile String stopReason;

    private Machine machine;
    private NetTransport transport;
    private NetHandOff handOff;
    /** Null until the machine's log is open. */
    private SendPath sends;
    private long lastStatusNanos;
    private boolean transportClosed;
    private long lastTaken;

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

    /** A seed below 2^53, so JavaScript (the live view, JSON tools) reads it exactly. */
    static long randomSeed() {
        return new SecureRandom().nextLong() >>> 11;
    }

    private RunSummary runInternal() throws StartupException {
        long seed = config.seed().orElseGet(MachineRuntime::randomSeed);
        int index = config.indexOf(spec.id());
        MachineIds ids = MachineIds.of(config.machineIds());
        MachineFactory factory = new MachineFactory(ids, MachineFactory.complete(ids.size()), new Die(config.die()),
                VectorMode.DENSE, seed, config.ticksPerSecond().min(), config.ticksPerSecond().max(),
                i -> config.machines().get(i).ticksPerSecond().orElse(MachineFactory.DRAW), version)
                .withClocks(clockPlan(config, ids, seed));
        int rate = factory.rate(index);
        boolean unthrottled = rate == 0;
        if (unthrottled && !config.link().network().isEmpty()) {
            // injected delays send from their own thread; unthrottled batching is tick-thread only
            throw new StartupException("network faults (config \"network\", --net-*) cannot be combined with "
                    + "--ticks-per-second max");
        }
        long incarnation = time.wallMicros();

        handOff = new NetHandOff(spec.id(), ids, inbox, config.queueHighWaterMark(), on -> transport.setReading(on));
        transport = new NetTransport(spec.id(), config.machines(), incarnation, handOff, time,
                new SeededRandom(seed ^ incarnation), Backoff.DEFAULT);
        try {
            transport.withOptions(netOptions()).ackWhenLogged();
            transport.start();
        } catch (NetStartException e) {
            throw new StartupException(e.getMessage());
        }
        PreviousLife previous = PreviousLife.read(outputDir, spec.id(), config.machineIds());
        EventLogWriter log;
        try {
            log = EventLogWriter.open(outputDir, spec.id());
        } catch (IOException e) {
            transport.close();
            throw new StartupException("cannot create the event log in " + outputDir + ": " + e.getMessage());
        }
        String failure = null;
        try {
            sends = new SendPath(spec.id(), config, factory, index, transport, inbox, time, unthrottled,
                    () -> stopReason != null, () -> machine);
            Transport machineTransport = sends.transport();
            // receives are acknowledged once logged; the console hears of peers coming and going
            EventLog machineLog = new ConsoleEcho(spec.id(), new DurableAcks(log, transport::acknowledge));
            machine = previous == null
                    ? factory.compose(index, incarnation, machineTransport, machineLog, time)
                    : factory.compose(index, incarnation, machineTransport, machineLog, time,
                            previous.lamport(), previous.ownEntry());
            if (previous != null) {
                LOG.info("{}: resuming the clocks of its previous life ({}): Lamport {}, own vector entry {}", spec.id(),
                        previous.file(), previous.lamport(), previous.ownEntry());
            }
            handOff.attach(machine);
            LOG.info("{} started: {} ticks/s (range {}), die {}, seed {}, clocks {}{}, log {}", spec.id(),
                    unthrottled ? "unthrottled" : rate, config.ticksPerSecond(), config.die(), seed,
                    config.clocks().clocksText(), skewText(config.clocks().skewOf(index, spec.id(), seed)), log.file());
            TickLoop loop = new TickLoop(time, inbox, () -> stopReason != null);
            // the first lives start together and wait for one another; a restarted one cannot know who else is down
            long waitUntilNanos = previous == null ? Long.MAX_VALUE : time.monotonicNanos() + RESTART_CONNECT_WAIT_NANOS;
            Machine connecting = machine;
            loop.runTasksUntil(() -> connecting.connected() || time.monotonicNanos() >= waitUntilNanos, WAIT_POLL_NANOS);
            if (stopReason == null) {
                String ticking = (unthrottled ? "full speed (unthrottled)" : rate + "/s") + " for "
                        + (config.duration().isZero() ? "ever (until stopped)" : DurationText.format(config.duration()));
                if (machine.connected()) {
                    LOG.info("{} connected to {}; ticking at {}", spec.id(), String.join(", ", machine.peerIds()), ticking);
                } else {
                    LOG.warn("{}: {} not connected {} s after restarting; ticking at {} without (sends there are logged "
                            + "undelivered until it is back)", spec.id(), String.join(", ", notConnected(machine)),
                            TimeUnit.NANOSECONDS.toSeconds(RESTART_CONNECT_WAIT_NANOS), ticking);
                }
                sends.start();
                // what peers saw from an earlier life, told in the handshakes: a log can lose its last lines
                machine.resumeAbove(handOff.highWaterLamport(), handOff.highWaterOwnEntry());
                lastStatusNanos = time.monotonicNanos();
                if (unthrottled) {
                    long nanos = config.duration().isZero() ? Long.MAX_VALUE : config.duration().toNanos();
                    loop.runUnthrottled(machine, nanos, k -> {
                        afterStep();
                        if ((k & (FLUSH_EVERY_TICKS - 1)) == 0) {
                            transport.flushSends();
                        }
                        return true;
                    });
                    transport.flushSends();
                } else {
                    warmUpNetworkPath();
                    machine.startTicking(time.monotonicNanos(), config.duration());
                    loop.run(machine, this::afterStep);
                }
            }
            if (stopReason == null) {
                stopReason = "duration";
            }
            sends.abandonDelayed(); // logged by the tasks the goodbye runs, before the stop line
            sayGoodbye(loop);
            machine.stop(stopReason);
        } catch (EventLogException e) {
            failure = e.getMessage();
            stopReason = "error";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopReason = "interrupted";
            machine.stop(stopReason);
        } finally {
            if (sends != null) {
                sends.close();
            }
            if (!transportClosed) {
                transport.close();
            }
            try {
                log.close();
            } catch (IOException e) {
                failure = failure != null ? failure : "cannot write " + log.file() + ": " + e.getMessage();
            }
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
     * A clean stop: tells every peer (protocol 3's Goodbye), which stop sending to it, and waits (bounded) until each
     * has answered after its last message and acknowledged ours; then closes the connections. What arrived after
     * the last tick, and what the network reports undelivered meanwhile, is taken in before the stop line, so the
     * machine logs it ({@code unprocessed}, {@code undelivered}): every message ends up in some log.
     */
    private void sayGoodbye(TickLoop loop) throws InterruptedException {
        NetTransport.GoodbyeOutcome o = transport.sayGoodbye(GOODBYE_BOUND);
        transport.close();
        transportClosed = true;
        loop.runPostedTasks();
        if (!o.unanswered().isEmpty()) {
            LOG.warn("{}: {} did not answer the goodbye within {} ms: what they still sent is in no log", spec.id(),
                    o.unanswered(), GOODBYE_BOUND.toMillis());
        }
    }

    /** Each machine's physical clock (from the run's seed) and its HLC, as config.json and the CLI set them. */
    static ClockPlan clockPlan(ClusterConfig config, MachineIds ids, long seed) {
        ClockSettings c = config.clocks();
        return new ClockPlan(c.hlc(), c.hlcMaxOffsetMicros(), i -> c.skewOf(i, ids.id(i), seed));
    }

    private static String skewText(dev.clockscope.time.ClockSkew skew) {
        return skew.isNone() ? "" : " (its clock " + ClockErrorSpec.format(ClockErrorSpec.Unit.OFFSET, skew.offsetMicros())
                + ", drift " + ClockErrorSpec.format(ClockErrorSpec.Unit.DRIFT, skew.driftPpb()) + ")";
    }

    /** After each step of the machine: back-pressure accounting, and a status line every 5 s. */
    private void afterStep() {
        // a tick takes one message, or refuses some for their clock first: each one leaves the queue
        long taken = machine.receives() + machine.clockRejections();
        for (; lastTaken < taken; lastTaken++) {
            handOff.messageTaken();
        }
        long now = time.monotonicNanos();
        if (now - lastStatusNanos >= STATUS_EVERY_NANOS) {
            lastStatusNanos = now;
            LOG.info("{} tick {}  lamport {}  queue {}  (sent {}, received {}, internal {})", spec.id(),
                    machine.ticks(), machine.lamportTime(), machine.queueLength(), machine.sends(),
                    machine.receives(), machine.internals());
        }
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

    /**
     * A control line from the runner (the live view): cut, heal, delay or loss on one of this machine's links.
     * From any thread; applied on the machine's thread. A bad line is refused with a warning; nothing changes.
     */
    public void control(String line) {
        inbox.post(() -> {
            if (machine != null) {
                sends.control(machine, line);
            }
        });
    }

    private static List<String> notConnected(Machine machine) {
        List<String> down = new ArrayList<>();
        for (int peer : machine.neighbours()) {
            if (!machine.peerUp(peer)) {
                down.add(machine.ids().id(peer));
            }
        }
        return down;
    }
}
