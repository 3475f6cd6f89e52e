package dev.clockscope.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's lateness and delay figures on hand-made logs, the expected values worked out in comments. */
class BenchStatsTest {
    @TempDir
    Path dir;

    private static String start(String self, String peer) {
        return "{\"event\":\"start\",\"format\":1,\"machine\":\"" + self + "\",\"machines\":[\"a\",\"b\"],\"peers\":[\""
                + peer + "\"],\"ticksPerSecond\":1000,\"die\":10,\"seed\":1,\"wallMicros\":0,\"incarnation\":0,"
                + "\"version\":\"t\"}\n";
    }

    private static String connected(long wall, String peer) {
        return "{\"event\":\"connected\",\"wallMicros\":" + wall + ",\"peers\":[\"" + peer + "\"]}\n";
    }

    private static String internal(long wall, long tick) {
        return "{\"event\":\"internal\",\"wallMicros\":" + wall + ",\"tick\":" + tick + ",\"lamport\":" + tick
                + ",\"vector\":{\"a\":" + tick + ",\"b\":0},\"queue\":0}\n";
    }

    private static Map<String, String> run(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            BenchStats.main(args);
        } finally {
            System.setOut(old);
        }
        Map<String, String> values = new HashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            String[] kv = line.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        return values;
    }

    @Test
    void tickLatenessFromTheScheduleAndWithoutTheWarmUp() throws Exception {
        // 1,000 ticks/s: tick k (1-based) is due at first + (k-1) ms. Connected at 1 s.
        // tick 1 at 1.001000 s: sets the schedule's start (lateness 0)
        // tick 2 at 1.002500 s: due 1.002000 -> 500 us late
        // tick 6001 at 7.001300 s: due 1.001000 + 6000 ms = 7.001000 -> 300 us late, the only one 5 s after connecting
        Files.writeString(dir.resolve("a.log"), start("a", "b") + connected(1_000_000, "b")
                + internal(1_001_000, 1) + internal(1_002_500, 2) + internal(7_001_300, 6001));
        Map<String, String> v = run("ticks", dir.toString(), "1000");
        // sorted 0, 300, 500: p50 is the 2nd (ceil(1.5)), p99 the 3rd (ceil(2.97))
        assertEquals("300", v.get("tickLatenessP50Micros"));
        assertEquals("500", v.get("tickLatenessP99Micros"));
        assertEquals("500", v.get("tickLatenessMaxMicros"));
        assertEquals("300", v.get("tickLatenessP99MicrosAfterWarmUp"));
    }

    @Test
    void oneWayDelayIsArrivalMinusSendAndTheWarmUpIsTheFirstFiveSecondsAfterAllConnected() throws Exception {
        // a connects at 1 s, b at 2 s: warm-up ends at 7 s. a sends seq 1 at 3 s, seq 2 at 7.5 s;
        // b's queue receives them at +3,000 us and +400 us.
        Files.writeString(dir.resolve("a.log"), start("a", "b") + connected(1_000_000, "b")
                + "{\"event\":\"send\",\"wallMicros\":3000000,\"tick\":1,\"lamport\":1,\"vector\":{\"a\":1,\"b\":0},"
                + "\"queue\":0,\"to\":[\"b\"],\"seq\":1}\n"
                + "{\"event\":\"send\",\"wallMicros\":7500000,\"tick\":2,\"lamport\":2,\"vector\":{\"a\":2,\"b\":0},"
                + "\"queue\":0,\"to\":[\"b\"],\"seq\":2}\n");
        Files.writeString(dir.resolve("b.log"), start("b", "a") + connected(2_000_000, "a")
                + "{\"event\":\"receive\",\"wallMicros\":3010000,\"tick\":1,\"lamport\":2,\"vector\":{\"a\":1,\"b\":1},"
                + "\"queue\":0,\"from\":\"a\",\"seq\":1,\"msgLamport\":1,\"fromIncarnation\":0,\"arrivedMicros\":3003000}\n"
                + "{\"event\":\"receive\",\"wallMicros\":7510000,\"tick\":2,\"lamport\":3,\"vector\":{\"a\":2,\"b\":2},"
                + "\"queue\":0,\"from\":\"a\",\"seq\":2,\"msgLamport\":2,\"fromIncarnation\":0,\"arrivedMicros\":7500400}\n");
        Map<String, String> v = run("latency", dir.toString());
        assertEquals("2", v.get("latencySamples"));
        assertEquals("400", v.get("latencyP50Micros"));
        assertEquals("3000", v.get("latencyP99Micros"));
        assertEquals("400", v.get("latencyP99MicrosAfterWarmUp"), "seq 1 was sent before 7 s");
        Map<String, String> c = run("connect", dir.toString());
        assertTrue(c.get("connectMillis").startsWith("2000.0"), "last start 0, last connected 2 s: " + c);
    }
}
