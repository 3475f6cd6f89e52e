package dev.clockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import dev.clockscope.testing.FaultTally;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/** Length prefixes of every kind, and valid streams cut into arbitrary pieces, through Netty's decoder. */
class FrameDecoderPropertyTest {
    private static final AtomicLong TRIED = new AtomicLong();

    @AfterContainer
    static void tally() {
        FaultTally.add("frame decoder: bad length prefixes", TRIED.get());
    }

    @Provide
    Arbitrary<Integer> badLengths() {
        return Arbitraries.oneOf(Arbitraries.of(0, -1, Integer.MIN_VALUE, FrameCodec.MAX_PAYLOAD_BYTES + 1, Integer.MAX_VALUE),
                Arbitraries.integers().lessOrEqual(-1),
                Arbitraries.integers().greaterOrEqual(FrameCodec.MAX_PAYLOAD_BYTES + 1));
    }

    @Property(tries = 300)
    void zeroNegativeAndHugeLengthPrefixesFailBeforeAnyPayloadIsBuffered(@ForAll("badLengths") int length) {
        TRIED.incrementAndGet();
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder());
        assertThrows(DecoderException.class, () -> in.writeInbound(Unpooled.buffer().writeInt(length)));
    }

    @Property(tries = 200)
    void aValidStreamCutAnywhereDecodesToTheSameFrames(@ForAll @IntRange(min = 1, max = 20) int count,
                                                       @ForAll @IntRange(min = 1, max = 97) int piece) {
        List<Frame> frames = new ArrayList<>();
        ByteBuf wire = Unpooled.buffer();
        for (int i = 1; i <= count; i++) {
            Frame f = new Frame.Data(i % 3, i, i + 1, new long[] {i, i, i});
            frames.add(f);
            byte[] p = FrameCodec.encode(f);
            wire.writeInt(p.length).writeBytes(p);
        }
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder());
        while (wire.isReadable()) {
            in.writeInbound(wire.readRetainedSlice(Math.min(piece, wire.readableBytes())));
        }
        List<Frame> got = new ArrayList<>();
        for (Object o = in.readInbound(); o != null; o = in.readInbound()) {
            got.add((Frame) o);
        }
        assertEquals(frames, got);
    }
}
