package dev.clockscope.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The frames machines exchange. On the wire each frame is a 4-byte big-endian length, then the payload:
 * one type byte and the fields below (see docs in README "Wire protocol").
 */
public sealed interface Frame {

    /**
     * Sent first by the connecting side: who I am, which life of mine this is, and a fresh random
     * {@code nonce} (32 bytes) that the acceptor must fold into its proof (see {@link Handshake}).
     */
    record Hello(int protocolVersion, String machineId, long incarnation, byte[] nonce) implements Frame {
        @Override
        public boolean equals(Object o) {
            return o instanceof Hello h && h.protocolVersion == protocolVersion && h.machineId.equals(machineId)
                    && h.incarnation == incarnation && Arrays.equals(h.nonce, nonce);
        }

        @Override
        public int hashCode() {
            return machineId.hashCode() * 31 + Arrays.hashCode(nonce);
        }

        @Override
        public String toString() {
            return "Hello[v" + protocolVersion + ", " + machineId + ", incarnation " + incarnation + "]";
        }
    }

    /**
     * The accepting side's answer to a valid Hello: its identity, its own nonce, and {@code mac}, the
     * HMAC-SHA256 proof that it knows the cluster secret (over both Hello and this frame's other fields).
     */
    record HelloAck(int protocolVersion, String machineId, long incarnation, byte[] nonce, byte[] mac)
            implements Frame {
        @Override
        public boolean equals(Object o) {
            return o instanceof HelloAck h && h.protocolVersion == protocolVersion && h.machineId.equals(machineId)
                    && h.incarnation == incarnation && Arrays.equals(h.nonce, nonce) && Arrays.equals(h.mac, mac);
        }

        @Override
        public int hashCode() {
            return machineId.hashCode() * 31 + Arrays.hashCode(mac);
        }

        @Override
        public String toString() {
            return "HelloAck[v" + protocolVersion + ", " + machineId + ", incarnation " + incarnation + "]";
        }
    }

    /** The connecting side's proof that it knows the cluster secret; ends the handshake. */
    record Auth(byte[] mac) implements Frame {
        @Override
        public boolean equals(Object o) {
            return o instanceof Auth a && Arrays.equals(a.mac, mac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(mac);
        }

        @Override
        public String toString() {
            return "Auth[" + HexFormat.of().formatHex(mac, 0, Math.min(4, mac.length)) + "...]";
        }
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
