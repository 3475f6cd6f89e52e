package dev.clockscope.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's progress line reads a running machine's latest tick from the end of its log. */
class LogTailTest {
    @TempDir
    Path dir;

    @Test
    void theLastCompleteTickLineCountsAndALineStillBeingWrittenDoesNot() throws Exception {
        Path log = dir.resolve("machine_1.log");
        Files.writeString(log, "{\"event\":\"start\",\"format\":1}\n"
                + "{\"event\":\"internal\",\"wallMicros\":1,\"tick\":7,\"lamport\":9,\"queue\":2}\n"
                + "{\"event\":\"peer_down\",\"wallMicros\":2,\"peer\":\"machine_2\"}\n"
                // no newline yet: still being written (its queue may not be its last field), so not counted
                + "{\"event\":\"internal\",\"wallMicros\":3,\"tick\":8,\"lamport\":10,\"queue\":0");
        assertEquals(new LogTail.Status(7, 9, 2), LogTail.read(log));
    }

    @Test
    void aLogWithoutATickLineYetOrNoLogHasNoStatus() throws Exception {
        Path log = dir.resolve("machine_1.log");
        Files.writeString(log, "{\"event\":\"start\",\"format\":1}\n");
        assertNull(LogTail.read(log));
        assertNull(LogTail.read(dir.resolve("machine_2.log")));
    }
}
