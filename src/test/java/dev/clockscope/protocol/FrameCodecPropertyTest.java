package dev.clockscope.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clockscope.testing.FaultTally;
import dev.clockscope.clock.Hlc;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/** The codec never accepts what it would not itself write, and rejects every cut-short frame. */
class FrameCodecPropertyTest {
    private static final AtomicLong TRIED = new AtomicLong();

    @AfterContainer
    static void tally() {
        FaultTally.add("codec: random and truncated payloads", TRIED.get());
    }

    @Property(tries = 2000)
    void randomBytesAreRejectedOrAreACanonicalFrame(@ForAll @Size(max = 200) byte[] payload) {
        TRIED.incrementAndGet();
        try {
            Frame f = FrameCodec.decode(ByteBuffer.wrap(payload));
            // another version's Hello/HelloAck is read up to its version only: its type and version re-encode
            byte[] expected = f instanceof Frame.OtherVersion ? Arrays.copyOf(payload, 3) : payload;
            assertArrayEquals(expected, FrameCodec.encode(f), "decoded " + f + " must re-encode to the same bytes");
        } catch (ProtocolException expected) {
            // rejected with a reason
        }
    }

    @Provide
    Arbitrary<Frame> frames() {
        Arbitrary<byte[]> b32 = Arbitraries.bytes().array(byte[].class).ofSize(32);
        Arbitrary<String> ids = Arbitraries.strings().withChars("abcXYZ019_.-é").ofMinLength(1).ofMaxLength(30);
        Arbitrary<Long> natural = Arbitraries.longs().greaterOrEqual(0);
        Arbitrary<Frame> hello = Combinators.combine(ids, natural, b32, natural, natural)
                .as((id, inc, n, lamport, own) -> new Frame.Hello(FrameCodec.PROTOCOL_VERSION, id, inc, n, lamport, own));
        Arbitrary<Frame> ack = Combinators.combine(ids, natural, b32, natural, natural, b32)
                .as((id, inc, n, lamport, own, m) -> new Frame.HelloAck(FrameCodec.PROTOCOL_VERSION, id, inc, n,
                        lamport, own, m));
        Arbitrary<Frame> cumulativeAck = natural.map(Frame.Ack::new);
        Arbitrary<Frame> empty = Arbitraries.of(Frame.Heartbeat.INSTANCE, Frame.Goodbye.INSTANCE);
        Arbitrary<Frame> auth = b32.map(Frame.Auth::new);
        Arbitrary<Hlc> hlcs = Combinators.combine(natural, Arbitraries.integers().greaterOrEqual(0)).as(Hlc::new)
                .injectNull(0.5);
        Arbitrary<Frame> data = Arbitraries.integers().between(1, 12).flatMap(size ->
                Combinators.combine(Arbitraries.integers().between(0, size - 1), Arbitraries.longs().greaterOrEqual(1),
                        Arbitraries.longs().greaterOrEqual(1),
                        Arbitraries.longs().between(1, Long.MAX_VALUE).array(long[].class).ofSize(size), hlcs)
                        .as((sender, seq, lamport, vector, hlc) -> new Frame.Data(sender, seq, lamport, vector, hlc)));
        return Arbitraries.oneOf(hello, ack, auth, data, cumulativeAck, empty);
    }

    @Property(tries = 500)
    void validFramesRoundTripAndEveryStrictPrefixIsRejected(@ForAll("frames") Frame frame) throws ProtocolException {
        byte[] bytes = FrameCodec.encode(frame);
        assertArrayEquals(bytes, FrameCodec.encode(FrameCodec.decode(ByteBuffer.wrap(bytes))));
        for (int n = 0; n < bytes.length; n++) {
            TRIED.incrementAndGet();
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThrows(ProtocolException.class, () -> FrameCodec.decode(ByteBuffer.wrap(cut)), "prefix " + n);
        }
    }
}
