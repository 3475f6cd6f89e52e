package dev.clockscope.eventlog;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import java.util.List;

/**
 * One line of a machine's event log. The JSON field names are a public contract (README "Event log"):
 * they may gain fields but never change meaning.
 */
public sealed interface Event {
    int FORMAT = 1;

    /** System time in microseconds since the epoch. */
    long wallMicros();

    /** The JSON "event" name of this kind. */
    String kind();

    /** Events produced by one tick's action: the three kinds of the scale model. */
    sealed interface TickEvent extends Event {
        long tick();

        long lamport();

        VectorClock vector();

        /** Messages still waiting after this tick's action. */
        int queue();

        /** The machine's own physical clock at this event (equal to wallMicros unless its clock is skewed). */
        long physMicros();

        /** The machine's hybrid logical clock after this event, or null when the run keeps none. */
        Hlc hlc();
    }

    /**
     * First line: describes the run. {@code machines} lists every machine in config order (vector indices).
     * {@code ticksPerSecond} 0 means unthrottled (ticks back-to-back; logged with {@code "unthrottled":true}).
     * A life that resumed its clocks from an earlier life logs {@code "resumedFrom":{"lamport":L,"ownEntry":E}}:
     * the clocks it starts above ({@code resumedLamport} and {@code resumedOwnEntry} are -1 for a fresh start).
     * The machine's physical clock runs {@code clockOffsetMicros} ahead of the true time from this life's start
     * and {@code clockDriftPpb} faster ({@link dev.clockscope.time.ClockSkew}); {@code hlcMaxOffsetMicros} is how
     * far ahead of that clock a message's HLC may be before it is refused, and 0 when the machine keeps no HLC.
     */
    record Start(int format, String machine, List<String> machines, List<String> peers, int ticksPerSecond,
                 int die, long seed, long wallMicros, long incarnation, String version, long resumedLamport,
                 long resumedOwnEntry, long clockOffsetMicros, long clockDriftPpb, long hlcMaxOffsetMicros)
            implements Event {
        public Start {
            machines = List.copyOf(machines);
            peers = List.copyOf(peers);
        }

        /** A fresh start on the host's own clock, without an HLC. */
        public Start(int format, String machine, List<String> machines, List<String> peers, int ticksPerSecond,
                     int die, long seed, long wallMicros, long incarnation, String version) {
            this(format, machine, machines, peers, ticksPerSecond, die, seed, wallMicros, incarnation, version, -1, -1,
                    0, 0, 0);
        }

        /** This start, resumed from an earlier life's clocks. */
        public Start resumedFrom(long lamport, long ownEntry) {
            return new Start(format, machine, machines, peers, ticksPerSecond, die, seed, wallMicros, incarnation,
                    version, lamport, ownEntry, clockOffsetMicros, clockDriftPpb, hlcMaxOffsetMicros);
        }

        /** This start with a skewed physical clock and (when {@code hlcMaxOffsetMicros} > 0) an HLC. */
        public Start withClock(long clockOffsetMicros, long clockDriftPpb, long hlcMaxOffsetMicros) {
            return new Start(format, machine, machines, peers, ticksPerSecond, die, seed, wallMicros, incarnation,
                    version, resumedLamport, resumedOwnEntry, clockOffsetMicros, clockDriftPpb, hlcMaxOffsetMicros);
        }

        /** This start with the run's machines (for a start line that had none). */
        public Start withMachines(List<String> runMachines) {
            return new Start(format, machine, runMachines, peers, ticksPerSecond, die, seed, wallMicros, incarnation,
                    version, resumedLamport, resumedOwnEntry, clockOffsetMicros, clockDriftPpb, hlcMaxOffsetMicros);
        }

        /** This life resumed its clocks from an earlier one. */
        public boolean resumed() {
            return resumedLamport >= 0;
        }

        public boolean keepsHlc() {
            return hlcMaxOffsetMicros > 0;
        }

        @Override
        public String kind() {
            return "start";
        }

        /** Ticks ran back-to-back ({@code --ticks-per-second max}). */
        public boolean unthrottled() {
            return ticksPerSecond == 0;
        }
    }

    record Send(long wallMicros, long tick, long lamport, VectorClock vector, int queue, List<String> to, long seq,
                long physMicros, Hlc hlc) implements TickEvent {
        public Send {
            to = to instanceof PeerNames kept ? kept : List.copyOf(to);
        }

        /** On the host's clock, without an HLC. */
        public Send(long wallMicros, long tick, long lamport, VectorClock vector, int queue, List<String> to, long seq) {
            this(wallMicros, tick, lamport, vector, queue, to, seq, wallMicros, null);
        }

        @Override
        public String kind() {
            return "send";
        }
    }

    /**
     * A message taken off the queue. {@code arrivedMicros} is when the network put it on the queue, so
     * receive − arrived is the time spent waiting.
     */
    record Receive(long wallMicros, long tick, long lamport, VectorClock vector, int queue, String from, long seq,
                   long msgLamport, long fromIncarnation, long arrivedMicros, long physMicros, Hlc hlc)
            implements TickEvent {
        /** On the host's clock, without an HLC. */
        public Receive(long wallMicros, long tick, long lamport, VectorClock vector, int queue, String from, long seq,
                       long msgLamport, long fromIncarnation, long arrivedMicros) {
            this(wallMicros, tick, lamport, vector, queue, from, seq, msgLamport, fromIncarnation, arrivedMicros,
                    wallMicros, null);
        }

        @Override
        public String kind() {
            return "receive";
        }
    }

    record Internal(long wallMicros, long tick, long lamport, VectorClock vector, int queue, long physMicros, Hlc hlc)
            implements TickEvent {
        /** On the host's clock, without an HLC. */
        public Internal(long wallMicros, long tick, long lamport, VectorClock vector, int queue) {
            this(wallMicros, tick, lamport, vector, queue, wallMicros, null);
        }

        @Override
        public String kind() {
            return "internal";
        }
    }

    /** Connected to every peer in both directions: ticking starts. */
    record Connected(long wallMicros, List<String> peers) implements Event {
        public Connected {
            peers = List.copyOf(peers);
        }

        @Override
        public String kind() {
            return "connected";
        }
    }

    record PeerUp(long wallMicros, String peer) implements Event {
        @Override
        public String kind() {
            return "peer_up";
        }
    }

    record PeerDown(long wallMicros, String peer) implements Event {
        @Override
        public String kind() {
            return "peer_down";
        }
    }

    /** A send that could not be handed to the network, e.g. because the peer was down. */
    record Undelivered(long wallMicros, String to, long seq, String reason) implements Event {
        @Override
        public String kind() {
            return "undelivered";
        }
    }

    /** Ticks skipped because the tick thread could not run for a while (e.g. the process was paused). */
    record Stall(long wallMicros, long missedTicks) implements Event {
        @Override
        public String kind() {
            return "stall";
        }
    }

    /**
     * A message refused by the machine, e.g. {@code reason} "replay": its sequence number was already taken
     * from the same life ({@code fromIncarnation}) of the sender; or "clock ahead ...": its HLC was further ahead
     * of the machine's physical clock than the max offset ({@link #CLOCK_AHEAD}), refused by the tick that took it
     * off the queue, which logs when it had arrived ({@code arrivedMicros}). It is not applied.
     */
    record Rejected(long wallMicros, String from, long fromIncarnation, long seq, String reason, long arrivedMicros)
            implements Event {
        /** How the reason of a message refused for its HLC begins. */
        public static final String CLOCK_AHEAD = "clock ahead";

        /** A refusal on arrival: {@code arrivedMicros} 0 (only a message taken by a tick and refused there has one). */
        public Rejected(long wallMicros, String from, long fromIncarnation, long seq, String reason) {
            this(wallMicros, from, fromIncarnation, seq, reason, 0);
        }

        public boolean clockAhead() {
            return reason.startsWith(CLOCK_AHEAD);
        }

        @Override
        public String kind() {
            return "rejected";
        }
    }

    /**
     * An injected network partition on the link to {@code peer} ({@code state} "start" or "end"); while
     * it lasts, sends to the peer are logged as undelivered with reason "partition".
     */
    record Partition(long wallMicros, String peer, String state) implements Event {
        @Override
        public String kind() {
            return "partition";
        }
    }

    /**
     * Before its first tick, a resumed life raised its clocks above what its start line says: peers had seen
     * more of its earlier life (told in the handshake) than that life's log kept. The first event follows these.
     */
    record Resumed(long wallMicros, long lamport, long ownEntry) implements Event {
        @Override
        public String kind() {
            return "resumed";
        }
    }

    /**
     * Messages that reached the machine but that no tick took (they arrived after its last tick, or were still
     * queued): one line per life of a sender, before the stop line, so that every message is in some log.
     * {@code seqs} are the sender's sequence numbers as ranges, e.g. {@code "3-7,9"}; {@code count} how many.
     */
    record Unprocessed(long wallMicros, String from, long fromIncarnation, String seqs, long count) implements Event {
        @Override
        public String kind() {
            return "unprocessed";
        }

        /**
         * {@code seqs} as inclusive ranges: {@code [first0, last0, first1, last1, ...]}, ascending ("3-7,9" gives
         * 3, 7, 9, 9). A malformed list (not the runtime's) gives an empty array.
         */
        public long[] seqRanges() {
            String[] parts = seqs.isEmpty() ? new String[0] : seqs.split(",");
            long[] out = new long[2 * parts.length];
            try {
                for (int k = 0; k < parts.length; k++) {
                    int dash = parts[k].indexOf('-', 1);
                    out[2 * k] = Long.parseLong(parts[k].substring(0, dash < 0 ? parts[k].length() : dash).trim());
                    out[2 * k + 1] = dash < 0 ? out[2 * k] : Long.parseLong(parts[k].substring(dash + 1).trim());
                }
            } catch (NumberFormatException e) {
                return new long[0];
            }
            return out;
        }
    }

    /** Last line of a clean stop. {@code ticks} is the number of ticks performed. */
    record Stop(long wallMicros, String reason, long ticks) implements Event {
        @Override
        public String kind() {
            return "stop";
        }
    }
}
