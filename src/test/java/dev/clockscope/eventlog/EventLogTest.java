package dev.clockscope.eventlog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @TempDir
    Path dir;

    private static final List<String> MACHINES = List.of("machine_1", "machine_2", "machine_3");
    private static final Event.Start START = new Event.Start(1, "machine_1", MACHINES, List.of("machine_2", "machine_3"),
            4, 10, 42, 1_000_000, 1_000_000, "test");

    private static List<Event> sampleRun() {
        return List.of(START,
                new Event.PeerUp(1_000_100, "machine_2"),
                new Event.Connected(1_000_200, List.of("machine_2", "machine_3")),
                new Event.Send(1_000_300, 1, 1, VectorClock.of(1, 0, 0), 0, List.of("machine_2", "machine_3"), 1),
                new Event.Undelivered(1_000_300, "machine_3", 1, "peer down"),
                new Event.Receive(1_250_300, 2, 9, VectorClock.of(2, 3, 1), 1, "machine_2", 4, 8, 77, 1_200_000),
                new Event.Internal(1_500_300, 3, 10, VectorClock.of(3, 3, 1), 0),
                // a skewed clock (150 ms ahead) and an HLC whose l came from a message
                new Event.Internal(1_500_400, 4, 11, VectorClock.of(4, 3, 1), 0, 1_650_400, new Hlc(1_700_000, 2)),
                new Event.Rejected(1_500_500, "machine_2", 77, 5, "clock ahead by 900000us (max 500000us)", 1_500_001),
                new Event.Stall(1_600_000, 3),
                new Event.PeerDown(1_700_000, "machine_3"),
                new Event.Unprocessed(1_750_000, "machine_2", 77, "5,9", 2),
                new Event.Stop(1_800_000, "duration", 3));
    }

    @Test
    void everyEventKindSurvivesAWriteAndReadBack() throws Exception {
        try (EventLogWriter w = EventLogWriter.open(dir, "machine_1")) {
            sampleRun().forEach(w::append);
        }
        List<Event> back = EventLogReader.readAll(dir.resolve("machine_1.log"));
        assertEquals(sampleRun(), back);
    }

    /**
     * A thread whose interrupt flag is set (a run that ended by an interrupt) still closes its log whole: every line
     * appended before the close is in the file, and the flag is still set afterwards. 200,000 lines (~20 MB) are
     * still being written when close begins.
     */
    @Test
    void aCloseFromAnInterruptedThreadWaitsForEveryLine() throws Exception {
        EventLogWriter w = EventLogWriter.open(dir, "machine_1");
        int lines = 200_000;
        for (int k = 1; k <= lines; k++) {
            w.append(new Event.Stall(k, k));
        }
        Thread.currentThread().interrupt();
        try {
            w.close();
            assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt is kept for it");
        } finally {
            Thread.interrupted(); // JUnit's thread goes on clean
        }
        try (Stream<String> written = Files.lines(dir.resolve("machine_1.log"))) {
            assertEquals(lines, written.count());
        }
    }

    /**
     * A listener told of each write that throws (the transport it acknowledges on was shut down meanwhile: Netty's
     * RejectedExecutionException) costs what it does, never a line: the writer goes on, the file gets every line,
     * and the listener is still told after later writes. Before, the writer's thread died with it, and every line
     * appended afterwards was lost while close() returned as if all was well (a machine's log without its stop line,
     * exit 0).
     */
    @Test
    void aListenerThatThrowsLosesNoLine() throws Exception {
        EventLogWriter w = EventLogWriter.open(dir, "machine_1");
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong lastTold = new java.util.concurrent.atomic.AtomicLong();
        w.onWritten(events -> {
            lastTold.set(events);
            if (calls.incrementAndGet() == 1) {
                throw new java.util.concurrent.RejectedExecutionException("event executor terminated");
            }
        });
        w.append(new Event.Stall(1, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 1);
        int lines = 1_000;
        for (int k = 2; k <= lines; k++) {
            w.append(new Event.Stall(k, k));
        }
        w.close();
        try (Stream<String> written = Files.lines(dir.resolve("machine_1.log"))) {
            assertEquals(lines, written.count());
        }
        assertEquals(lines, lastTold.get(), "told of the later writes too");
    }

    /** A writer thread that dies all the same (an Error) is a failure its machine hears of, never a silent loss. */
    @Test
    void aWriterThatDiesMakesTheCloseFailAndTheNextAppend() throws Exception {
        EventLogWriter w = EventLogWriter.open(dir, "machine_1");
        w.onWritten(events -> {
            throw new StackOverflowError("deep");
        });
        w.append(new Event.Stall(1, 1));
        // the thread's death is expected here, so Awaitility must not take it for the test's failure
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> w.failure() != null);
        EventLogException append = assertThrows(EventLogException.class, () -> w.append(new Event.Stall(2, 2)));
        assertTrue(append.getMessage().contains("its writer thread failed"), append.getMessage());
        java.io.IOException close = assertThrows(java.io.IOException.class, w::close);
        assertTrue(close.getMessage().contains("StackOverflowError"), close.getMessage());
    }

    @Test
    void linesMatchThePublishedFormat() throws Exception {
        try (EventLogWriter w = EventLogWriter.open(dir, "machine_1")) {
            sampleRun().forEach(w::append);
        }
        List<String> lines = Files.readAllLines(dir.resolve("machine_1.log"));
        assertEquals(13, lines.size());
        assertEquals("{\"event\":\"unprocessed\",\"wallMicros\":1750000,\"from\":\"machine_2\",\"fromIncarnation\":77,"
                + "\"seqs\":\"5,9\",\"count\":2}", lines.get(11));
        // on the host's own clock physMicros equals wallMicros and is left out
        assertEquals("{\"event\":\"send\",\"wallMicros\":1000300,\"tick\":1,\"lamport\":1,"
                + "\"vector\":{\"machine_1\":1,\"machine_2\":0,\"machine_3\":0},\"queue\":0,"
                + "\"to\":[\"machine_2\",\"machine_3\"],\"seq\":1}", lines.get(3));
        assertEquals("{\"event\":\"undelivered\",\"wallMicros\":1000300,\"to\":\"machine_3\",\"seq\":1,"
                + "\"reason\":\"peer down\"}", lines.get(4));
        assertEquals("{\"event\":\"internal\",\"wallMicros\":1500400,\"physMicros\":1650400,\"tick\":4,\"lamport\":11,"
                + "\"hlc\":[1700000,2],\"vector\":{\"machine_1\":4,\"machine_2\":3,\"machine_3\":1},\"queue\":0}",
                lines.get(7));
        assertTrue(lines.get(0).endsWith(",\"clockOffsetMicros\":0,\"clockDriftPpb\":0}"), lines.get(0));
        assertTrue(lines.get(0).startsWith("{\"event\":\"start\",\"format\":1,\"machine\":\"machine_1\""), lines.get(0));
    }

    @Test
    void anExistingLogIsMovedAsideNeverOverwritten() throws Exception {
        Files.writeString(dir.resolve("machine_1.log"),
                "{\"event\":\"start\",\"wallMicros\":1795330121970894}\nold line\n");
        try (EventLogWriter w = EventLogWriter.open(dir, "machine_1")) {
            w.append(START);
        }
        Path previous = dir.resolve("previous/machine_1-20261122T064841.970894Z.log");
        assertEquals("{\"event\":\"start\",\"wallMicros\":1795330121970894}\nold line\n", Files.readString(previous));
        // a third run with the same start stamp gets a -2 suffix, the second one is kept too
        Files.writeString(dir.resolve("machine_1.log"), "{\"event\":\"start\",\"wallMicros\":1795330121970894}\n");
        LogFiles.moveAsideExisting(dir, "machine_1");
        assertTrue(Files.exists(dir.resolve("previous/machine_1-20261122T064841.970894Z-2.log")));
        try (Stream<Path> files = Files.list(dir.resolve("previous"))) {
            assertEquals(2, files.count());
        }
    }

    private Path write(String content) throws Exception {
        Path file = dir.resolve("x.log");
        Files.writeString(file, content);
        return file;
    }

    private static final String START_LINE = "{\"event\":\"start\",\"format\":1,\"machine\":\"a\",\"machines\":[\"a\",\"b\"],"
            + "\"peers\":[\"b\"],\"ticksPerSecond\":2,\"die\":10,\"seed\":1,\"wallMicros\":5}\n";
    private static final String INTERNAL = "{\"event\":\"internal\",\"wallMicros\":6,\"tick\":1,\"lamport\":1,"
            + "\"vector\":{\"a\":1,\"b\":0},\"queue\":0}\n";

    @Test
    void aTruncatedLastLineIsAWarningNotAnError() throws Exception {
        Path file = write(START_LINE + INTERNAL + "{\"event\":\"internal\",\"wallMic");
        try (EventLogReader r = EventLogReader.open(file)) {
            assertTrue(r.next() instanceof Event.Start);
            assertTrue(r.next() instanceof Event.Internal);
            assertNull(r.next());
            assertEquals(1, r.warnings().size());
            assertTrue(r.warnings().get(0).contains(":3: last line is incomplete"), r.warnings().get(0));
        }
    }

    @Test
    void malformedLogsNameTheFileAndLine() throws Exception {
        assertEquals("the first line must be the \"start\" event, found \"internal\"",
                reason(write(INTERNAL)));
        assertTrue(reason(write(START_LINE + "garbage here\n" + INTERNAL)).startsWith("not valid JSON"));
        assertEquals(2, failure(write(START_LINE + "garbage here\n" + INTERNAL)).line());
        assertEquals("a second \"start\" event: two runs are mixed in one file",
                reason(write(START_LINE + INTERNAL + START_LINE)));
        assertEquals("vector names \"z\", which is not among the start line's machines",
                reason(write(START_LINE + INTERNAL.replace("\"b\":0", "\"z\":0"))));
        assertEquals("\"internal\" event lacks \"lamport\"",
                reason(write(START_LINE + INTERNAL.replace("\"lamport\":1,", ""))));
        assertEquals("\"tick\" must be an integer", reason(write(START_LINE + INTERNAL.replace("\"tick\":1", "\"tick\":\"1\""))));
        assertEquals("unknown event \"party\"", reason(write(START_LINE + "{\"event\":\"party\",\"wallMicros\":1}\n")));
        // a lone "{" on a line ended by its newline: Jackson's reason carried "(start marker at [Source: REDACTED
        // (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])"
        assertEquals("not valid JSON: Unexpected end-of-input: expected close marker for Object",
                reason(write(START_LINE + "{\n" + INTERNAL)));
    }

    @Test
    void unknownFieldsAreSkippedForForwardCompatibility() throws Exception {
        Path file = write(START_LINE + INTERNAL.replace("\"queue\":0", "\"queue\":0,\"future\":{\"x\":[1,2]}"));
        assertEquals(2, EventLogReader.readAll(file).size());
    }

    private EventLogFormatException failure(Path file) {
        return assertThrows(EventLogFormatException.class, () -> EventLogReader.readAll(file));
    }

    private String reason(Path file) {
        String m = failure(file).getMessage();
        String prefix = file + ":";
        assertTrue(m.startsWith(prefix), m);
        return m.substring(m.indexOf(": ", prefix.length()) + 2);
    }
}
