package dev.clockscope.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** Reading into batches must give exactly what {@link EventLogReader#next} gives, line numbers and errors included. */
class EventBatchTest {
    @TempDir
    Path dir;

    private static final List<String> MACHINES = List.of("machine_1", "machine_2", "machine_3");
    private static final String START = "{\"event\":\"start\",\"format\":1,\"machine\":\"a\",\"machines\":[\"a\",\"b\"],"
            + "\"peers\":[\"b\"],\"ticksPerSecond\":2,\"die\":10,\"seed\":-7,\"wallMicros\":5,\"incarnation\":5}";
    private static final String SEND = "{\"event\":\"send\",\"wallMicros\":1700000000123456,\"tick\":1,\"lamport\":1,"
            + "\"vector\":{\"a\":1,\"b\":0},\"queue\":0,\"to\":[\"b\"],\"seq\":1}";
    private static final String RECEIVE = "{\"event\":\"receive\",\"wallMicros\":1700000000123457,\"tick\":2,\"lamport\":9,"
            + "\"vector\":{\"a\":2,\"b\":7},\"queue\":3,\"from\":\"b\",\"seq\":4,\"msgLamport\":8,"
            + "\"fromIncarnation\":12,\"arrivedMicros\":1700000000123400}";

    private static long anyLong(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> r.nextLong(10);
            case 1 -> r.nextLong(1L << 31);
            case 2 -> 1_700_000_000_000_000L + r.nextLong(1L << 40);
            case 3 -> Long.MAX_VALUE - r.nextLong(1000); // 19 digits: beyond the fast paths
            case 4 -> r.nextLong(100_000_000L, 1_000_000_000L); // exactly 9 digits: one word and one more
            default -> r.nextLong(Long.MAX_VALUE);
        };
    }

    /** Every row of every batch as an event, and its line, from batches of {@code capacity}. */
    private static List<Object[]> readBatched(Path file, int capacity, int width) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (EventLogReader reader = EventLogReader.open(file)) {
            EventBatch batch = new EventBatch(capacity, width);
            boolean more = true;
            while (more) {
                batch.clear();
                more = reader.read(batch);
                if (more) {
                    assertTrue(batch.isFull(), "a batch comes back full unless the log has ended");
                }
                for (int i = 0; i < batch.size(); i++) {
                    rows.add(new Object[] {batch.event(i), batch.line(i)});
                }
            }
        }
        return rows;
    }

    private static List<Object[]> readOneByOne(Path file) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (EventLogReader reader = EventLogReader.open(file)) {
            for (Event e = reader.next(); e != null; e = reader.next()) {
                rows.add(new Object[] {e, reader.line()});
            }
        }
        return rows;
    }

    private static void assertSameRows(List<Object[]> expected, List<Object[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i)[0], actual.get(i)[0], "row " + i);
            assertEquals(expected.get(i)[1], actual.get(i)[1], "line of row " + i);
        }
    }

    @Test
    void randomEventsReadTheSameInBatchesAsOneByOne() throws Exception {
        long seed = Seeds.printed("EventBatchTest");
        SplittableRandom r = new SplittableRandom(seed);
        List<Event> written = new ArrayList<>();
        written.add(new Event.Start(1, "machine_1", MACHINES, List.of("machine_2", "machine_3"), 3, 10, 1, 2, 2, "v"));
        for (int i = 0; i < 30_000; i++) { // ~6 MB: crosses the reader's buffer several times
            VectorClock v = VectorClock.of(anyLong(r), anyLong(r), anyLong(r));
            long wall = r.nextInt(20) == 0 ? -anyLong(r) : anyLong(r);
            // a skewed physical reading (negative too) and an HLC on some events; c up to its largest value
            long phys = r.nextBoolean() ? wall : r.nextInt(20) == 0 ? -anyLong(r) : anyLong(r);
            Hlc hlc = r.nextBoolean() ? null : new Hlc(anyLong(r), r.nextInt(10) == 0 ? Integer.MAX_VALUE : r.nextInt(9));
            written.add(switch (r.nextInt(6)) {
                case 0 -> new Event.Send(wall, anyLong(r), anyLong(r), v, r.nextInt(1000),
                        switch (r.nextInt(4)) {
                            case 0 -> List.of("machine_2");
                            case 1 -> List.of("machine_2", "machine_3");
                            case 2 -> List.of("machine_9", "machine_1");
                            default -> List.of();
                        }, anyLong(r), phys, hlc);
                case 1 -> new Event.Receive(wall, anyLong(r), anyLong(r), v, r.nextInt(), r.nextInt(10) == 0
                        ? "stranger" : "machine_3", anyLong(r), anyLong(r), anyLong(r), anyLong(r), phys, hlc);
                case 2, 3 -> new Event.Internal(wall, anyLong(r), -anyLong(r), v, r.nextInt(5), phys, hlc);
                case 4 -> new Event.Undelivered(wall, "machine_2", anyLong(r), "peer down");
                default -> new Event.PeerUp(wall, "machine_2");
            });
        }
        try (EventLogWriter w = EventLogWriter.open(dir, "machine_1")) {
            written.forEach(w::append);
        }
        Path file = dir.resolve("machine_1.log");
        List<Object[]> expected = readOneByOne(file);
        assertEquals(written.size(), expected.size(), "seed " + seed);
        for (int capacity : new int[] {1, 7, 4096}) {
            assertSameRows(expected, readBatched(file, capacity, 3));
        }
    }

    @Test
    void columnsHoldTheTickEventsAndUnknownNamesAsMinusOne() throws Exception {
        Path file = dir.resolve("x.log");
        Files.writeString(file, START + "\n" + SEND + "\n" + RECEIVE + "\n"
                + RECEIVE.replace("\"from\":\"b\"", "\"from\":\"c\"") + "\n"
                + "{\"event\":\"peer_up\",\"wallMicros\":9,\"peer\":\"b\"}\n");
        EventBatch b = new EventBatch(10, 2);
        try (EventLogReader reader = EventLogReader.open(file)) {
            assertFalse(reader.read(b));
        }
        assertEquals(5, b.size());
        assertEquals(EventBatch.OTHER, b.kind(0));
        assertEquals(EventBatch.SEND, b.kind(1));
        assertNull(b.object(1), "the writer's shape goes to the columns only");
        assertEquals(1, b.toCount(1));
        assertEquals(1, b.to(1, 0));
        assertEquals(EventBatch.RECEIVE, b.kind(2));
        assertEquals(1, b.from(2));
        assertEquals(9, b.lamport(2));
        assertEquals(8, b.msgLamport(2));
        assertEquals(12, b.fromIncarnation(2));
        assertEquals(3, b.queue(2));
        assertEquals(7, b.vectors()[b.vectorOffset(2) + 1]);
        assertEquals(-1, b.from(3));
        assertEquals("c", ((Event.Receive) b.object(3)).from());
        assertEquals(4, b.line(3));
        assertNotNull(b.object(4));
        assertEquals("receive", EventBatch.kindName(b.kind(2)));
    }

    @Test
    void unusualButValidLinesReadTheSameAsTheWritersShape() throws Exception {
        Path file = dir.resolve("x.log");
        List<String> variants = List.of(
                SEND,
                SEND + "  \r",
                SEND.replace("\"tick\":1,", "\"tick\": 1,"),
                SEND.replace("\"vector\":{\"a\":1,\"b\":0}", "\"vector\":{\"b\":0,\"a\":1}"),
                SEND.replace("\"seq\":1}", "\"seq\":1,\"future\":true}"),
                SEND.replace("\"lamport\":1", "\"lamport\":01"), // not JSON: the error must be the same
                SEND.replace("\"to\":[\"b\"]", "\"to\":[\"\\u0062\"]"),
                SEND.replace("\"to\":[\"b\"]", "\"to\":[\"b\",]"),
                SEND.replace("\"to\":[\"b\"]", "\"to\":[\"b\",\"a\"]"),
                SEND.replace("\"to\":[\"b\"]", "\"to\":[]"),
                SEND.replace("\"to\":[\"b\"]", "\"to\":[\"b\"\"a\"]"),
                SEND.replace("\"a\":1,\"b\":0", "\"a\":1,\"b\":0,"),
                SEND.replace("\"a\":1,\"b\":0", "\"a\":1"),
                SEND.replace("\"lamport\":1", "\"lamport\":0"),
                SEND.replace("\"lamport\":1", "\"lamport\":-0"),
                SEND.replace("\"lamport\":1", "\"lamport\":123456789012345678"),
                SEND.replace("\"lamport\":1", "\"lamport\":1234567890123456789"),
                SEND.replace("\"lamport\":1", "\"lamport\":12345678"),
                SEND.replace("\"lamport\":1", "\"lamport\":1234567890123456"),
                SEND.replace("\"lamport\":1", "\"lamport\":12345678901234567"),
                SEND.replace("\"lamport\":1", "\"lamport\":1.5"),
                RECEIVE.replace("\"from\":\"b\"", "\"from\":\"b\\\"\""),
                RECEIVE.replace("\"from\":\"b\"", "\"from\":\"\""),
                RECEIVE,
                RECEIVE.replace("\"seq\":4", "\"seq\":-4"),
                RECEIVE.replace("\"seq\":4", "\"seq\":4.0"),
                RECEIVE.replace("\"seq\":4", "\"seq\":4e0"));
        for (String v : variants) {
            // no blank line before the variant: the general path, skipping it, would read the variant too
            Files.writeString(file, START + "\n" + v + "\n\n" + RECEIVE + "\n");
            Object expected;
            try {
                expected = readOneByOne(file);
            } catch (EventLogFormatException e) {
                expected = e.getMessage();
            }
            Object actual;
            try {
                actual = readBatched(file, 2, 2);
            } catch (EventLogFormatException e) {
                actual = e.getMessage();
            }
            if (expected instanceof String) {
                assertEquals(expected, actual, v);
            } else {
                @SuppressWarnings("unchecked")
                List<Object[]> e = (List<Object[]>) expected;
                @SuppressWarnings("unchecked")
                List<Object[]> a = (List<Object[]>) actual;
                assertSameRows(e, a);
            }
        }
    }

    @Test
    void anErrorKeepsTheEventsBeforeTheBadLine() throws Exception {
        Path file = dir.resolve("x.log");
        Files.writeString(file, START + "\n" + SEND + "\n" + RECEIVE + "\n" + SEND.replace("\"tick\":1", "\"tick\":1.5")
                + "\n" + SEND + "\n");
        EventBatch b = new EventBatch(10, 2);
        try (EventLogReader reader = EventLogReader.open(file)) {
            EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> reader.read(b));
            assertEquals(file + ":4: \"tick\" must be an integer", e.getMessage());
        }
        assertEquals(3, b.size());
        assertEquals(3, b.line(2));
    }

    @Test
    void aBatchAsWideAsAnotherRunIsRefused() throws Exception {
        Path file = dir.resolve("x.log");
        Files.writeString(file, START + "\n" + SEND + "\n");
        try (EventLogReader reader = EventLogReader.open(file)) {
            assertThrows(IllegalArgumentException.class, () -> reader.read(new EventBatch(10, 3)));
        }
    }
}
