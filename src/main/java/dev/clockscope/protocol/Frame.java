package dev.clockscope.protocol;

import java.util.Arrays;

/**
 * The frames machines exchange. On the wire each frame is a 4-byte big-endian length, then the payload:
 * one type byte and the fields below (see docs in README "Wire protocol").
 */
public sealed interface Frame {

    /** Sent first by the connecting side: who I am, which life of mine this is. */
    record Hello(int protocolVersion, String machineId, long incarnation) implements Frame {
    }

    /** The accepting side's answer to a valid Hello. */
    record HelloAck(int protocolVersion, String machineId, long incarnation) implements Frame {
    }

    /**
     * One logical-clock message. {@code senderIndex} is the sender's position in config.json;
     * {@code seq} counts the sender's send events from 1.
     */
    record Data(int senderIndex, long seq, long lamport, long[] vector) implements Frame {
        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && d.senderIndex == senderIndex && d.seq == seq && d.lamport == lamport
                    && Arrays.equals(d.vector, vector);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(seq) + Arrays.hashCode(vector);
        }

        @Override
        public String toString() {
            return "Data[sender=" + senderIndex + ", seq=" + seq + ", lamport=" + lamport + ", vector="
                    + Arrays.toString(vector) + "]";
        }
    }
}
