package dev.clockscope.eventlog;

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
    }

    /**
     * First line: describes the run. {@code machines} lists every machine in config order (vector indices).
     * {@code ticksPerSecond} 0 means unthrottled (ticks back-to-back; logged with {@code "unthrottled":true}).
     */
    record Start(int format, String machine, List<String> machines, List<String> peers, int ticksPerSecond,
                 int die, long seed, long wallMicros, long incarnation, String version) implements Event {
        public Start {
            machines = List.copyOf(machines);
            peers = List.copyOf(peers);
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

    record Send(long wallMicros, long tick, long lamport, VectorClock vector, int queue, List<String> to, long seq)
            implements TickEvent {
        public Send {
            to = List.copyOf(to);
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
                   long msgLamport, long fromIncarnation, long arrivedMicros) implements TickEvent {
        @Override
        public String kind() {
            return "receive";
        }
    }

    record Internal(long wallMicros, long tick, long lamport, VectorClock vector, int queue) implements TickEvent {
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
     * from the same life ({@code fromIncarnation}) of the sender. It is not applied.
     */
    record Rejected(long wallMicros, String from, long fromIncarnation, long seq, String reason) implements Event {
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
     * Messages of one life of a sender ({@code fromIncarnation}) that this machine had taken into its queue but
     * not processed when it stopped: every message from {@code from} with {@code firstSeq <= seq <= lastSeq}
     * that it took ({@code count} of them; -1 when not logged). Logged after the last tick, before the stop line.
     */
    record Unprocessed(long wallMicros, String from, long fromIncarnation, long firstSeq, long lastSeq, long count)
            implements Event {
        @Override
        public String kind() {
            return "unprocessed";
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
