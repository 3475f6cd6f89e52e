package dev.clockscope.analysis;

import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link MessageLedger} has counted so far: the run's messages by outcome, per machine and in total, and
 * the delays of those received. Kept apart from the ledger's matching so that the result builders
 * ({@link RunAnalyzer}, {@link MachineTracker}) read counts, not link queues.
 */
final class MessageCounts {
    final long[] messagesSentBy;
    final long[] undeliveredBy;
    final long[] receivedBy;
    final long[] lostTo;
    final LogHistogram delayMicros = new LogHistogram();
    final LogHistogram[] delayMicrosTo;
    long messages;
    long undelivered;
    long received;
    long lost;
    long toEarlierLifeOfReceiver;
    long toMachineWithoutLog;
    long fromEarlierLifeOfSender;
    long fromMachineWithoutLog;
    long unreceivedAtEnd;
    long undeliveredWithoutSend;
    /** The first such line, as FILE:LINE. */
    String firstUndeliveredWithoutSend;
    /** Undelivered lines for a message that already had an outcome (a second line, or one after its receive). */
    long undeliveredAgain;
    /** The first such line, as FILE:LINE and where the earlier outcome is. */
    String firstUndeliveredAgain;
    long receivedAckLost;
    long unprocessed;
    long unprocessedAckLost;
    /** Taken by a tick and refused for a clock too far ahead (the receiver's {@code rejected} line). */
    long refusedClockAhead;
    /** Unprocessed lines' messages sent by a life of the sender whose log is not here (not matched). */
    long unprocessedUnmatched;
    /** By the sender's reason; a one-element array so that counting allocates nothing after the first. */
    final Map<String, long[]> undeliveredByReason = new TreeMap<>();

    MessageCounts(int machines) {
        this.messagesSentBy = new long[machines];
        this.undeliveredBy = new long[machines];
        this.receivedBy = new long[machines];
        this.lostTo = new long[machines];
        this.delayMicrosTo = new LogHistogram[machines];
        for (int i = 0; i < machines; i++) {
            delayMicrosTo[i] = new LogHistogram();
        }
    }

    void sent(int sender) {
        messages++;
        messagesSentBy[sender]++;
    }

    void undelivered(int sender, String reason) {
        undelivered++;
        undeliveredBy[sender]++;
        undeliveredByReason.computeIfAbsent(reason, k -> new long[1])[0]++;
    }

    void received(int receiver, long delayMicros) {
        received++;
        receivedBy[receiver]++;
        this.delayMicros.add(delayMicros);
        delayMicrosTo[receiver].add(delayMicros);
    }

    void receiveUnmatched(MessageLedger.Unmatched why) {
        if (why == MessageLedger.Unmatched.SENDER_WITHOUT_LOG) {
            fromMachineWithoutLog++;
        } else if (why == MessageLedger.Unmatched.EARLIER_LIFE_OF_SENDER) {
            fromEarlierLifeOfSender++;
        }
    }

    /** The outcome of every message, one bucket each. */
    MessageOutcomes outcomes() {
        Map<String, Long> reasons = new TreeMap<>();
        undeliveredByReason.forEach((k, v) -> reasons.put(k, v[0]));
        return new MessageOutcomes(received - receivedAckLost, receivedAckLost, unprocessed - unprocessedAckLost,
                unprocessedAckLost, refusedClockAhead, reasons, lost, unreceivedAtEnd, toEarlierLifeOfReceiver, toMachineWithoutLog);
    }
}
