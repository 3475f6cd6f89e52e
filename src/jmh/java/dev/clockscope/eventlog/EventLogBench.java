package dev.clockscope.eventlog;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.clockscope.clock.VectorClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The event log: one receive line encoded by the hand-written encoder vs Jackson's generator (the old
 * writer), the whole EventLogWriter (encode + hand-off + file writes, events/s) and the streaming reader
 * (lines/s): one event at a time, and in batches of columns as the analyzer reads it.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
@BenchmarkMode(Mode.Throughput)
public class EventLogBench {
    private static final List<String> MACHINES = List.of("machine_1", "machine_2", "machine_3");
    private static final Event.Start START = new Event.Start(1, "machine_1", MACHINES, List.of("machine_2", "machine_3"),
            0, 10, 42, 1_795_330_732_463_575L, 1_795_330_732_463_575L, "bench");

    private final EventLineEncoder encoder = new EventLineEncoder();
    private final EventLineEncoder.Buffer buffer = new EventLineEncoder.Buffer(1 << 16);
    private JsonGenerator jackson;
    private long tick;
    private Path dir;
    private EventLogWriter writer;
    private Path readerLog;

    private Event next() {
        tick++;
        long wall = 1_795_330_732_463_575L + tick * 3;
        return new Event.Receive(wall, tick, tick + 1000, VectorClock.of(tick, 4_000 + tick, 3_000 + tick), 3,
                "machine_2", tick / 3 + 1, tick + 900, 1_795_330_732_460_000L, wall - 40);
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        encoder.machines(MACHINES);
        jackson = new JsonFactory().createGenerator(OutputStream.nullOutputStream(), JsonEncoding.UTF8);
        jackson.setPrettyPrinter(new MinimalPrettyPrinter(""));
        dir = Files.createTempDirectory("clockscope-jmh");
        writer = EventLogWriter.open(dir, "machine_1");
        writer.append(START);
        // a 300k-line log for the reader
        try (EventLogWriter w = EventLogWriter.open(dir, "reader")) {
            w.append(START);
            for (int i = 0; i < 300_000; i++) {
                w.append(next());
            }
        }
        readerLog = dir.resolve("reader.log");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        writer.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public int encodeLine() {
        buffer.clear();
        encoder.encode(next(), buffer);
        return buffer.length();
    }

    @Benchmark
    public JsonGenerator encodeLineJackson() throws IOException {
        EventJson.write(jackson, next(), MACHINES);
        jackson.writeRaw('\n');
        return jackson;
    }

    @Benchmark
    public void writerAppend() {
        writer.append(next());
    }

    /** One pass of the streaming reader over 300,001 lines: multiply the score by 300,001 for lines/s. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long readerPass300kLines() throws Exception {
        long n = 0;
        try (EventLogReader r = EventLogReader.open(readerLog)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                n++;
            }
        }
        return n;
    }

    /** The same pass as the analyzer reads: into reused batches of 4096 rows. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long readerPass300kLinesBatched() throws Exception {
        long n = 0;
        EventBatch batch = new EventBatch(4096, MACHINES.size());
        try (EventLogReader r = EventLogReader.open(readerLog)) {
            boolean more = true;
            while (more) {
                batch.clear();
                more = r.read(batch);
                n += batch.size();
            }
        }
        return n;
    }
}
