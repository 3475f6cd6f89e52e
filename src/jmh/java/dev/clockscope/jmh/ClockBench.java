package dev.clockscope.jmh;

import dev.clockscope.clock.CausalOrder;
import dev.clockscope.clock.LamportClock;
import dev.clockscope.clock.VectorClock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Lamport and vector clock operations as a tick performs them (3 machines). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClockBench {
    private final LamportClock lamport = new LamportClock();
    private VectorClock vector = VectorClock.of(10, 20, 30);
    private final VectorClock other = VectorClock.of(15, 18, 31);
    private long received = 5;

    @Benchmark
    public long lamportTick() {
        return lamport.tick();
    }

    @Benchmark
    public long lamportMerge() {
        received += 2;
        return lamport.merge(received);
    }

    @Benchmark
    public VectorClock vectorTick() {
        vector = vector.tick(1);
        return vector;
    }

    @Benchmark
    public VectorClock vectorMergeAndTick() {
        return vector.mergeAndTick(other, 0);
    }

    @Benchmark
    public CausalOrder vectorCompare() {
        return vector.compare(other);
    }
}
