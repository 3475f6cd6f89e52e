package dev.clockscope.analysis;

/**
 * Messages of a run, one per (send, receiver): a send to two peers is one send event and two messages.
 *
 * @param undelivered            the sender logged it undelivered and the receiver did not take it (any reason)
 * @param lost                   sent, never received, although a later message on the same link was
 * @param unreceivedAtEnd        not received when the logs end: in flight, still queued, or lost with the link at the end
 * @param toEarlierLifeOfReceiver sent before the receiver's current log began (its previous life's log is in previous/)
 * @param fromEarlierLifeOfSender receives of messages sent by an earlier life of the sender (not matched)
 * @param toMachineWithoutLog    messages to a machine whose log is not in the directory (not verifiable)
 * @param fromMachineWithoutLog  receives from such a machine
 * @param outcomes               every message in exactly one bucket (received, ack lost, unprocessed, undelivered by
 *                               reason, lost, in flight at the end, ...); {@code received} above is the sum of its
 *                               two received buckets, {@code undelivered} the sum of its undelivered ones
 */
public record MessageResult(
        long sendEvents,
        long messages,
        long received,
        long undelivered,
        long lost,
        long unreceivedAtEnd,
        long toEarlierLifeOfReceiver,
        long fromEarlierLifeOfSender,
        long toMachineWithoutLog,
        long fromMachineWithoutLog,
        String firstLost,
        Distribution delayMicros,
        MessageOutcomes outcomes) {
}
