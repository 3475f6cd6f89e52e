package dev.clockscope.protocol;

import dev.clockscope.clock.Hlc;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The frames machines exchange (docs/PROTOCOL.md, section 2). On the wire each frame is a 4-byte
 * big-endian length, then the payload: one type byte and the fields below.
 */
public sealed interface Frame {

    /**
     * Sent first by the connecting side: who I am, which life of mine this is, a fresh random {@code nonce}
     * (32 bytes) that the acceptor must fold into its proof (see {@link Handshake}), and the high-water mark
     * of what I have seen from the acceptor in any of its lives (its highest Lamport value and its highest
     * own vector entry), so that a restarted acceptor can resume its clocks above them.
     */
    record Hello(int protocolVersion, String machineId, long incarnation, byte[] nonce, long seenLamport,
                 long seenOwnEntry) implements Frame {
        /** A Hello that has seen nothing of the acceptor. */
        public Hello(int protocolVersion, String machineId, long incarnation, byte[] nonce) {
            this(protocolVersion, machineId, incarnation, nonce, 0, 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hello h && h.protocolVersion == protocolVersion && h.machineId.equals(machineId)
                    && h.incarnation == incarnation && Arrays.equals(h.nonce, nonce) && h.seenLamport == seenLamport
                    && h.seenOwnEntry == seenOwnEntry;
        }

        @Override
        public int hashCode() {
            return machineId.hashCode() * 31 + Arrays.hashCode(nonce);
        }

        @Override
        public String toString() {
            return "Hello[v" + protocolVersion + ", " + machineId + ", incarnation " + incarnation + ", seen "
                    + seenLamport + "/" + seenOwnEntry + "]";
        }
    }

    /**
     * The accepting side's answer to a valid Hello: its identity, its own nonce, what it has seen from the
     * connector (as in {@link Hello}), and {@code mac}, the HMAC-SHA256 proof that it knows the cluster
     * secret (over the Hello and this frame's other fields).
     */
    record HelloAck(int protocolVersion, String machineId, long incarnation, byte[] nonce, long seenLamport,
                    long seenOwnEntry, byte[] mac) implements Frame {
        /** A HelloAck that has seen nothing of the connector. */
        public HelloAck(int protocolVersion, String machineId, long incarnation, byte[] nonce, byte[] mac) {
            this(protocolVersion, machineId, incarnation, nonce, 0, 0, mac);
        }

        /** The same answer with another {@code mac} (the proof is computed over the answer without it). */
        public HelloAck withMac(byte[] newMac) {
            return new HelloAck(protocolVersion, machineId, incarnation, nonce, seenLamport, seenOwnEntry, newMac);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HelloAck h && h.protocolVersion == protocolVersion && h.machineId.equals(machineId)
                    && h.incarnation == incarnation && Arrays.equals(h.nonce, nonce) && h.seenLamport == seenLamport
                    && h.seenOwnEntry == seenOwnEntry && Arrays.equals(h.mac, mac);
        }

        @Override
        public int hashCode() {
            return machineId.hashCode() * 31 + Arrays.hashCode(mac);
        }

        @Override
        public String toString() {
            return "HelloAck[v" + protocolVersion + ", " + machineId + ", incarnation " + incarnation + ", seen "
                    + seenLamport + "/" + seenOwnEntry + "]";
        }
    }

    /** The connecting side's proof that it knows the cluster secret; the acceptor answers it with an {@link Ack}. */
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
     * {@code seq} counts the sender's send events from 1; {@code hlc} is the sender's hybrid logical clock at the
     * send, or null when it keeps none (then the frame is a plain Data frame, type 3; with one, type 8).
     */
    record Data(int senderIndex, long seq, long lamport, long[] vector, Hlc hlc) implements Frame {
        /** A message without an HLC. */
        public Data(int senderIndex, long seq, long lamport, long[] vector) {
            this(senderIndex, seq, lamport, vector, null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && d.senderIndex == senderIndex && d.seq == seq && d.lamport == lamport
                    && Arrays.equals(d.vector, vector) && java.util.Objects.equals(d.hlc, hlc);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(seq) + Arrays.hashCode(vector);
        }

        @Override
        public String toString() {
            return "Data[sender=" + senderIndex + ", seq=" + seq + ", lamport=" + lamport + ", vector="
                    + Arrays.toString(vector) + (hlc == null ? "" : ", hlc=" + hlc) + "]";
        }
    }

    /**
     * Acceptor to connector, cumulative: the acceptor has taken every message of the connector's current
     * life up to {@code seq} (0: none yet). The first one answers {@link Auth} and confirms the connection.
     */
    record Ack(long seq) implements Frame {
    }

    /** Either direction: "I am alive", written when a connection has been idle for the heartbeat interval. */
    record Heartbeat() implements Frame {
        public static final Heartbeat INSTANCE = new Heartbeat();
    }

    /**
     * Connector to acceptor: no more Data follows on this connection, and the writer takes no more Data from
     * the reader. A stopping machine sends it first; a machine that receives one answers with its own.
     */
    record Goodbye() implements Frame {
        public static final Goodbye INSTANCE = new Goodbye();
    }

    /**
     * A Hello or HelloAck ({@code type}) of another protocol version; nothing after the version is read. Sent
     * as a refusal (type HelloAck, our version, nothing else): every version reads the version right after
     * the type byte, so a peer of any version can name both versions when it gives up.
     */
    record OtherVersion(byte type, int version) implements Frame {
        public boolean isHello() {
            return type == FrameCodec.TYPE_HELLO;
        }

        /** The refusal a machine sends to a Hello of another version: a HelloAck cut after its version field. */
        public static OtherVersion refusal() {
            return new OtherVersion(FrameCodec.TYPE_HELLO_ACK, FrameCodec.PROTOCOL_VERSION);
        }
    }
}
