package dev.clockscope.eventlog;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the event of one line from its parsed fields ({@link LineFields}): each kind's required fields are
 * checked, with an error naming the field; fields older logs lack get the defaults they then meant.
 */
final class EventBuilder {
    private final LineFields f;
    private final LineFields.Errors errors;
    /** Vector entry by machine id, once the start line has named the machines (null before). */
    private Map<String, Integer> index;
    /** For a start line without machines: the run's (null: guess from the line alone). */
    private List<String> cluster;
    private boolean machinesLogged;

    /** Builds from {@code f} as it holds the current line; {@code errors} names the file and line. */
    EventBuilder(LineFields f, LineFields.Errors errors) {
        this.f = f;
        this.errors = errors;
    }

    /** The run's machines in config order, for a start line that has no {@code machines}. */
    void cluster(List<String> machines) {
        this.cluster = machines;
    }

    /** Whether the start line listed {@code machines} itself (false: derived). */
    boolean machinesLogged() {
        return machinesLogged;
    }

    /** The start line's machines name the vector entries of the lines after it. */
    void names(List<String> machines) {
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < machines.size(); i++) {
            idx.put(machines.get(i), i);
        }
        index = idx;
    }

    /** Vector entry by machine id (empty before the start line). */
    Map<String, Integer> index() {
        return index == null ? Map.of() : index;
    }

    /** The event of the current line; an error names what it lacks or what is wrong with it. */
    Event build() throws EventLogFormatException {
        if (f.event == null) {
            throw errors.error("missing \"event\"");
        }
        long wall = f.require(LineFields.WALL_MICROS, f.wallMicros, "wallMicros", errors);
        return switch (f.event) {
            case "start" -> new Event.Start((int) f.require(LineFields.FORMAT, f.format, "format", errors),
                    requireText(f.machine, "machine"), machines(), requireList(f.peers, "peers"),
                    (int) f.require(LineFields.TICKS_PER_SECOND, f.ticksPerSecond, "ticksPerSecond", errors),
                    (int) f.require(LineFields.DIE, f.die, "die", errors),
                    f.require(LineFields.SEED, f.seed, "seed", errors), wall,
                    f.has(LineFields.INCARNATION) ? f.incarnation : wall, f.version == null ? "" : f.version,
                    f.resumedLamport, f.resumedOwnEntry,
                    f.has(LineFields.CLOCK_OFFSET_MICROS) ? f.clockOffsetMicros : 0,
                    f.has(LineFields.CLOCK_DRIFT_PPB) ? f.clockDriftPpb : 0, hlcMaxOffset());
            case "send" -> new Event.Send(wall, tick(), lamport(), vector(), queue(), requireList(f.to, "to"),
                    f.require(LineFields.SEQ, f.seq, "seq", errors), phys(wall), hlc());
            case "receive" -> new Event.Receive(wall, tick(), lamport(), vector(), queue(), requireText(f.from, "from"),
                    f.require(LineFields.SEQ, f.seq, "seq", errors),
                    f.require(LineFields.MSG_LAMPORT, f.msgLamport, "msgLamport", errors),
                    f.has(LineFields.FROM_INCARNATION) ? f.fromIncarnation : 0,
                    f.has(LineFields.ARRIVED_MICROS) ? f.arrivedMicros : wall, phys(wall), hlc());
            case "internal" -> new Event.Internal(wall, tick(), lamport(), vector(), queue(), phys(wall), hlc());
            case "connected" -> new Event.Connected(wall, f.peers == null ? List.of() : f.peers);
            case "peer_up" -> new Event.PeerUp(wall, requireText(f.peer, "peer"));
            case "peer_down" -> new Event.PeerDown(wall, requireText(f.peer, "peer"));
            case "undelivered" -> new Event.Undelivered(wall, requireText(f.toOne, "to"),
                    f.require(LineFields.SEQ, f.seq, "seq", errors), f.reason == null ? "" : f.reason);
            case "rejected" -> new Event.Rejected(wall, requireText(f.from, "from"),
                    f.has(LineFields.FROM_INCARNATION) ? f.fromIncarnation : 0,
                    f.require(LineFields.SEQ, f.seq, "seq", errors), f.reason == null ? "" : f.reason,
                    f.has(LineFields.ARRIVED_MICROS) ? f.arrivedMicros : 0);
            case "partition" -> new Event.Partition(wall, requireText(f.peer, "peer"), requireText(f.state, "state"));
            case "stall" -> new Event.Stall(wall, f.require(LineFields.MISSED_TICKS, f.missedTicks, "missedTicks", errors));
            case "stop" -> new Event.Stop(wall, f.reason == null ? "" : f.reason,
                    f.require(LineFields.TICKS, f.ticks, "ticks", errors));
            case "resumed" -> new Event.Resumed(wall, lamport(), requireCount(f.resumedOwnEntry));
            case "unprocessed" -> new Event.Unprocessed(wall, requireText(f.from, "from"),
                    f.require(LineFields.FROM_INCARNATION, f.fromIncarnation, "fromIncarnation", errors),
                    requireText(f.seqs, "seqs"), requireCount(f.count));
            default -> throw errors.error("unknown event \"" + f.event + "\"");
        };
    }

    /**
     * The start line's machines; a start line without them (the original schema) gets the run's list given to
     * {@link EventLogReader#cluster}, else its own machine placed among its peers ({@link MachineOrder#guess}).
     */
    private List<String> machines() throws EventLogFormatException {
        machinesLogged = f.machines != null;
        if (machinesLogged) {
            return f.machines;
        }
        String machine = requireText(f.machine, "machine");
        List<String> peers = requireList(f.peers, "peers");
        if (cluster == null) {
            return MachineOrder.guess(machine, peers);
        }
        if (!MachineOrder.fits(cluster, machine, peers)) {
            throw errors.error("no \"machines\", and machine \"" + machine + "\" with peers " + peers
                    + " does not fit the run's machines " + cluster);
        }
        return cluster;
    }

    /** A log from before physical clocks were logged: the machine read the host's clock, i.e. wallMicros. */
    private long phys(long wall) {
        return f.has(LineFields.PHYS_MICROS) ? f.physMicros : wall;
    }

    private Hlc hlc() throws EventLogFormatException {
        if (!f.hasHlc) {
            return null;
        }
        if (f.hlcL < 0 || f.hlcC < 0 || f.hlcC > Integer.MAX_VALUE) {
            throw errors.error("\"hlc\" [" + f.hlcL + ", " + f.hlcC + "] is not [l >= 0, 0 <= c <= " + Integer.MAX_VALUE + "]");
        }
        return new Hlc(f.hlcL, (int) f.hlcC);
    }

    private long hlcMaxOffset() throws EventLogFormatException {
        if (!f.has(LineFields.HLC_MAX_OFFSET_MICROS)) {
            return 0;
        }
        if (f.hlcMaxOffsetMicros < 0) {
            throw errors.error("\"hlcMaxOffsetMicros\" is negative: " + f.hlcMaxOffsetMicros);
        }
        return f.hlcMaxOffsetMicros;
    }

    private long tick() throws EventLogFormatException {
        return f.require(LineFields.TICK, f.tick, "tick", errors);
    }

    private long lamport() throws EventLogFormatException {
        return f.require(LineFields.LAMPORT, f.lamport, "lamport", errors);
    }

    private int queue() throws EventLogFormatException {
        return (int) f.require(LineFields.QUEUE, f.queue, "queue", errors);
    }

    private VectorClock vector() throws EventLogFormatException {
        if (f.vectorCounters == null && f.vectorMap == null) {
            throw errors.error("missing \"vector\"");
        }
        if (index == null) {
            throw errors.error("the first line must be the \"start\" event, found \"" + f.event + "\"");
        }
        if (f.vectorCounters != null) {
            return VectorClock.of(f.vectorCounters); // copies the parser's scratch array
        }
        long[] counters = new long[index.size()];
        for (Map.Entry<String, Long> e : f.vectorMap.entrySet()) {
            Integer i = index.get(e.getKey());
            if (i == null) {
                throw errors.error("vector names \"" + e.getKey() + "\", which is not among the start line's machines");
            }
            if (e.getValue() < 0) {
                throw errors.error("vector entry \"" + e.getKey() + "\" is negative");
            }
            counters[i] = e.getValue();
        }
        return VectorClock.of(counters);
    }

    private long requireCount(long count) throws EventLogFormatException {
        if (count < 0) {
            throw errors.error("\"" + f.event + "\" event lacks \"count\" (>= 0)");
        }
        return count;
    }

    private String requireText(String value, String name) throws EventLogFormatException {
        if (value == null) {
            throw errors.error("\"" + f.event + "\" event lacks \"" + name + "\"");
        }
        return value;
    }

    private List<String> requireList(List<String> value, String name) throws EventLogFormatException {
        if (value == null) {
            throw errors.error("\"" + f.event + "\" event lacks \"" + name + "\"");
        }
        return value;
    }
}
