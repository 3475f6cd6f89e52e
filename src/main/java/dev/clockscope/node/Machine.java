package dev.clockscope.node;

import dev.clockscope.clock.LamportClock;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import dev.clockscope.random.RandomSource;
import dev.clockscope.time.TimeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One machine of the scale model: its clocks, its incoming queue and the one-action-per-tick rule.
 * Plain Java with no threads, sockets, wall clock or randomness of its own; everything comes in through
 * the constructor. Every method must be called from the same thread (the machine's tick thread).
 */
public final class Machine {
    private final String id;
    private final int selfIndex;
    private final List<String> machines;
    private final List<String> peers;
    private final Dice dice;
    private final Transport transport;
    private final RandomSource random;
    private final EventLog log;
    private final TimeSource time;
    private final long incarnation;

    private final LamportClock lamport = new LamportClock();
    private VectorClock vector;
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    /** Highest sequence number taken in from each sender's current life, to refuse replays. */
    private final Map<String, long[]> lastSeqByPeer = new HashMap<>();

    private long ticks;
    private long sendSeq;
    private long sends;
    private long receives;
    private long internals;
    private long undelivered;
    private long duplicates;

    /**
     * @param machines    every machine id in config order (vector-clock indices); must contain {@code id}
     * @param incarnation this life of the machine (its start time), sent with every message
     */
    public Machine(String id, List<String> machines, int dieSides, long incarnation, Transport transport,
                   RandomSource random, EventLog log, TimeSource time) {
        this.id = id;
        this.machines = List.copyOf(machines);
        this.selfIndex = this.machines.indexOf(id);
        if (selfIndex < 0) {
            throw new IllegalArgumentException(id + " is not among the machines " + machines);
        }
        List<String> others = new ArrayList<>(this.machines);
        others.remove(id);
        this.peers = List.copyOf(others);
        this.dice = new Dice(dieSides, peers);
        this.incarnation = incarnation;
        this.transport = transport;
        this.random = random;
        this.log = log;
        this.time = time;
        this.vector = VectorClock.zero(this.machines.size());
    }

    /**
     * A message arrived from the network. Returns false, and drops it, when it replays a sequence number
     * already taken from the same life of the sender (the caller warns).
     */
    public boolean enqueue(Message message) {
        if (message.vector().size() != machines.size()) {
            throw new IllegalArgumentException("vector of size " + message.vector().size() + " in a cluster of "
                    + machines.size());
        }
        long[] last = lastSeqByPeer.computeIfAbsent(message.from(), k -> new long[] {-1, 0});
        if (last[0] != message.fromIncarnation()) {
            last[0] = message.fromIncarnation();
            last[1] = 0;
        }
        if (message.seq() <= last[1]) {
            duplicates++;
            log.append(new Event.Rejected(time.wallMicros(), message.from(), message.fromIncarnation(), message.seq(),
                    "replay"));
            return false;
        }
        last[1] = message.seq();
        queue.add(message);
        return true;
    }

    /** One tick: exactly one action, exactly one logged tick event. */
    public void tick() {
        ticks++;
        Message message = queue.poll();
        if (message != null) {
            receive(message);
            return;
        }
        Action action = dice.roll(random);
        if (action instanceof Action.SendTo send) {
            send(send.peers());
        } else {
            long now = lamport.tick();
            vector = vector.tick(selfIndex);
            internals++;
            log.append(new Event.Internal(time.wallMicros(), ticks, now, vector, queue.size()));
        }
    }

    private void receive(Message message) {
        long now = lamport.merge(message.lamport());
        vector = vector.mergeAndTick(message.vector(), selfIndex);
        receives++;
        log.append(new Event.Receive(time.wallMicros(), ticks, now, vector, queue.size(), message.from(),
                message.seq(), message.lamport(), message.fromIncarnation(), message.arrivedMicros()));
    }

    private void send(List<String> targets) {
        // the send is an event: tick first, and the message carries the new value
        long now = lamport.tick();
        vector = vector.tick(selfIndex);
        long seq = ++sendSeq;
        sends++;
        long wall = time.wallMicros();
        log.append(new Event.Send(wall, ticks, now, vector, queue.size(), targets, seq));
        Message message = new Message(id, incarnation, seq, now, vector, 0);
        for (String peer : targets) {
            String failure = transport.send(peer, message);
            if (failure != null) {
                undelivered++;
                // stamped when the refusal came: a stalled send (unthrottled back-pressure) can outlive the peer
                log.append(new Event.Undelivered(time.wallMicros(), peer, seq, failure));
            }
        }
    }

    /** Logs a send that was accepted by the transport but failed later (e.g. a delayed message). */
    public void lateUndelivered(String peer, long seq, String reason) {
        undelivered++;
        log.append(new Event.Undelivered(time.wallMicros(), peer, seq, reason));
    }

    /** Logs the start or end of an injected partition on the link to {@code peer}. */
    public void partition(String peer, boolean started) {
        log.append(new Event.Partition(time.wallMicros(), peer, started ? "start" : "end"));
    }

    public void peerUp(String peer) {
        log.append(new Event.PeerUp(time.wallMicros(), peer));
    }

    public void peerDown(String peer) {
        log.append(new Event.PeerDown(time.wallMicros(), peer));
    }

    /** Connected to every peer in both directions; ticking starts. */
    public void connected() {
        log.append(new Event.Connected(time.wallMicros(), peers));
    }

    /** Ticks that could not run (the process was paused or starved) and were skipped, not bunched. */
    public void stalled(long missedTicks) {
        log.append(new Event.Stall(time.wallMicros(), missedTicks));
    }

    public void stop(String reason) {
        log.append(new Event.Stop(time.wallMicros(), reason, ticks));
    }

    public String id() {
        return id;
    }

    public List<String> peers() {
        return peers;
    }

    public List<String> machines() {
        return machines;
    }

    public long ticks() {
        return ticks;
    }

    public long lamportTime() {
        return lamport.time();
    }


    public int queueLength() {
        return queue.size();
    }

    public long sends() {
        return sends;
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
}
