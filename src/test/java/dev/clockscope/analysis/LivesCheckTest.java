package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clocks across lives, on three hand-made runs that differ only in v's second life (v.log). In each, v's first
 * life (previous/v-19700101T000001.000000Z.log, incarnation 1000000) ends with Lamport 3 and own entry 3:
 * internal L1 [0,1] | receive u's seq1 max(1,1)+1 = 2 [1,2] | send to u L3 [1,3], then it is killed.
 * u (one life): send L1 [1,0] | receive v's send (earlier life: unmatched) max(1,3)+1 = 4 [2,3] | send L5 [3,3].
 * <pre>
 * lives-old      v's second life (incarnation 4000000) has no resumedFrom, as today's machines: it starts from
 *                0: internal L1 [0,1], then u's seq2 max(1,5)+1 = 6 [3,4]. 1 <= 3: a warning, not a failure.
 * lives-resumed  resumedFrom {3,3}: internal L4 [0,4], then max(4,5)+1 = 6 [3,5]. 4 > 3, 4 > 3: passes. Its
 *                previous/ also holds an older run's v log (ended at 0.3 s, before this run began, Lamport 50):
 *                not a life of this run, or 4 <= 50 would fail.
 * bad-lives      resumedFrom {2,2} (less than its first life reached): internal L3 [0,3]: 3 <= 3, and the life
 *                says it resumed: a failure at v.log:3.
 * </pre>
 */
class LivesCheckTest {
    @TempDir
    Path dir;

    private static CheckResult lives(RunResult r) {
        return r.checks().stream().filter(c -> c.check() == Check.CLOCKS_ACROSS_LIVES).findFirst().orElseThrow();
    }

    @Test
    void anOldLifeThatStartsAgainFromZeroIsAWarning() throws Exception {
        RunResult r = KnownAnswerTest.analyze("lives-old");
        CheckResult c = lives(r);
        assertTrue(c.passed());
        assertEquals(1, c.warnings());
        assertTrue(c.firstWarning().endsWith("lives-old/v.log:3: v's life of incarnation 4000000 starts at Lamport 1,"
                + " own entry 1, not above its earlier lives' Lamport 3, own entry 3 (src/test/resources/analysis/"
                + "lives-old/previous/v-19700101T000001.000000Z.log); its start line has no resumedFrom: a life from"
                + " before clocks were resumed"), c.firstWarning());
        assertTrue(r.passed(), String.valueOf(r.checks())); // every other check passes too
        assertEquals(List.of(1_000_000L, 4_000_000L), r.lives().stream().map(MachineLife::incarnation).toList());
        MachineLife first = r.lives().get(0);
        assertEquals(List.of(3L, 1L, 3L, 3L, 3L), List.of(first.firstLine(), first.firstLamport(), first.lastLamport(),
                first.firstOwnEntry() + 2, first.lastOwnEntry()));
    }

    @Test
    void aLifeThatResumedAboveItsPastPasses() throws Exception {
        RunResult r = KnownAnswerTest.analyze("lives-resumed");
        CheckResult c = lives(r);
        assertTrue(c.passed(), c.firstViolation());
        assertEquals(0, c.warnings(), c.firstWarning());
        assertTrue(r.passed(), String.valueOf(r.checks())); // the vector rules start from the resumed own entry
        assertEquals(2, r.lives().size()); // the older run's log is not one of them
        assertTrue(r.lives().get(1).resumed());
        assertEquals(3, r.lives().get(1).resumedLamport());
        // v's first jump counts from where it resumed: 4 - 3 = 1, then 6 - 4 = 2
        assertEquals(2, r.machines().get(1).jumps().max());
        assertEquals(1, r.machines().get(1).jumps().min());
    }

    @Test
    void aResumedLifeThatGoesBackFails() throws Exception {
        RunResult r = KnownAnswerTest.analyze("bad-lives");
        CheckResult c = lives(r);
        assertFalse(c.passed());
        assertEquals(1, c.violations());
        assertTrue(c.firstViolation().contains("bad-lives/v.log:3: v's life of incarnation 4000000 starts at Lamport 3,"
                + " own entry 3, not above its earlier lives' Lamport 3, own entry 3"), c.firstViolation());
        assertFalse(r.passed());
        assertNull(c.firstWarning());
    }

    @Test
    void aFirstEventNotAboveWhereItResumedFails() throws Exception {
        Path run = copy("lives-resumed");
        // says it resumed from 9 but starts at 4
        Files.writeString(run.resolve("v.log"), Files.readString(run.resolve("v.log"))
                .replace("\"resumedFrom\":{\"lamport\":3,", "\"resumedFrom\":{\"lamport\":9,"));
        CheckResult c = lives(new RunAnalyzer(RunInput.open(run), WindowSpec.DEFAULT, List.of()).analyze());
        assertEquals(1, c.violations());
        assertTrue(c.firstViolation().endsWith("v.log:3: first event at Lamport 4, own entry 4: not above where its start"
                + " line says it resumed (Lamport 9, own entry 3)"), c.firstViolation());
    }

    @Test
    void aMalformedResumedFromIsUnusableInputNamingTheField() throws Exception {
        Path run = copy("lives-resumed");
        Files.writeString(run.resolve("v.log"), Files.readString(run.resolve("v.log"))
                .replace("\"resumedFrom\":{\"lamport\":3,", "\"resumedFrom\":{\"lamport\":\"three\","));
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> new RunAnalyzer(RunInput.open(run), WindowSpec.DEFAULT, List.of()).analyze());
        assertTrue(e.getMessage().endsWith("v.log:1: \"resumedFrom.lamport\" must be an integer"), e.getMessage());
    }

    @Test
    void anUnreadableEarlierLifeIsAWarningAndLeftOut() throws Exception {
        Path run = copy("bad-lives");
        Path previous = run.resolve("previous/v-19700101T000001.000000Z.log");
        Files.writeString(previous, Files.readString(previous) + "{\"event\":\"internal\",\"wallMicros\":x}\n");
        RunResult r = new RunAnalyzer(RunInput.open(run), WindowSpec.DEFAULT, List.of()).analyze();
        assertTrue(lives(r).passed()); // nothing left to compare v's life with
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("v-19700101T000001.000000Z.log")
                && w.endsWith("(this earlier life is left out of the clocks-across-lives check)")), String.valueOf(r.warnings()));
    }

    @Test
    void theLastTickOfALongEarlierLifeIsReadFromItsTail() throws Exception {
        Path run = copy("lives-old");
        Path previous = run.resolve("previous/v-19700101T000001.000000Z.log");
        // 3,000 internal events, then ~150 KiB of undelivered lines: the last 64 KiB hold no tick event, the last
        // 256 KiB do (and begin in the middle of a line)
        StringBuilder b = new StringBuilder(Files.readString(previous));
        for (int k = 4; k < 3004; k++) {
            b.append("{\"event\":\"internal\",\"wallMicros\":").append(2_500_000 + k).append(",\"tick\":").append(k)
                    .append(",\"lamport\":").append(k).append(",\"vector\":{\"u\":1,\"v\":").append(k).append("},\"queue\":0}\n");
        }
        for (int k = 1; k <= 2000; k++) {
            b.append("{\"event\":\"undelivered\",\"wallMicros\":2600000,\"to\":\"u\",\"seq\":").append(k)
                    .append(",\"reason\":\"peer down\"}\n");
        }
        Files.writeString(previous, b);
        assertTrue(Files.size(previous) > 2 * LifeReader.TAIL_BYTES && 2000 * 70 > LifeReader.TAIL_BYTES);
        MachineLife life = LifeReader.read(previous, List.of("u", "v"));
        assertEquals(3003, life.lastLamport());
        assertEquals(3003, life.lastOwnEntry());
        assertEquals(1, life.firstLamport());
    }

    private Path copy(String fixture) throws Exception {
        Path to = dir.resolve(fixture);
        Path from = KnownAnswerTest.fixture(fixture);
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }
}
