package dev.clockscope.protocol;

import dev.clockscope.clock.Hlc;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes frame payloads (everything after the 4-byte length prefix). Pure byte work, so
 * the same codec serves Netty, tests and other transports. Decoding validates every field: a frame that
 * decodes is well-formed, though the handler still checks it against the cluster (sender, vector size).
 */
public final class FrameCodec {
    /**
     * 4: Data with a hybrid logical clock (frame type 8). 3: acknowledgements, heartbeats and a goodbye (new frames
     * Ack, Heartbeat, Goodbye); Hello and HelloAck carry what each side has seen of the other (2: nonces, a MAC in
     * HelloAck, the Auth frame).
     */
    public static final int PROTOCOL_VERSION = 4;
    public static final int NONCE_BYTES = 32;
    public static final int MAC_BYTES = 32;
    /** Hard upper bound of a payload; a length prefix above it closes the connection. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final int MAX_MACHINE_ID_BYTES = 64;
    public static final int MAX_VECTOR_SIZE = (MAX_PAYLOAD_BYTES - 64) / Long.BYTES;

    static final byte TYPE_HELLO = 1;
    static final byte TYPE_HELLO_ACK = 2;
    static final byte TYPE_DATA = 3;
    static final byte TYPE_AUTH = 4;
    static final byte TYPE_ACK = 5;
    static final byte TYPE_HEARTBEAT = 6;
    static final byte TYPE_GOODBYE = 7;
    /** Data followed, after its Lamport time, by the sender's HLC: l (8 bytes) and c (4). */
    static final byte TYPE_DATA_HLC = 8;
    /** Bytes of the high-water fields (seen Lamport, seen own entry) in Hello and HelloAck. */
    private static final int HIGH_WATER_BYTES = 16;

    private FrameCodec() {
    }

    public static byte[] encode(Frame frame) {
        ByteBuffer buffer = ByteBuffer.allocate(encodedSize(frame));
        encode(frame, buffer);
        return buffer.array();
    }

    public static int encodedSize(Frame frame) {
        if (frame instanceof Frame.Data d) {
            return 1 + 2 + 8 + 8 + (d.hlc() == null ? 0 : Hlc.WIRE_BYTES) + 2 + d.vector().length * Long.BYTES;
        }
        if (frame instanceof Frame.Hello h) {
            return identitySize(h.machineId()) + NONCE_BYTES + HIGH_WATER_BYTES;
        }
        if (frame instanceof Frame.HelloAck a) {
            return identitySize(a.machineId()) + NONCE_BYTES + HIGH_WATER_BYTES + MAC_BYTES;
        }
        if (frame instanceof Frame.Auth) {
            return 1 + MAC_BYTES;
        }
        if (frame instanceof Frame.Ack) {
            return 1 + 8;
        }
        if (frame instanceof Frame.OtherVersion) {
            return 1 + 2;
        }
        return 1; // Heartbeat, Goodbye: the type byte alone
    }

    private static int identitySize(String id) {
        return 1 + 2 + 2 + id.getBytes(StandardCharsets.UTF_8).length + 8;
    }

    /** Writes the payload of {@code frame} at the buffer's position. */
    public static void encode(Frame frame, ByteBuffer out) {
        if (frame instanceof Frame.Data d) {
            out.put(d.hlc() == null ? TYPE_DATA : TYPE_DATA_HLC);
            out.putShort((short) d.senderIndex());
            out.putLong(d.seq());
            out.putLong(d.lamport());
            if (d.hlc() != null) {
                out.putLong(d.hlc().l());
                out.putInt(d.hlc().c());
            }
            out.putShort((short) d.vector().length);
            for (long v : d.vector()) {
                out.putLong(v);
            }
        } else if (frame instanceof Frame.Hello h) {
            writeIdentity(out, TYPE_HELLO, h.protocolVersion(), h.machineId(), h.incarnation());
            putFixed(out, h.nonce(), NONCE_BYTES, "nonce");
            out.putLong(h.seenLamport()).putLong(h.seenOwnEntry());
        } else if (frame instanceof Frame.HelloAck a) {
            writeIdentity(out, TYPE_HELLO_ACK, a.protocolVersion(), a.machineId(), a.incarnation());
            putFixed(out, a.nonce(), NONCE_BYTES, "nonce");
            out.putLong(a.seenLamport()).putLong(a.seenOwnEntry());
            putFixed(out, a.mac(), MAC_BYTES, "mac");
        } else if (frame instanceof Frame.Auth a) {
            out.put(TYPE_AUTH);
            putFixed(out, a.mac(), MAC_BYTES, "mac");
        } else if (frame instanceof Frame.Ack a) {
            out.put(TYPE_ACK).putLong(a.seq());
        } else if (frame instanceof Frame.OtherVersion v) {
            out.put(v.type()).putShort((short) v.version());
        } else {
            out.put(frame instanceof Frame.Heartbeat ? TYPE_HEARTBEAT : TYPE_GOODBYE);
        }
    }

    private static void putFixed(ByteBuffer out, byte[] bytes, int size, String what) {
        if (bytes.length != size) {
            throw new IllegalArgumentException(what + " must be " + size + " bytes, got " + bytes.length);
        }
        out.put(bytes);
    }

    private static void writeIdentity(ByteBuffer out, byte type, int version, String id, long incarnation) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        out.put(type);
        out.putShort((short) version);
        out.putShort((short) idBytes.length);
        out.put(idBytes);
        out.putLong(incarnation);
    }

    /** Decodes one whole payload; throws with a human-readable reason when it is not a valid frame. */
    public static Frame decode(ByteBuffer payload) throws ProtocolException {
        if (payload.remaining() == 0) {
            throw new ProtocolException("empty frame");
        }
        if (payload.remaining() > MAX_PAYLOAD_BYTES) {
            throw new ProtocolException("frame of " + payload.remaining() + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        try {
            byte type = payload.get();
            Frame frame = switch (type) {
                case TYPE_HELLO, TYPE_HELLO_ACK -> decodeIdentity(type, payload);
                case TYPE_DATA -> decodeData(payload, false);
                case TYPE_DATA_HLC -> decodeData(payload, true);
                case TYPE_AUTH -> new Frame.Auth(fixed(payload, MAC_BYTES));
                case TYPE_ACK -> ack(payload.getLong());
                case TYPE_HEARTBEAT -> Frame.Heartbeat.INSTANCE;
                case TYPE_GOODBYE -> Frame.Goodbye.INSTANCE;
                default -> throw new ProtocolException("unknown frame type " + type);
            };
            if (payload.hasRemaining()) {
                throw new ProtocolException(payload.remaining() + " trailing bytes after frame");
            }
            return frame;
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("truncated frame");
        }
    }

    private static Frame decodeIdentity(byte type, ByteBuffer in) throws ProtocolException {
        int version = Short.toUnsignedInt(in.getShort());
        if (version != PROTOCOL_VERSION) {
            // checked first and the rest left unread: another version's layout is not ours to judge
            in.position(in.limit());
            return new Frame.OtherVersion(type, version);
        }
        int idLength = Short.toUnsignedInt(in.getShort());
        if (idLength == 0 || idLength > MAX_MACHINE_ID_BYTES) {
            throw new ProtocolException("machine id length " + idLength + " outside 1.." + MAX_MACHINE_ID_BYTES);
        }
        byte[] idBytes = new byte[idLength];
        in.get(idBytes);
        String id;
        try {
            id = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(idBytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("machine id is not valid UTF-8");
        }
        long incarnation = in.getLong();
        if (incarnation < 0) {
            throw new ProtocolException("negative incarnation " + incarnation);
        }
        byte[] nonce = fixed(in, NONCE_BYTES);
        long seenLamport = nonNegative(in.getLong(), "seen Lamport time");
        long seenOwnEntry = nonNegative(in.getLong(), "seen own vector entry");
        if (type == TYPE_HELLO) {
            return new Frame.Hello(version, id, incarnation, nonce, seenLamport, seenOwnEntry);
        }
        return new Frame.HelloAck(version, id, incarnation, nonce, seenLamport, seenOwnEntry, fixed(in, MAC_BYTES));
    }

    private static long nonNegative(long value, String what) throws ProtocolException {
        if (value < 0) {
            throw new ProtocolException(what + " is negative: " + value);
        }
        return value;
    }

    private static Frame.Ack ack(long seq) throws ProtocolException {
        return new Frame.Ack(nonNegative(seq, "acknowledged sequence number"));
    }

    private static byte[] fixed(ByteBuffer in, int size) {
        byte[] bytes = new byte[size];
        in.get(bytes);
        return bytes;
    }

    private static Frame decodeData(ByteBuffer in, boolean withHlc) throws ProtocolException {
        int sender = Short.toUnsignedInt(in.getShort());
        long seq = in.getLong();
        long lamport = in.getLong();
        Hlc hlc = null;
        if (withHlc) {
            long l = in.getLong();
            int c = in.getInt();
            if (l < 0 || c < 0) {
                throw new ProtocolException("HLC [" + l + ", " + c + "] has a negative part");
            }
            hlc = new Hlc(l, c);
        }
        int size = Short.toUnsignedInt(in.getShort());
        if (seq < 1) {
            throw new ProtocolException("sequence number " + seq + " < 1");
        }
        if (lamport < 1) {
            throw new ProtocolException("Lamport time " + lamport + " < 1");
        }
        if (size == 0 || size > MAX_VECTOR_SIZE) {
            throw new ProtocolException("vector size " + size + " outside 1.." + MAX_VECTOR_SIZE);
        }
        if (sender >= size) {
            throw new ProtocolException("sender index " + sender + " outside vector of size " + size);
        }
        if (in.remaining() != size * Long.BYTES) {
            throw new ProtocolException("vector of " + size + " entries needs " + size * Long.BYTES
                    + " bytes, frame has " + in.remaining());
        }
        long[] vector = new long[size];
        for (int i = 0; i < size; i++) {
            vector[i] = in.getLong();
            if (vector[i] < 0) {
                throw new ProtocolException("vector entry " + i + " is negative: " + vector[i]);
            }
        }
        if (vector[sender] < 1) {
            throw new ProtocolException("sender's own vector entry is " + vector[sender] + ", a send makes it >= 1");
        }
        return new Frame.Data(sender, seq, lamport, vector, hlc);
    }
}
