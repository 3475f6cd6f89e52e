package dev.clockscope.node;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.HybridLogicalClock;
import dev.clockscope.clock.LamportClock;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import dev.clockscope.random.RandomSource;
import dev.clockscope.time.PhysicalClock;
import dev.clockscope.time.TickSchedule;
import dev.clockscope.time.TimeSource;
import java.time.Duration;
import java.util.List;

/**
 * One machine of the scale model: its clocks, its incoming queue, its links and the one-action-per-tick
 * rule. This class is the model; the real runtime and the simulator only drive it:
 * <ul>
 *   <li><em>stepped</em>: a driver asks {@link #nextDeadlineNanos()} and calls {@link #runDue(long)} at or
 *       after it (the real driver on its own thread with system time, the simulator from its event queue);</li>
 *   <li><em>inbound port</em>: {@link #deliver}, {@link #linkUp}, {@link #linkDown}, called by Netty (via the
 *       runtime) or the simulated network;</li>
 *   <li><em>outbound ports</em>: a {@link Transport} and an {@link EventLog} sink.</li>
 * </ul>
 * Plain Java with no threads, sockets, wall clock or randomness of its own. Inside, machines are indices
 * and a machine knows only its neighbours (sorted ascending); names appear only in the events it logs.
 * Every method must be called from one thread at a time.
 */
public final class Machine implements Inbound {
    /** {@link #nextDeadlineNanos()} when no tick is due any more (not started, or done). */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    /**
     * How long a restarted machine waits to be connected to all its peers before it ticks with those that are up: it
     * cannot know whether another is down too, and waiting for that one would hold it forever. First lives start
     * together and wait for one another.
     */
    public static final Duration RESTART_CONNECT_WAIT = Duration.ofSeconds(3);
    /** What {@link #touch} reads: what a tick reads first; the queued message's sender's name; the links' books. */
    public static final int TOUCH_TICK = 0;
    public static final int TOUCH_QUEUED_SENDER = 1;
    public static final int TOUCH_LINKS = 2;

    private final int self;
    private final MachineIds ids;
    private final Peers peers;
    /** The neighbours, ascending: {@link Peers}' own array, read here so that a tick takes no extra hop to it. */
    private final int[] neighbours;
    private final ActionPolicy policy;
    private final long incarnation;
    private final int ticksPerSecond;
    private final Transport transport;
    private final RandomSource random;
    private final EventLog log;
    private final TimeSource time;
    /** What the machine's own clock shows at a true time: the host's clock unless skewed. */
    private final PhysicalClock physical;
    /** Null when the run keeps no hybrid logical clocks. */
    private final HybridLogicalClock hlc;
    private final long hlcMaxOffsetMicros;

    private final LamportClock lamport = new LamportClock();
    /** Null when the run keeps no vector clocks. */
    private VectorClock vector;
    private final MessageQueue queue;

    private TickSchedule schedule;
    private long nextTick;
    /** The deadline of {@code nextTick}, or NO_DEADLINE: read on every step, so kept here rather than recomputed. */
    private long nextDeadline = NO_DEADLINE;
    private long maxTicks;
    private final long stallThresholdNanos;

    private long ticks;
    private long sendSeq;
    private long receives;
    private long internals;
    private long undelivered;
    private long duplicates;
    private long clockRejections;

    /**
     * @param neighbours     the machines this one talks to, as indices (any order; kept sorted ascending)
     * @param ticksPerSecond its rate (0 = unthrottled: the driver calls {@link #tick()} back to back)
     * @param incarnation    this life of the machine (its start time in µs), sent with every message
     */
    public Machine(int self, MachineIds ids, int[] neighbours, ActionPolicy policy, VectorMode vectors,
                   int ticksPerSecond, long incarnation, Transport transport, RandomSource random, EventLog log,
                   TimeSource time) {
        this(self, ids, neighbours, policy, vectors, ticksPerSecond, incarnation, transport, random, log, time,
                PhysicalClock.HOST, 0, MessageQueue.newRingPool());
    }

    /**
     * @param physical           the machine's own clock, read at every tick event ({@code physMicros})
     * @param hlcMaxOffsetMicros 0: no hybrid logical clock; else the machine keeps one and refuses a message whose
     *                           HLC is more than this ahead of its physical clock
     * @param rings              where its queue's rings come from: one pool for the machines of a run
     *                           ({@link MachineFactory})
     */
    Machine(int self, MachineIds ids, int[] neighbours, ActionPolicy policy, VectorMode vectors, int ticksPerSecond,
            long incarnation, Transport transport, RandomSource random, EventLog log, TimeSource time,
            PhysicalClock physical, long hlcMaxOffsetMicros, RingPool rings) {
        if (hlcMaxOffsetMicros < 0) {
            throw new IllegalArgumentException("hlcMaxOffsetMicros must be >= 0, got " + hlcMaxOffsetMicros);
        }
        this.queue = new MessageQueue(rings);
        this.physical = physical;
        this.hlcMaxOffsetMicros = hlcMaxOffsetMicros;
        this.hlc = hlcMaxOffsetMicros > 0 ? new HybridLogicalClock() : null;
        this.self = self;
        this.ids = ids;
        this.peers = new Peers(self, ids, neighbours);
        this.neighbours = peers.sorted();
        String refusal = policy.refuse(this.neighbours.length);
        if (refusal != null) {
            throw new IllegalArgumentException(ids.id(self) + ": " + refusal);
        }
        if (ticksPerSecond < 0) {
            throw new IllegalArgumentException("ticksPerSecond must be >= 0, got " + ticksPerSecond);
        }
        this.policy = policy;
        this.ticksPerSecond = ticksPerSecond;
        // the rate alone sets it; an unthrottled machine has no deadlines to be late for
        this.stallThresholdNanos = ticksPerSecond == 0 ? 0 : new TickSchedule(0, ticksPerSecond).stallThresholdNanos();
        this.incarnation = incarnation;
        this.transport = transport;
        this.random = random;
        this.log = log;
        this.time = time;
        this.vector = switch (vectors) {
            case DENSE -> VectorClock.zero(ids.size());
            case SPARSE -> VectorClock.sparseZero(ids.size());
            case OFF -> null;
        };
    }

    // ---- stepping ----

    /**
     * Ticking starts now: tick k is due at {@code startNanos + k / rate} on the driver's timeline, for
     * {@code duration} ({@link Duration#ZERO}: until stopped). Unthrottled machines ignore the schedule.
     */
    public void startTicking(long startNanos, Duration duration) {
        if (ticksPerSecond == 0) {
            return;
        }
        schedule = new TickSchedule(startNanos, ticksPerSecond);
        maxTicks = duration.isZero() ? Long.MAX_VALUE : schedule.ticksWithin(duration);
        moveTo(0);
    }

    private void moveTo(long tick) {
        nextTick = tick;
        nextDeadline = tick >= maxTicks ? NO_DEADLINE : schedule.deadlineNanos(tick);
    }

    /** When the next tick is due, or {@link #NO_DEADLINE}. */
    public long nextDeadlineNanos() {
        return nextDeadline;
    }

    /**
     * Reads what the driver is about to make this machine do and returns a number of no meaning. Called a few events
     * early, the reads' cache misses (at 10^5 machines and more, most of them are) overlap with the work before
     * instead of stalling this machine's turn one after another: Java has no prefetch instruction. Changes nothing.
     */
    public long touch(int what) {
        return switch (what) {
            case TOUCH_TICK -> lamport.time() + queue.size() + neighbours.length
                    + (schedule == null ? 0 : schedule.startNanos()) + (hlc == null ? 0 : hlc.l());
            case TOUCH_QUEUED_SENDER -> queue.isEmpty() || ids.id(queue.from()) == null ? 0 : 1;
            case TOUCH_LINKS -> peers.touch();
            default -> throw new IllegalArgumentException("nothing to touch for " + what);
        };
    }

    /** Every scheduled tick has run (or been skipped). */
    public boolean doneTicking() {
        return schedule != null && nextTick >= maxTicks;
    }

    /**
     * Runs what is due at {@code nowNanos}: the next tick if its deadline has come. A tick that is a little
     * late still runs (the deadlines after it do not move); one later than the stall threshold means the
     * machine was held up, so the missed ticks are skipped and logged as one {@code stall} instead.
     */
    public void runDue(long nowNanos) {
        long deadline = nextDeadline;
        if (nowNanos < deadline) {
            return; // also when there is no deadline (NO_DEADLINE is the largest long)
        }
        if (stallsWhenLate(nowNanos - deadline)) {
            skipTicks(Math.min(maxTicks, schedule.firstTickNotBefore(nowNanos)) - nextTick);
            return;
        }
        tick();
        moveTo(nextTick + 1);
    }

    /**
     * Whether ticks whose first was due {@code lateNanos} ago are skipped as one stall rather than run late: later
     * than the stall threshold (two periods, at least 200 ms). {@link #runDue} decides by it, and so does a replay
     * when a what-if pause ends.
     */
    public boolean stallsWhenLate(long lateNanos) {
        return ticksPerSecond == 0 || lateNanos > stallThresholdNanos;
    }

    /**
     * Ticks that could not run (the process was held up) and are skipped, not bunched: one {@code stall} line.
     * {@link #runDue} decides this itself; a replay calls it where the recorded run stalled.
     */
    public void skipTicks(long missedTicks) {
        log.append(new Event.Stall(time.wallMicros(), missedTicks));
        if (schedule != null) {
            moveTo(Math.min(maxTicks, nextTick + missedTicks));
        }
    }

    /**
     * One tick: exactly one action, exactly one logged tick event. Unthrottled drivers and replays (which tick
     * when the recorded run did) call it directly.
     */
    public void tick() {
        transport.beforeTick();
        ticks++;
        // one reading of the true time per tick: its event's wallMicros, and what the machine's own clock shows
        long wall = time.wallMicros();
        long phys = physical.physMicros(wall);
        while (!queue.isEmpty() && refusedForItsClock(wall, phys)) {
            queue.removeHead();
        }
        if (!queue.isEmpty()) {
            receive(wall, phys);
            return;
        }
        int action = policy.choose(random, neighbours.length);
        if (action == ActionPolicy.INTERNAL) {
            long now = lamport.tick();
            if (vector != null) {
                vector = vector.tick(self);
            }
            internals++;
            Hlc stamp = hlc == null ? null : hlc.tick(phys);
            log.append(new Event.Internal(wall, ticks, now, vector, queue.size(), phys, stamp));
        } else if (action == ActionPolicy.ALL) {
            send(0, neighbours.length, wall, phys);
        } else {
            send(action, action + 1, wall, phys);
        }
    }

    /**
     * A message whose HLC is more than the max offset ahead of this machine's clock is refused (logged
     * {@code rejected}, not applied), as CockroachDB refuses an untrustworthy remote clock: one bad clock must
     * not drag every HLC ahead of physical time. The tick then takes the next message, or acts on its own.
     */
    private boolean refusedForItsClock(long wall, long phys) {
        if (hlc == null || !queue.hasHlc() || !HybridLogicalClock.tooFarAhead(queue.hlcL(), phys, hlcMaxOffsetMicros)) {
            return false;
        }
        clockRejections++;
        log.append(new Event.Rejected(wall, ids.id(queue.from()), queue.fromIncarnation(), queue.seq(),
                Event.Rejected.CLOCK_AHEAD + " by " + (queue.hlcL() - phys) + "us (max " + hlcMaxOffsetMicros + "us)",
                queue.arrivedMicros()));
        transport.logged(self, queue.from(), queue.fromIncarnation(), queue.seq());
        return true;
    }

    /** Takes the queue's head: the message's clocks merge into this machine's. */
    private void receive(long wall, long phys) {
        long msgLamport = queue.lamport();
        long now = lamport.merge(msgLamport);
        if (vector != null) {
            vector = vector.mergeAndTick(queue.vector(), self);
        }
        Hlc stamp = null;
        if (hlc != null) {
            // a message from a machine without an HLC is, to this clock, a local event
            stamp = queue.hasHlc() ? hlc.receive(phys, queue.hlcL(), queue.hlcC()) : hlc.tick(phys);
        }
        int from = queue.from();
        long seq = queue.seq();
        long fromIncarnation = queue.fromIncarnation();
        long arrivedMicros = queue.arrivedMicros();
        queue.removeHead();
        receives++;
        log.append(new Event.Receive(wall, ticks, now, vector, queue.size(), ids.id(from), seq, msgLamport,
                fromIncarnation, arrivedMicros, phys, stamp));
        transport.logged(self, from, fromIncarnation, seq);
    }

    /** One send event to the neighbours in slots [fromSlot, toSlot). */
    private void send(int fromSlot, int toSlot, long wall, long phys) {
        // the send is an event: tick first, and the message carries the new value
        long now = lamport.tick();
        if (vector != null) {
            vector = vector.tick(self);
        }
        Hlc stamp = hlc == null ? null : hlc.tick(phys);
        long seq = ++sendSeq;
        // every neighbour (ALL) is the only multi-slot send
        List<String> to = toSlot - fromSlot == 1 ? new OnePeerName(ids, neighbours[fromSlot]) : peers.allIds(ids);
        log.append(new Event.Send(wall, ticks, now, vector, queue.size(), to, seq, phys, stamp));
        Message message = new Message(self, incarnation, seq, now, vector, 0, stamp);
        for (int s = fromSlot; s < toSlot; s++) {
            String failure = transport.send(neighbours[s], message);
            if (failure != null) {
                undelivered++;
                // stamped when the refusal came: a stalled send (unthrottled back-pressure) can outlive the peer
                log.append(new Event.Undelivered(time.wallMicros(), ids.id(neighbours[s]), seq, failure));
            }
        }
    }

    // ---- inbound port ----

    @Override
    public boolean deliver(Message message) {
        int slot = slotOf(message.from());
        if ((vector == null) != (message.vector() == null)
                || (vector != null && message.vector().size() != vector.size())) {
            throw new IllegalArgumentException("a message's vector (" + (message.vector() == null ? "none"
                    : "size " + message.vector().size()) + ") does not fit this machine's ("
                    + (vector == null ? "none" : "size " + vector.size()) + ")");
        }
        if (!peers.take(slot, message.fromIncarnation(), message.seq())) {
            duplicates++;
            log.append(new Event.Rejected(time.wallMicros(), ids.id(message.from()), message.fromIncarnation(),
                    message.seq(), "replay"));
            return false;
        }
        queue.add(message);
        return true;
    }

    @Override
    public void linkUp(int peer, boolean outbound) {
        link(peer, outbound, true);
    }

    @Override
    public void linkDown(int peer, boolean outbound) {
        link(peer, outbound, false);
    }

    private void link(int peer, boolean outbound, boolean up) {
        int change = peers.link(slotOf(peer), outbound, up);
        if (change == Peers.CAME_UP || change == Peers.CAME_UP_ALL_CONNECTED) {
            log.append(new Event.PeerUp(time.wallMicros(), ids.id(peer)));
            if (change == Peers.CAME_UP_ALL_CONNECTED) {
                log.append(new Event.Connected(time.wallMicros(), peerIds()));
            }
        } else if (change == Peers.WENT_DOWN) {
            log.append(new Event.PeerDown(time.wallMicros(), ids.id(peer)));
        }
    }

    private int slotOf(int peer) {
        int slot = peers.slotOf(peer);
        if (slot < 0) {
            throw new IllegalArgumentException(ids.id(self) + ": machine index " + peer + " is not a neighbour");
        }
        return slot;
    }

    // ---- other lifecycle lines ----

    @Override
    public void undelivered(int peer, long seq, String reason) {
        lateUndelivered(peer, seq, reason);
    }

    /** Logs a send that was accepted by the transport but failed later (e.g. a delayed message). */
    public void lateUndelivered(int peer, long seq, String reason) {
        undelivered++;
        log.append(new Event.Undelivered(time.wallMicros(), ids.id(peer), seq, reason));
    }

    /** Logs the start or end of an injected partition on the link to {@code peer}. */
    public void partition(int peer, boolean started) {
        log.append(new Event.Partition(time.wallMicros(), ids.id(peer), started ? "start" : "end"));
    }

    /**
     * The last line of a clean stop, after an {@code unprocessed} line for each sender life whose messages
     * reached this machine but were taken by no tick: with them, every message it received is in its log.
     */
    public void stop(String reason) {
        if (!queue.isEmpty()) {
            for (Event.Unprocessed u : queue.drainAsUnprocessed(time.wallMicros(), ids)) {
                log.append(u);
            }
        }
        log.append(new Event.Stop(time.wallMicros(), reason, ticks));
    }

    /**
     * What a crash takes with it: the messages taken in that no tick has taken yet, oldest first; the queue is then
     * empty. No {@code receive} line was written for them, so they were never acknowledged, and the driver has their
     * senders log them undelivered, as the real cluster's senders do when the link goes.
     */
    public Message[] dropQueue() {
        return queue.drain();
    }

    /**
     * The messages taken in that no tick has taken yet, oldest first; they stay queued. Not acknowledged either:
     * a peer whose connection to this machine dies reports its own as undelivered, though they may still be taken.
     */
    public Message[] queued() {
        return queue.copy();
    }

    /** Who sent a queued message: its sender, the sender's life and the message's seq. */
    @FunctionalInterface
    public interface QueuedVisitor {
        void visit(int from, long fromIncarnation, long seq);
    }

    /** Tells {@code v} of every message taken in that no tick has taken yet, oldest first; they stay queued. */
    public void forEachQueued(QueuedVisitor v) {
        queue.forEach(v);
    }

    /**
     * Raises this machine's clocks to at least {@code lamport} and its own vector entry to at least
     * {@code ownEntry} before its first event: what an earlier life reached (its log, and what peers saw from it),
     * so that no two events of one machine id share a Lamport value or an own entry across lives.
     */
    public void resumeAbove(long lamport, long ownEntry) {
        if (raiseClocks(lamport, ownEntry)) {
            log.append(new Event.Resumed(time.wallMicros(), this.lamport.time(), vector == null ? ownEntry : vector.get(self)));
        }
    }

    /** The start line says so: the factory resumes a life before it logs anything else. */
    boolean raiseClocks(long lamportAtLeast, long ownEntryAtLeast) {
        if (ticks > 0) {
            throw new IllegalStateException(id() + ": clocks can only resume before the first tick");
        }
        boolean raised = lamport.time() < lamportAtLeast || (vector != null && vector.get(self) < ownEntryAtLeast);
        this.lamport.raiseTo(lamportAtLeast);
        if (vector != null) {
            vector = vector.atLeast(self, ownEntryAtLeast);
        }
        return raised;
    }

    // ---- what it is ----

    public int index() {
        return self;
    }

    public String id() {
        return ids.id(self);
    }

    public MachineIds ids() {
        return ids;
    }

    /** Neighbour indices, ascending (a copy). */
    public int[] neighbours() {
        return peers.copy();
    }

    public List<String> peerIds() {
        return peers.ids(ids);
    }

    public int ticksPerSecond() {
        return ticksPerSecond;
    }

    public long incarnation() {
        return incarnation;
    }

    /** Every neighbour is up in both directions, or has been since ticking was allowed to start. */
    public boolean connected() {
        return peers.connected();
    }

    public boolean peerUp(int peer) {
        return peers.up(slotOf(peer));
    }

    public long ticks() {
        return ticks;
    }

    public long lamportTime() {
        return lamport.time();
    }

    public VectorClock vectorClock() {
        return vector;
    }

    public int queueLength() {
        return queue.size();
    }

    public long sends() {
        return sendSeq;
    }

    public long receives() {
        return receives;
    }

    public long internals() {
        return internals;
    }

    public long undelivered() {
        return undelivered;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Messages refused because their HLC was too far ahead of this machine's clock. */
    public long clockRejections() {
        return clockRejections;
    }

    /** The hybrid logical clock now, or null when the machine keeps none. */
    public Hlc hlc() {
        return hlc == null ? null : hlc.now();
    }

    /** What this machine's own clock shows at true time {@code wallMicros}. */
    public long physMicros(long wallMicros) {
        return physical.physMicros(wallMicros);
    }
}
