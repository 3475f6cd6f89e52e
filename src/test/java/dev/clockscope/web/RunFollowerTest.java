package dev.clockscope.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs read once, followed as they grow, replaced by a restarted machine, and a log that goes bad. */
class RunFollowerTest {
    @TempDir
    Path dir;
    private final LiveHub hub = new LiveHub(1024);

    private static String start(String machine, long incarnation) {
        return "{\"event\":\"start\",\"format\":1,\"machine\":\"" + machine + "\",\"machines\":[\"m1\",\"m2\"],\"peers\":[\""
                + (machine.equals("m1") ? "m2" : "m1") + "\"],\"ticksPerSecond\":4,\"die\":10,\"seed\":1,\"wallMicros\":"
                + incarnation + ",\"incarnation\":" + incarnation + ",\"version\":\"t\"}\n";
    }

    private static String internal(long tick, String machine) {
        String v = machine.equals("m1") ? "{\"m1\":" + tick + ",\"m2\":0}" : "{\"m1\":0,\"m2\":" + tick + "}";
        return "{\"event\":\"internal\",\"wallMicros\":" + (2_000_000 + tick) + ",\"tick\":" + tick + ",\"lamport\":" + tick
                + ",\"vector\":" + v + ",\"queue\":0}\n";
    }

    private void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private long published() {
        return hub.view().stats().published();
    }

    @Test
    void aFinishedRunIsReadOnce() throws Exception {
        append(dir.resolve("m1.log"), start("m1", 1) + internal(1, "m1") + internal(2, "m1"));
        append(dir.resolve("m2.log"), start("m2", 1) + internal(1, "m2"));
        try (RunFollower f = RunFollower.start(dir, hub, false)) {
            f.awaitRead(10_000);
        }
        assertEquals(5, published());
        assertEquals(List.of("m1", "m2"), hub.view().machines());
    }

    @Test
    void followsGrowingLogsNewLogsAndARestartedMachinesNewLog() throws Exception {
        Path m1 = dir.resolve("m1.log");
        append(m1, start("m1", 1) + internal(1, "m1"));
        try (RunFollower f = RunFollower.start(dir, hub, true)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> published() == 2);
            append(m1, internal(2, "m1") + "{\"event\":\"internal\",\"wallMi"); // a line still being written
            await().atMost(Duration.ofSeconds(5)).until(() -> published() == 3);
            append(m1, "cros\":2000003,\"tick\":3,\"lamport\":3,\"vector\":{\"m1\":3,\"m2\":0},\"queue\":0}\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> published() == 4);
            // a machine that starts later
            append(dir.resolve("m2.log"), start("m2", 1) + internal(1, "m2"));
            await().atMost(Duration.ofSeconds(5)).until(() -> published() == 6);
            // m1 restarts: its log moves to previous/, a new life writes a new one
            Files.createDirectories(dir.resolve("previous"));
            Files.move(m1, dir.resolve("previous/m1-1.log"));
            append(m1, start("m1", 5) + internal(1, "m1"));
            await().atMost(Duration.ofSeconds(5)).until(() -> published() == 8);
            assertEquals(2, hub.view().stats().machines().get(0).starts, "two lives of m1");
        }
        assertTrue(hub.view().warnings().isEmpty(), hub.view().warnings().toString());
    }

    @Test
    void aFollowerFarBehindCountsLinesWithoutParsingThemAndParsesOnFromNearTheEnd() throws Exception {
        int ticks = 100_000; // ~10 MB: far more than a follower parses in a window
        StringBuilder log = new StringBuilder(start("m1", 1));
        for (int t = 1; t <= ticks; t++) {
            log.append(internal(t, "m1"));
        }
        append(dir.resolve("m1.log"), log.toString());
        try (RunFollower f = RunFollower.start(dir, hub, true)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> published() == ticks + 1);
            RunStats.Machine m1 = hub.view().stats().machines().get(0);
            assertTrue(m1.countedOnly > ticks / 2, "most lines counted, not parsed: " + m1.countedOnly);
            assertEquals(ticks + 1, m1.events, "every line counted exactly once");
            assertEquals(ticks, m1.lamport, "the newest clock, parsed");
            Object[] items = new Object[1];
            long[] lines = new long[1];
            LiveHub.View v = hub.view();
            hub.copy(v.runGeneration(), v.head() - 1, 1, items, new int[1], lines);
            assertEquals(ticks + 1, lines[0], "line numbers stay the file's after the skip");
            assertEquals(ticks, ((dev.clockscope.eventlog.Event.Internal) items[0]).tick());
            // and it follows on from there
            append(dir.resolve("m1.log"), internal(ticks + 1, "m1"));
            await().atMost(Duration.ofSeconds(5)).until(() -> published() == ticks + 2);
        }
        assertTrue(hub.view().warnings().isEmpty(), hub.view().warnings().toString());
    }

    @Test
    void aMalformedLineStopsThatLogWithAWarningNamingFileAndLine() throws Exception {
        append(dir.resolve("m1.log"), start("m1", 1) + internal(1, "m1") + "{\"event\":\"internal\",\"tick\":oops}\n" + internal(3, "m1"));
        append(dir.resolve("m2.log"), start("m2", 1) + internal(1, "m2"));
        try (RunFollower f = RunFollower.start(dir, hub, false)) {
            f.awaitRead(10_000);
        }
        assertEquals(4, published(), "m1 up to the bad line, all of m2");
        List<String> warnings = hub.view().warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("m1.log:3"), warnings.get(0));
    }
}
