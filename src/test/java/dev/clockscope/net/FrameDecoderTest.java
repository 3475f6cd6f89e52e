package dev.clockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static ByteBuf framed(byte[] payload) {
        return Unpooled.buffer().writeInt(payload.length).writeBytes(payload);
    }

    @Test
    void encoderAndDecoderRoundTripThroughAChannel() {
        EmbeddedChannel out = new EmbeddedChannel(FrameEncoder.INSTANCE);
        Frame data = new Frame.Data(0, 1, 1, new long[] {1, 0, 0});
        out.writeOutbound(data);
        ByteBuf wire = out.readOutbound();
        assertEquals(4 + FrameCodec.encodedSize(data), wire.readableBytes());

        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder());
        in.writeInbound(wire);
        assertEquals(data, in.readInbound());
    }

    @Test
    void framesSplitAcrossReadsAndSeveralPerReadAreReassembled() {
        byte[] a = FrameCodec.encode(new Frame.Hello(FrameCodec.PROTOCOL_VERSION, "machine_1", 7, new byte[32]));
        byte[] b = FrameCodec.encode(new Frame.Data(0, 1, 1, new long[] {1, 0}));
        ByteBuf both = Unpooled.buffer().writeBytes(framed(a)).writeBytes(framed(b));
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder());
        in.writeInbound(both.readRetainedSlice(3));
        assertNull(in.readInbound(), "a 3-byte prefix is not a frame yet");
        in.writeInbound(both.readRetainedSlice(both.readableBytes()));
        assertInstanceOf(Frame.Hello.class, in.readInbound());
        assertInstanceOf(Frame.Data.class, in.readInbound());
    }

    private static Throwable decodeFailure(ByteBuf bytes) {
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder());
        DecoderException e = assertThrows(DecoderException.class, () -> in.writeInbound(bytes));
        return e instanceof TooLongFrameException || e instanceof CorruptedFrameException ? e : e.getCause();
    }

    @Test
    void oversizedLengthFailsFastBeforeTheBytesArrive() {
        ByteBuf prefixOnly = Unpooled.buffer().writeInt(FrameCodec.MAX_PAYLOAD_BYTES + 1);
        assertInstanceOf(TooLongFrameException.class, decodeFailure(prefixOnly));
    }

    @Test
    void negativeZeroAndGarbageFramesAreCorrupt() {
        // the length is unsigned: -4 reads as 4294967292, far above the maximum
        Throwable negative = decodeFailure(Unpooled.buffer().writeInt(-4).writeInt(0));
        assertInstanceOf(TooLongFrameException.class, negative);

        Throwable zero = decodeFailure(Unpooled.buffer().writeInt(0));
        assertTrue(zero.getMessage().contains("empty frame"), zero.getMessage());

        Throwable garbage = decodeFailure(framed(new byte[] {42, 1, 2, 3}));
        assertTrue(garbage.getMessage().contains("unknown frame type 42"), garbage.getMessage());

        Throwable truncated = decodeFailure(framed(new byte[] {3, 0, 0, 0, 0}));
        assertTrue(truncated.getMessage().contains("truncated frame"), truncated.getMessage());
    }
}
