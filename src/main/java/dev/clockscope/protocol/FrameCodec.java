package dev.clockscope.protocol;

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
    /** 2: Hello/HelloAck carry nonces, HelloAck a MAC, and a new Auth frame ends the handshake. */
    public static final int PROTOCOL_VERSION = 2;
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

    private FrameCodec() {
    }

    public static byte[] encode(Frame frame) {
        ByteBuffer buffer = ByteBuffer.allocate(encodedSize(frame));
        encode(frame, buffer);
        return buffer.array();
    }

    public static int encodedSize(Frame frame) {
        if (frame instanceof Frame.Data d) {
            return 1 + 2 + 8 + 8 + 2 + d.vector().length * Long.BYTES;
        }
        if (frame instanceof Frame.Auth) {
            return 1 + MAC_BYTES;
        }
        if (frame instanceof Frame.Hello h) {
            return 1 + 2 + 2 + h.machineId().getBytes(StandardCharsets.UTF_8).length + 8 + NONCE_BYTES;
        }
        Frame.HelloAck a = (Frame.HelloAck) frame;
        return 1 + 2 + 2 + a.machineId().getBytes(StandardCharsets.UTF_8).length + 8 + NONCE_BYTES + MAC_BYTES;
    }

    /** Writes the payload of {@code frame} at the buffer's position. */
    public static void encode(Frame frame, ByteBuffer out) {
        if (frame instanceof Frame.Hello h) {
            writeIdentity(out, TYPE_HELLO, h.protocolVersion(), h.machineId(), h.incarnation());
            putFixed(out, h.nonce(), NONCE_BYTES, "nonce");
        } else if (frame instanceof Frame.HelloAck a) {
            writeIdentity(out, TYPE_HELLO_ACK, a.protocolVersion(), a.machineId(), a.incarnation());
            putFixed(out, a.nonce(), NONCE_BYTES, "nonce");
            putFixed(out, a.mac(), MAC_BYTES, "mac");
        } else if (frame instanceof Frame.Auth a) {
            out.put(TYPE_AUTH);
            putFixed(out, a.mac(), MAC_BYTES, "mac");
        } else {
            Frame.Data d = (Frame.Data) frame;
            out.put(TYPE_DATA);
            out.putShort((short) d.senderIndex());
            out.putLong(d.seq());
            out.putLong(d.lamport());
            out.putShort((short) d.vector().length);
            for (long v : d.vector()) {
                out.putLong(v);
            }
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
                case TYPE_DATA -> decodeData(payload);
                case TYPE_AUTH -> new Frame.Auth(fixed(payload, MAC_BYTES));
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
            // checked first: an older or newer layout would only fail later with a confusing reason
            throw new ProtocolException("protocol version " + version + ", this machine speaks " + PROTOCOL_VERSION);
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
        if (type == TYPE_HELLO) {
            return new Frame.Hello(version, id, incarnation, nonce);
        }
        return new Frame.HelloAck(version, id, incarnation, nonce, fixed(in, MAC_BYTES));
    }

    private static byte[] fixed(ByteBuffer in, int size) {
        byte[] bytes = new byte[size];
        in.get(bytes);
        return bytes;
    }

    private static Frame decodeData(ByteBuffer in) throws ProtocolException {
        int sender = Short.toUnsignedInt(in.getShort());
        long seq = in.getLong();
        long lamport = in.getLong();
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
        return new Frame.Data(sender, seq, lamport, vector);
    }
}
