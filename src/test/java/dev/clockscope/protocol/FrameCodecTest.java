package dev.clockscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.clock.Hlc;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private static Frame roundTrip(Frame f) throws ProtocolException {
        return FrameCodec.decode(ByteBuffer.wrap(FrameCodec.encode(f)));
    }

    @Test
    void everyFrameTypeRoundTrips() throws ProtocolException {
        Frame hello = new Frame.Hello(FrameCodec.PROTOCOL_VERSION, "machine_1", 1_700_000_000_000_000L, Handshake.newNonce(), 12, 4);
        Frame ack = new Frame.HelloAck(FrameCodec.PROTOCOL_VERSION, "mächine-2", 5, Handshake.newNonce(), 7, 2, new byte[32]);
        Frame auth = new Frame.Auth(Handshake.newNonce());
        assertEquals(auth, roundTrip(auth));
        Frame data = new Frame.Data(2, 9, 41, new long[] {3, 0, 7});
        Frame withHlc = new Frame.Data(2, 9, 41, new long[] {3, 0, 7}, new Hlc(1_767_225_600_150_000L, 3));
        assertEquals(withHlc, roundTrip(withHlc));
        assertTrue(!withHlc.equals(data), "the HLC is part of the frame");
        assertEquals(hello, roundTrip(hello));
        assertEquals(ack, roundTrip(ack));
        assertEquals(data, roundTrip(data));
        assertEquals(new Frame.Ack(0), roundTrip(new Frame.Ack(0)));
        assertEquals(new Frame.Ack(Long.MAX_VALUE), roundTrip(new Frame.Ack(Long.MAX_VALUE)));
        assertEquals(Frame.Heartbeat.INSTANCE, roundTrip(Frame.Heartbeat.INSTANCE));
        assertEquals(Frame.Goodbye.INSTANCE, roundTrip(Frame.Goodbye.INSTANCE));
    }

    @Test
    void theNewFramesHaveTheDocumentedLayout() {
        // Ack: type 5, then the cumulative seq as i64; Heartbeat: type 6 alone; Goodbye: type 7 alone
        assertEquals("050000000000000102", java.util.HexFormat.of().formatHex(FrameCodec.encode(new Frame.Ack(258))));
        assertEquals("06", java.util.HexFormat.of().formatHex(FrameCodec.encode(Frame.Heartbeat.INSTANCE)));
        assertEquals("07", java.util.HexFormat.of().formatHex(FrameCodec.encode(Frame.Goodbye.INSTANCE)));
        // a HelloAck cut after the version: the refusal every version can read
        assertEquals("020004", java.util.HexFormat.of().formatHex(FrameCodec.encode(Frame.OtherVersion.refusal())));
        // Hello: 1 + 2 + 2 + len(id) + 8 + 32 + 16 bytes; HelloAck 32 more
        assertEquals(1 + 2 + 2 + 1 + 8 + 32 + 16, FrameCodec.encode(new Frame.Hello(FrameCodec.PROTOCOL_VERSION, "a", 1, new byte[32])).length);
        assertEquals(1 + 2 + 2 + 1 + 8 + 32 + 16 + 32,
                FrameCodec.encode(new Frame.HelloAck(FrameCodec.PROTOCOL_VERSION, "a", 1, new byte[32], new byte[32])).length);
    }

    @Test
    void anotherVersionsHelloIsReadUpToItsVersion() throws ProtocolException {
        // a version-2 Hello as a version-2 machine writes it: no high-water fields
        ByteBuffer v2 = ByteBuffer.allocate(1 + 2 + 2 + 9 + 8 + 32).put((byte) 1).putShort((short) 2)
                .putShort((short) 9).put("machine_1".getBytes()).putLong(7);
        assertEquals(new Frame.OtherVersion((byte) 1, 2), FrameCodec.decode(ByteBuffer.wrap(v2.array())));
        assertEquals(new Frame.OtherVersion((byte) 2, 5), FrameCodec.decode(ByteBuffer.wrap(new byte[] {2, 0, 5})));
        // a version-3 machine's HelloAck (before HLCs)
        assertEquals(new Frame.OtherVersion((byte) 2, 3), FrameCodec.decode(ByteBuffer.wrap(new byte[] {2, 0, 3})));
        assertTrue(FrameCodec.decode(ByteBuffer.wrap(new byte[] {1, 0, 2})) instanceof Frame.OtherVersion o
                && o.isHello());
    }

    @Test
    void dataLayoutIsTheDocumentedOne() {
        byte[] bytes = FrameCodec.encode(new Frame.Data(1, 2, 3, new long[] {0, 4}));
        // type(1) sender(2) seq(8) lamport(8) size(2) vector(2*8)
        assertEquals(1 + 2 + 8 + 8 + 2 + 16, bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals(3, b.get());
        assertEquals(1, b.getShort());
        assertEquals(2, b.getLong());
        assertEquals(3, b.getLong());
        assertEquals(2, b.getShort());
        assertEquals(0, b.getLong());
        assertEquals(4, b.getLong());
    }

    @Test
    void dataWithAnHlcIsTypeEightWithLAndCAfterTheLamportTime() {
        byte[] bytes = FrameCodec.encode(new Frame.Data(1, 2, 3, new long[] {0, 4}, new Hlc(1_767_225_600_150_000L, 7)));
        // type(1) sender(2) seq(8) lamport(8) l(8) c(4) size(2) vector(2*8): 12 bytes more than plain Data
        assertEquals(1 + 2 + 8 + 8 + 8 + 4 + 2 + 16, bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals(8, b.get());
        assertEquals(1, b.getShort());
        assertEquals(2, b.getLong());
        assertEquals(3, b.getLong());
        assertEquals(1_767_225_600_150_000L, b.getLong());
        assertEquals(7, b.getInt());
        assertEquals(2, b.getShort());
        assertEquals(0, b.getLong());
        assertEquals(4, b.getLong());
        ByteBuffer negative = ByteBuffer.allocate(bytes.length).put(bytes);
        negative.putInt(1 + 2 + 8 + 8 + 8, -1);
        assertEquals("HLC [1767225600150000, -1] has a negative part", reason(negative.array()));
        negative.putInt(1 + 2 + 8 + 8 + 8, 0).putLong(1 + 2 + 8 + 8, -9);
        assertEquals("HLC [-9, 0] has a negative part", reason(negative.array()));
        assertEquals("truncated frame", reason(java.util.Arrays.copyOf(bytes, 1 + 2 + 8 + 8 + 10)));
    }

    private static String reason(byte[] payload) {
        return assertThrows(ProtocolException.class, () -> FrameCodec.decode(ByteBuffer.wrap(payload))).getMessage();
    }

    private static byte[] data(int sender, long seq, long lamport, int size, long... vector) {
        ByteBuffer b = ByteBuffer.allocate(1 + 2 + 8 + 8 + 2 + vector.length * 8);
        b.put((byte) 3).putShort((short) sender).putLong(seq).putLong(lamport).putShort((short) size);
        for (long v : vector) {
            b.putLong(v);
        }
        return b.array();
    }

    @Test
    void malformedPayloadsAreRejectedWithAReason() {
        assertEquals("empty frame", reason(new byte[0]));
        assertEquals("unknown frame type 9", reason(new byte[] {9}));
        assertEquals("truncated frame", reason(new byte[] {3, 0, 1, 0}));
        assertEquals("Lamport time -5 < 1", reason(data(0, 1, -5, 2, 1, 0)));
        assertEquals("sequence number 0 < 1", reason(data(0, 0, 5, 2, 1, 0)));
        assertEquals("vector entry 1 is negative: -3", reason(data(0, 1, 5, 2, 1, -3)));
        assertEquals("vector of 3 entries needs 24 bytes, frame has 16", reason(data(0, 1, 5, 3, 1, 0)));
        assertEquals("sender index 4 outside vector of size 2", reason(data(4, 1, 5, 2, 1, 0)));
        assertEquals("vector size 0 outside 1..8184", reason(data(0, 1, 5, 0)));
        assertEquals("sender's own vector entry is 0, a send makes it >= 1", reason(data(1, 1, 5, 2, 1, 0)));
        byte[] trailing = FrameCodec.encode(new Frame.Hello(FrameCodec.PROTOCOL_VERSION, "a", 1, new byte[32]));
        byte[] longer = java.util.Arrays.copyOf(trailing, trailing.length + 2);
        assertEquals("2 trailing bytes after frame", reason(longer));
        assertEquals("acknowledged sequence number is negative: -1", reason(new byte[] {5, -1, -1, -1, -1, -1, -1, -1, -1}));
        assertEquals("1 trailing bytes after frame", reason(new byte[] {6, 0}));
        assertEquals("truncated frame", reason(new byte[] {5, 0, 0}));
    }

    @Test
    void handshakeFieldsAreChecked() {
        ByteBuffer emptyId = ByteBuffer.allocate(1 + 2 + 2 + 8 + 32 + 16).put((byte) 1)
                .putShort((short) FrameCodec.PROTOCOL_VERSION)
                .putShort((short) 0);
        assertTrue(reason(emptyId.array()).startsWith("machine id length 0"));
        ByteBuffer badUtf8 = ByteBuffer.allocate(1 + 2 + 2 + 1 + 8 + 32 + 16).put((byte) 1)
                .putShort((short) FrameCodec.PROTOCOL_VERSION)
                .putShort((short) 1).put((byte) 0xC3);
        assertEquals("machine id is not valid UTF-8", reason(badUtf8.array()));
        ByteBuffer negative = ByteBuffer.allocate(1 + 2 + 2 + 1 + 8 + 32 + 16 + 32).put((byte) 2)
                .putShort((short) FrameCodec.PROTOCOL_VERSION)
                .putShort((short) 1).put((byte) 'a').putLong(-1);
        assertEquals("negative incarnation -1", reason(negative.array()));
        ByteBuffer shortNonce = ByteBuffer.allocate(1 + 2 + 2 + 1 + 8 + 31).put((byte) 1)
                .putShort((short) FrameCodec.PROTOCOL_VERSION)
                .putShort((short) 1).put((byte) 'a').putLong(1);
        assertEquals("truncated frame", reason(shortNonce.array()));
        ByteBuffer negativeSeen = ByteBuffer.allocate(1 + 2 + 2 + 1 + 8 + 32 + 16).put((byte) 1)
                .putShort((short) FrameCodec.PROTOCOL_VERSION)
                .putShort((short) 1).put((byte) 'a').putLong(1).put(new byte[32]).putLong(-2).putLong(0);
        assertEquals("seen Lamport time is negative: -2", reason(negativeSeen.array()));
        ByteBuffer noHighWater = ByteBuffer.allocate(1 + 2 + 2 + 1 + 8 + 32).put((byte) 1)
                .putShort((short) FrameCodec.PROTOCOL_VERSION)
                .putShort((short) 1).put((byte) 'a').putLong(1);
        assertEquals("truncated frame", reason(noHighWater.array()));
    }
}
