package dev.clockscope.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine that exits 0 has written its stop line last: a run whose machine exited 0 with a log that ends otherwise
 * lost lines (the writer-thread bug of 2026-12-05), and is not clean, though its analysis would take it for a crash.
 */
class LostTailsTest {
    private static final String START = "{\"event\":\"start\",\"format\":1,\"machine\":\"machine_1\"}\n";
    private static final String RECEIVE = "{\"event\":\"receive\",\"wallMicros\":1750000,\"tick\":16,\"lamport\":20,"
            + "\"queue\":0,\"from\":\"machine_1\",\"seq\":9,\"msgLamport\":19,\"fromIncarnation\":7}\n";
    private static final String STOP = "{\"event\":\"stop\",\"wallMicros\":2000000,\"reason\":\"duration\",\"ticks\":16}\n";

    @TempDir
    Path dir;

    @Test
    void aMachineThatExitedZeroWithoutItsStopLineLastLostItsTail() throws Exception {
        Files.writeString(dir.resolve("machine_1.log"), START + RECEIVE + STOP);
        Files.writeString(dir.resolve("machine_2.log"), START + RECEIVE); // exit 0, no stop line: lost
        Files.writeString(dir.resolve("machine_3.log"), START + RECEIVE); // crashed (137): a crash writes none
        Files.writeString(dir.resolve("machine_4.log"), START + STOP.substring(0, 20)); // the stop line cut short
        Map<String, Integer> codes = new LinkedHashMap<>();
        codes.put("machine_1", 0);
        codes.put("machine_2", 0);
        codes.put("machine_3", 137);
        codes.put("machine_4", 0);
        codes.put("machine_5", 0); // no log at all
        Set<String> lost = ClusterRunner.lostTails(dir, codes);
        assertEquals(Set.of("machine_2", "machine_4", "machine_5"), lost);
        assertFalse(new ClusterRunner.RunResult(dir, codes, Set.of("machine_3"), lost).clean());
    }

    @Test
    void aRunWhoseMachinesEndWithTheirStopLinesIsClean() throws Exception {
        Files.writeString(dir.resolve("machine_1.log"), START + RECEIVE + STOP);
        Files.writeString(dir.resolve("machine_2.log"), START + STOP);
        Map<String, Integer> codes = Map.of("machine_1", 0, "machine_2", 0);
        Set<String> lost = ClusterRunner.lostTails(dir, codes);
        assertTrue(lost.isEmpty(), lost.toString());
        assertTrue(new ClusterRunner.RunResult(dir, codes, Set.of(), lost).clean());
    }
}
