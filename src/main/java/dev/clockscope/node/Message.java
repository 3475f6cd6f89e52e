package dev.clockscope.node;

import dev.clockscope.clock.VectorClock;

/**
 * A logical-clock message between machines. {@code fromIncarnation} tells one life of the sender from
 * the next; {@code arrivedMicros} is stamped by the receiving side when the message reached its queue
 * (0 on the sending side).
 */
public record Message(String from, long fromIncarnation, long seq, long lamport, VectorClock vector,
                      long arrivedMicros) {
}
