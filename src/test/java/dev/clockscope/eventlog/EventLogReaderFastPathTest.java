package dev.clockscope.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.testing.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte-level fast path must read exactly what Jackson reads, and hand everything unusual to Jackson. */
class EventLogReaderFastPathTest {
    @TempDir
    Path dir;

    private static final List<String> MACHINES = List.of("machine_1", "machine_2", "machine_3");

    private static long anyLong(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> r.nextLong(10);
            case 1 -> r.nextLong(1L << 31);
            case 2 -> 1_700_000_000_000_000L + r.nextLong(1L << 40); // wall times: 16 digits
            case 3 -> Long.MAX_VALUE - r.nextLong(1000); // 19 digits: beyond the fast path
            default -> r.nextLong(Long.MAX_VALUE);
        };
    }

    @Test
    void randomEventsRoundTripThroughWriterAndReader() throws Exception {
        long seed = Seeds.printed("EventLogReaderFastPathTest");
        SplittableRandom r = new SplittableRandom(seed);
        List<Event> written = new ArrayList<>();
        written.add(new Event.Start(1, "machine_1", MACHINES, List.of("machine_2", "machine_3"), 3, 10, -anyLong(r),
                anyLong(r), anyLong(r), "v").withClock(-r.nextLong(3_600_000_000L), r.nextLong(-100_000_000L, 100_000_000L),
                r.nextLong(1, 3_600_000_000L)));
        // enough lines (~5 MB) to cross the reader's 1 MiB buffer several times
        for (int i = 0; i < 25_000; i++) {
            VectorClock v = VectorClock.of(anyLong(r), anyLong(r), anyLong(r));
            Hlc hlc = r.nextBoolean() ? null : new Hlc(anyLong(r), r.nextInt(10) == 0 ? Integer.MAX_VALUE : r.nextInt(9));
            written.add(switch (r.nextInt(4)) {
                case 0 -> new Event.Send(anyLong(r), anyLong(r), anyLong(r), v, r.nextInt(1000),
                        r.nextBoolean() ? List.of("machine_2") : List.of("machine_2", "machine_3"), anyLong(r),
                        anyLong(r), hlc);
                case 1 -> new Event.Receive(anyLong(r), anyLong(r), anyLong(r), v, r.nextInt(), "machine_3",
                        anyLong(r), anyLong(r), anyLong(r), anyLong(r), anyLong(r), hlc);
                case 2 -> new Event.Internal(anyLong(r), anyLong(r), anyLong(r), v, r.nextInt(5), anyLong(r), hlc);
                default -> new Event.Undelivered(anyLong(r), "machine_2", anyLong(r), "peer down");
            });
        }
        try (EventLogWriter w = EventLogWriter.open(dir, "machine_1")) {
            written.forEach(w::append);
        }
        try {
            assertEquals(written, EventLogReader.readAll(dir.resolve("machine_1.log")), "seed " + seed);
        } catch (EventLogFormatException e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }

    private static final String START = "{\"event\":\"start\",\"format\":1,\"machine\":\"a\",\"machines\":[\"a\",\"b\"],"
            + "\"peers\":[\"b\"],\"ticksPerSecond\":2,\"die\":10,\"seed\":-7,\"wallMicros\":5,\"incarnation\":5}";
    private static final String SEND = "{\"event\":\"send\",\"wallMicros\":1700000000123456,\"tick\":1,\"lamport\":1,"
            + "\"vector\":{\"a\":1,\"b\":0},\"queue\":0,\"to\":[\"b\"],\"seq\":1}";

    private List<Event> read(String content) throws Exception {
        Path file = dir.resolve("x.log");
        Files.writeString(file, content);
        return EventLogReader.readAll(file);
    }

    @Test
    void unusualButValidLinesReadTheSameAsTheWritersShape() throws Exception {
        Event expected = read(START + "\n" + SEND + "\n").get(1);
        List<String> variants = List.of(
                // blanks everywhere, CRLF
                "{ \"event\" : \"send\" , \"wallMicros\" : 1700000000123456 , \"tick\":1,\"lamport\":1,"
                        + "\"vector\": { \"b\":0, \"a\":1 },\"queue\":0,\"to\":[ \"b\" ],\"seq\":1 }\r",
                // fields in another order, an unknown nested field, an escaped string
                "{\"seq\":1,\"to\":[\"\\u0062\"],\"future\":{\"x\":[1,2.5,null,true]},\"queue\":0,\"vector\":{\"a\":1},"
                        + "\"lamport\":1,\"tick\":1,\"wallMicros\":1700000000123456,\"event\":\"send\"}");
        for (String v : variants) {
            List<Event> events = read(START + "\n\n" + v + "\n");
            assertEquals(expected, events.get(1), v);
        }
    }

    @Test
    void nineteenDigitNumbersAndNegativeSeedsAreRead() throws Exception {
        Event.Start s = (Event.Start) read(START.replace("\"seed\":-7", "\"seed\":-9223372036854775808")
                .replace("\"incarnation\":5", "\"incarnation\":9223372036854775807") + "\n").get(0);
        assertEquals(Long.MIN_VALUE, s.seed());
        assertEquals(Long.MAX_VALUE, s.incarnation());
    }

    @Test
    void errorsAreTheJacksonPathsErrorsWithTheRightLine() throws Exception {
        Path file = dir.resolve("x.log");
        Files.writeString(file, START + "\n" + SEND + "\n" + SEND.replace("\"tick\":1", "\"tick\":1.5") + "\n");
        EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> EventLogReader.readAll(file));
        assertEquals(file + ":3: \"tick\" must be an integer", e.getMessage());
        Files.writeString(file, START + "\n" + SEND.replace("\"a\":1", "\"a\":-1") + "\n");
        e = assertThrows(EventLogFormatException.class, () -> EventLogReader.readAll(file));
        assertEquals(file + ":2: vector entry \"a\" is negative", e.getMessage());
        Files.writeString(file, START + "\n" + SEND + " trailing\n");
        e = assertThrows(EventLogFormatException.class, () -> EventLogReader.readAll(file));
        assertTrue(e.getMessage().startsWith(file + ":2: not valid JSON"), e.getMessage());
        Files.writeString(file, START + "\n" + SEND.replace("\"seq\":1", "\"seq\":99999999999999999999") + "\n");
        e = assertThrows(EventLogFormatException.class, () -> EventLogReader.readAll(file));
        assertEquals(file + ":2: \"seq\" is out of range", e.getMessage());
    }

    @Test
    void aLineWithAnHlcOrAPhysicalReadingReadsTheSameInEveryShape() throws Exception {
        String withClocks = SEND.replace("\"tick\":1", "\"physMicros\":1700000000150000,\"tick\":1")
                .replace("\"lamport\":1,", "\"lamport\":1,\"hlc\":[1700000000200000,3],");
        Event.Send expected = (Event.Send) read(START + "\n" + withClocks + "\n").get(1);
        assertEquals(new dev.clockscope.clock.Hlc(1_700_000_000_200_000L, 3), expected.hlc());
        assertEquals(1_700_000_000_150_000L, expected.physMicros());
        // blanks inside the list, and the fields last: the general paths
        for (String v : List.of(withClocks.replace("[1700000000200000,3]", "[ 1700000000200000 , 3 ]"),
                SEND.substring(0, SEND.length() - 1) + ",\"hlc\":[1700000000200000,3],\"physMicros\":1700000000150000}")) {
            assertEquals(expected, read(START + "\n" + v + "\n").get(1), v);
        }
        // a log from before physical readings were logged: the machine read the host's clock
        assertEquals(1_700_000_000_123_456L, ((Event.Send) read(START + "\n" + SEND + "\n").get(1)).physMicros());
    }

    @Test
    void anHlcOutOfRangeIsAnErrorNamingTheLine() throws Exception {
        Path file = dir.resolve("x.log");
        for (String bad : List.of("[5,-1]", "[-5,1]", "[5,2147483648]")) {
            Files.writeString(file, START + "\n" + SEND.replace("\"lamport\":1,", "\"lamport\":1,\"hlc\":" + bad + ",")
                    + "\n");
            EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> EventLogReader.readAll(file));
            assertTrue(e.getMessage().startsWith(file + ":2: \"hlc\""), e.getMessage());
        }
        Files.writeString(file, START + "\n" + SEND.replace("\"lamport\":1,", "\"lamport\":1,\"hlc\":[5],") + "\n");
        EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> EventLogReader.readAll(file));
        assertEquals(file + ":2: \"hlc\" must be an integer", e.getMessage());
    }

    @Test
    void aLastLineWithoutNewlineThatParsesIsKept() throws Exception {
        assertEquals(2, read(START + "\n" + SEND).size());
    }
}
