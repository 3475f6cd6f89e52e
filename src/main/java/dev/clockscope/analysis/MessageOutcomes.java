package dev.clockscope.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of every message (one per send and receiver): each is in exactly one bucket, so the buckets
 * add up to the run's messages.
 *
 * @param received           received, and not reported by its sender
 * @param receivedAckLost    received, and also reported {@code undelivered} ({@code unacknowledged}) by its sender:
 *                           the link died with the Ack on its way (protocol 3's two generals); delivered
 * @param unprocessed        taken into the receiver's queue but not processed before it stopped (its {@code unprocessed} line)
 * @param unprocessedAckLost as unprocessed, and also reported {@code unacknowledged} by its sender
 * @param refusedClockAhead  taken by a tick of the receiver and refused there: its HLC was further ahead of the
 *                           receiver's clock than the max offset ({@code rejected}, "clock ahead"); not applied
 * @param undelivered        by the sender's reason: never left ({@code peer down}, {@code peer stopped}, ...), or
 *                           {@code unacknowledged} and never seen by the receiver
 * @param lost               never received although a later message on the same link was, and not reported
 * @param inFlightAtEnd      not received when the logs end, and not reported (in flight, queued, lost with the link)
 * @param toEarlierLifeOfReceiver sent before the receiver's current log began
 * @param toMachineWithoutLog     to a machine whose log is not in the directory
 */
public record MessageOutcomes(long received, long receivedAckLost, long unprocessed, long unprocessedAckLost,
                              long refusedClockAhead, Map<String, Long> undelivered, long lost, long inFlightAtEnd,
                              long toEarlierLifeOfReceiver, long toMachineWithoutLog) {
    /** One bucket: a stable id (JSON), a label, a count. */
    public record Row(String id, String label, long count) {
    }

    public MessageOutcomes {
        undelivered = Map.copyOf(new TreeMap<>(undelivered));
    }

    public long undeliveredTotal() {
        return undelivered.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The sum of every bucket: the number of messages. */
    public long total() {
        return received + receivedAckLost + unprocessed + unprocessedAckLost + refusedClockAhead + undeliveredTotal()
                + lost + inFlightAtEnd
                + toEarlierLifeOfReceiver + toMachineWithoutLog;
    }

    /** Every bucket in report order, undelivered reasons alphabetically; empty buckets too, except reasons. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("received", "received", received));
        rows.add(new Row("receivedAckLost", "received, its ack lost (also logged undelivered: unacknowledged)",
                receivedAckLost));
        rows.add(new Row("unprocessed", "taken, unprocessed when the receiver stopped", unprocessed));
        rows.add(new Row("unprocessedAckLost", "taken, unprocessed, its ack lost (also logged unacknowledged)",
                unprocessedAckLost));
        rows.add(new Row("refusedClockAhead", "refused by the receiver: its HLC too far ahead (rejected, clock ahead)",
                refusedClockAhead));
        for (Map.Entry<String, Long> e : new TreeMap<>(undelivered).entrySet()) {
            rows.add(new Row("undelivered:" + e.getKey(), "undelivered: " + e.getKey(), e.getValue()));
        }
        rows.add(new Row("lost", "lost (a later message on its link arrived)", lost));
        rows.add(new Row("inFlightAtEnd", "in flight at the end (not received, not reported)", inFlightAtEnd));
        rows.add(new Row("toEarlierLifeOfReceiver", "to an earlier life of the receiver", toEarlierLifeOfReceiver));
        rows.add(new Row("toMachineWithoutLog", "to a machine without a log", toMachineWithoutLog));
        return rows;
    }
}
