package dev.clockscope.node;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;

/**
 * A logical-clock message between machines. {@code from} is the sender's index; {@code fromIncarnation}
 * tells one life of the sender from the next; {@code vector} is null when the run keeps no vector clocks;
 * {@code arrivedMicros} is stamped by the receiving side when the message reached its queue (0 on the
 * sending side); {@code hlc} is the sender's hybrid logical clock at the send, null when it keeps none.
 */
public record Message(int from, long fromIncarnation, long seq, long lamport, VectorClock vector,
                      long arrivedMicros, Hlc hlc) {
    /** A message without an HLC. */
    public Message(int from, long fromIncarnation, long seq, long lamport, VectorClock vector, long arrivedMicros) {
        this(from, fromIncarnation, seq, lamport, vector, arrivedMicros, null);
    }

    /** The same message as it reaches a queue at {@code micros}. */
    public Message arrivedAt(long micros) {
        return new Message(from, fromIncarnation, seq, lamport, vector, micros, hlc);
    }
}
