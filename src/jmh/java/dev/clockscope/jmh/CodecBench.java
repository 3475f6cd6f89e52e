package dev.clockscope.jmh;

import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import dev.clockscope.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The wire codec on a Data frame of a 3-machine cluster (45-byte payload). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBench {
    private final Frame.Data data = new Frame.Data(1, 123_456, 987_654, new long[] {1234, 5678, 91011});
    private final ByteBuffer out = ByteBuffer.allocate(FrameCodec.encodedSize(data));
    private final byte[] encoded = FrameCodec.encode(data);

    @Benchmark
    public ByteBuffer encodeData() {
        out.clear();
        FrameCodec.encode(data, out);
        return out;
    }

    @Benchmark
    public Frame decodeData() throws ProtocolException {
        return FrameCodec.decode(ByteBuffer.wrap(encoded));
    }
}
