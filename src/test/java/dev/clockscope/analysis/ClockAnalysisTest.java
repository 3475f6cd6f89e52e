package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Physical and hybrid logical clocks in the analyzer, on the hand-written run in
 * src/test/resources/analysis/hlc-known-answer, and each HLC check failing on a hand-made bad copy of it.
 *
 * <pre>
 * Machines a (clock on time) and b (clock 100 ms behind: physMicros = wallMicros - 100,000); max offset 500 ms.
 * Times are wall µs; pt is the machine's own reading; HLC rules as in HybridLogicalClockTest.
 * a 2,000,000 send seq1 -> b   pt 2,000,000   (0,0) -> l = 2,000,000, c 0             [2000000, 0]
 * b 2,000,050 receive it       pt 1,900,050   l = max(0, 2,000,000, 1,900,050) = l.m  [2000000, 1]
 *   (physical time puts this receive 99,950 µs BEFORE its send: the one wrong order of the run)
 * b 2,000,100 internal         pt 1,900,100   l = l' = 2,000,000 -> c 1 + 1           [2000000, 2]
 * b 2,500,000 internal         pt 2,400,000   l = pt                                  [2400000, 0]
 * b 2,600,000 send seq1 -> a   pt 2,500,000   l = pt                                  [2500000, 0]
 * a 3,000,000 receive it       pt 3,000,000   l = max(2,000,000, 2,500,000, 3,000,000) = pt  [3000000, 0]
 * a 3,500,000 internal         pt 3,500,000                                           [3500000, 0]
 * c: 0 five times, 1 once, 2 once (mean 3/7, max 2); l - pt: a 0, 0, 0; b 99,950, 99,900, 0, 0
 * bound: the clocks are 0 and -100,000 µs off, no drift: spread 100,000 µs, below the 500 ms max offset
 * messages: 2; physical order wrong on 1; Lamport, vector and HLC order both
 * </pre>
 */
class ClockAnalysisTest {
    @TempDir
    Path tmp;

    private static RunResult analyze(Path dir) throws Exception {
        return new RunAnalyzer(RunInput.open(dir), WindowSpec.DEFAULT, List.of()).analyze();
    }

    private static Map<Check, CheckResult> checks(RunResult r) {
        return r.checks().stream().collect(Collectors.toMap(CheckResult::check, Function.identity()));
    }

    /** The fixture with {@code from} replaced by {@code to} in b.log (or a.log), e.g. one bad HLC. */
    private Path variant(String file, String from, String to) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "variant");
        for (String f : List.of("a.log", "b.log")) {
            String text = Files.readString(KnownAnswerTest.fixture("hlc-known-answer").resolve(f));
            if (f.equals(file)) {
                assertTrue(text.contains(from), from);
                text = text.replace(from, to);
            }
            Files.writeString(dir.resolve(f), text);
        }
        return dir;
    }

    @Test
    void theHandComputedRunPassesEveryCheckWithTheFiguresWorkedOutAbove() throws Exception {
        RunResult r = analyze(KnownAnswerTest.fixture("hlc-known-answer"));
        assertTrue(r.passed(), r.checks().toString());
        assertTrue(checks(r).keySet().containsAll(List.of(Check.HLC_INCREASES, Check.HLC_HAPPENED_BEFORE,
                Check.HLC_NEAR_PHYSICAL)));
        ClockResult c = r.clocks();
        assertTrue(c.hlc());
        assertEquals(100_000, c.boundMicros());
        assertEquals(2, c.messages());
        assertEquals(1, c.physicalBefore());
        assertEquals(0, c.physicalSame());
        assertTrue(c.firstPhysicalBefore().contains("b.log:3: received at physical 1900050, 99950 µs before its send"),
                c.firstPhysicalBefore());
        assertEquals(List.of(2L, 2L, 2L, 2L), List.of(c.lamportOrdered(), c.vectorOrdered(), c.hlcMessages(),
                c.hlcOrdered()));
        assertEquals(List.of(5L, 1L, 1L, 0L), List.of(c.logicalCounts()[0], c.logicalCounts()[1],
                c.logicalCounts()[2], c.logicalCounts()[3]));
        assertEquals(7, c.logical().count());
        assertEquals(3.0 / 7, c.logical().mean(), 1e-9);
        assertEquals(2, c.logical().max());
        assertEquals(99_950, c.aheadMicros().max());
        assertEquals((99_950 + 99_900) / 7.0, c.aheadMicros().mean(), 1e-9);
        assertEquals(16, c.vectorBytes(), "two machines: 2 x 8 bytes");
        ClockResult.Machine b = c.machines().get(1);
        assertEquals("b", b.machine());
        assertEquals(-100_000, b.offsetMicros());
        assertEquals(-100_000, b.skewMinMicros());
        assertEquals(-100_000, b.skewMaxMicros());
        assertEquals(2, b.logical().max());
        assertEquals(99_950, b.aheadMicros().max());
        assertEquals(0, c.machines().get(0).aheadMicros().max());
        assertEquals(0, c.rejectedClockAhead());
    }

    @Test
    void anHlcThatDoesNotIncreaseFailsOnlyThatCheck() throws Exception {
        // b's second event repeats [2000000, 1]: still >= pt and within the bound, and above its send's
        RunResult r = analyze(variant("b.log", "\"hlc\":[2000000,2]", "\"hlc\":[2000000,1]"));
        Map<Check, CheckResult> c = checks(r);
        assertEquals(1, c.get(Check.HLC_INCREASES).violations());
        assertTrue(c.get(Check.HLC_INCREASES).firstViolation().endsWith(
                "b.log:4: HLC [2000000, 1] does not exceed the previous event's [2000000, 1]"),
                c.get(Check.HLC_INCREASES).firstViolation());
        assertTrue(c.get(Check.HLC_HAPPENED_BEFORE).passed() && c.get(Check.HLC_NEAR_PHYSICAL).passed());
    }

    @Test
    void aReceiveNotAboveItsSendFailsHappenedBefore() throws Exception {
        // b receives a's [2000000, 0] and stamps [2000000, 0]: not above it (c should be 0 + 1)
        RunResult r = analyze(variant("b.log", "\"hlc\":[2000000,1]", "\"hlc\":[2000000,0]"));
        Map<Check, CheckResult> c = checks(r);
        assertEquals(1, c.get(Check.HLC_HAPPENED_BEFORE).violations());
        assertTrue(c.get(Check.HLC_HAPPENED_BEFORE).firstViolation().contains(
                "b.log:3: HLC [2000000, 0] of a receive is not above its send's [2000000, 0]"),
                c.get(Check.HLC_HAPPENED_BEFORE).firstViolation());
        assertTrue(c.get(Check.HLC_INCREASES).passed() && c.get(Check.HLC_NEAR_PHYSICAL).passed());
        assertEquals(1, r.clocks().hlcMessages() - r.clocks().hlcOrdered());
    }

    @Test
    void anHlcFurtherAheadOfItsClockThanTheSpreadFailsNearPhysicalTime() throws Exception {
        // a's last event 200,000 µs ahead of its own clock, where the clocks are only 100,000 µs apart
        RunResult r = analyze(variant("a.log", "\"hlc\":[3500000,0]", "\"hlc\":[3700000,0]"));
        Map<Check, CheckResult> c = checks(r);
        assertEquals(1, c.get(Check.HLC_NEAR_PHYSICAL).violations());
        assertTrue(c.get(Check.HLC_NEAR_PHYSICAL).firstViolation().endsWith("a.log:5: l is 200000 µs ahead of the"
                + " machine's own clock, more than the 100000 µs its clocks' spread and max offset allow"),
                c.get(Check.HLC_NEAR_PHYSICAL).firstViolation());
        // and one below its own clock (l = max(..., pt) can never be)
        r = analyze(variant("a.log", "\"hlc\":[3500000,0]", "\"hlc\":[3499999,5]"));
        assertTrue(checks(r).get(Check.HLC_NEAR_PHYSICAL).firstViolation().endsWith(
                "a.log:5: l 3499999 is below the machine's own clock 3500000 (l = max(..., pt))"));
        assertTrue(checks(r).get(Check.HLC_INCREASES).passed());
    }

    @Test
    void aRunWithoutHlcsHasNoHlcChecksButStillComparesPhysicalTime() throws Exception {
        RunResult r = analyze(KnownAnswerTest.fixture("known-answer"));
        assertEquals(List.of(Check.CLOCKS_INCREASE, Check.RECEIVE_MATCHES_SEND, Check.RECEIVE_AFTER_SEND,
                Check.VECTOR_AGREES_WITH_LAMPORT, Check.CLOCKS_ACROSS_LIVES),
                r.checks().stream().map(CheckResult::check).toList(), "no HLC checks");
        assertFalse(r.clocks().hlc());
        assertEquals(-1, r.clocks().boundMicros());
        assertEquals(5, r.clocks().messages());
        assertEquals(0, r.clocks().physicalBefore(), "one host's clock, no skew: every receive after its send");
        assertNull(r.clocks().firstPhysicalBefore());
        assertEquals(0, r.clocks().hlcMessages());
        assertEquals(0, r.clocks().machines().get(2).skewMaxMicros(), "physMicros = wallMicros in an old log");
    }

    @Test
    void refusalsForAClockTooFarAheadAreCounted() throws Exception {
        RunResult r = analyze(variant("b.log", "{\"event\":\"stop\"", "{\"event\":\"rejected\",\"wallMicros\":2650000,"
                + "\"from\":\"a\",\"fromIncarnation\":1000000,\"seq\":9,\"reason\":\"clock ahead by 600000us (max 500000us)\","
                + "\"arrivedMicros\":2640000}\n{\"event\":\"stop\""));
        assertEquals(1, r.clocks().rejectedClockAhead());
        assertEquals(1, r.clocks().machines().get(1).rejectedClockAhead());
    }

    /**
     * a (its own clock) sends seq 1 and 2 to b, whose clock is 1 s behind; b's first tick takes both and refuses
     * them (their HLC l = 2.0 / 2.1 s is ~1 s ahead of b's 1.5 s, max offset 500 ms), then acts on its own. Each
     * message has one outcome, refused, not lost or in flight.
     */
    @Test
    void aMessageRefusedForItsClockIsItsOwnOutcome() throws Exception {
        Path dir = Files.createTempDirectory(tmp, "refused");
        String start = "{\"event\":\"start\",\"format\":1,\"machine\":\"%s\",\"machines\":[\"a\",\"b\"],\"peers\":[\"%s\"],"
                + "\"ticksPerSecond\":1,\"die\":10,\"seed\":2,\"wallMicros\":1000000,\"incarnation\":1000000,\"version\":\"hand\","
                + "\"clockOffsetMicros\":%d,\"clockDriftPpb\":0,\"hlcMaxOffsetMicros\":500000}\n";
        Files.writeString(dir.resolve("a.log"), String.format(start, "a", "b", 0)
                + "{\"event\":\"send\",\"wallMicros\":2000000,\"physMicros\":2000000,\"tick\":1,\"lamport\":1,\"hlc\":[2000000,0],"
                + "\"vector\":{\"a\":1,\"b\":0},\"queue\":0,\"to\":[\"b\"],\"seq\":1}\n"
                + "{\"event\":\"send\",\"wallMicros\":2100000,\"physMicros\":2100000,\"tick\":2,\"lamport\":2,\"hlc\":[2100000,0],"
                + "\"vector\":{\"a\":2,\"b\":0},\"queue\":0,\"to\":[\"b\"],\"seq\":2}\n"
                + "{\"event\":\"stop\",\"wallMicros\":2200000,\"reason\":\"duration\",\"ticks\":2}\n");
        Files.writeString(dir.resolve("b.log"), String.format(start, "b", "a", -1_000_000)
                + "{\"event\":\"rejected\",\"wallMicros\":2500000,\"from\":\"a\",\"fromIncarnation\":1000000,\"seq\":1,"
                + "\"reason\":\"clock ahead by 500000us (max 500000us)\",\"arrivedMicros\":2000050}\n"
                + "{\"event\":\"rejected\",\"wallMicros\":2500000,\"from\":\"a\",\"fromIncarnation\":1000000,\"seq\":2,"
                + "\"reason\":\"clock ahead by 600000us (max 500000us)\",\"arrivedMicros\":2100050}\n"
                + "{\"event\":\"internal\",\"wallMicros\":2500000,\"physMicros\":1500000,\"tick\":1,\"lamport\":1,"
                + "\"hlc\":[1500000,0],\"vector\":{\"a\":0,\"b\":1},\"queue\":0}\n"
                + "{\"event\":\"stop\",\"wallMicros\":2600000,\"reason\":\"duration\",\"ticks\":1}\n");
        RunResult r = analyze(dir);
        assertTrue(r.passed(), r.checks().toString());
        MessageOutcomes o = r.messages().outcomes();
        assertEquals(2, r.messages().messages());
        assertEquals(2, o.refusedClockAhead(), o.toString());
        assertEquals(List.of(0L, 0L, 0L), List.of(o.received(), o.lost(), o.inFlightAtEnd()), o.toString());
        assertEquals(2, o.total());
        assertEquals(2, r.clocks().rejectedClockAhead());
    }

    @Test
    void theSpreadCoversDriftOverTheWholeRun() {
        // a: +1 ms, drifting +100 ppm; b: -2 ms, no drift; 10 s from origin to end: a ends 1,000 + 1,000 = 2,000 µs
        // ahead, b stays 2,000 behind: the spread is 2,000 - (-2,000) = 4,000 µs
        dev.clockscope.eventlog.Event.Start a = new dev.clockscope.eventlog.Event.Start(1, "a", List.of("a", "b"),
                List.of("b"), 1, 10, 1, 0, 0, "x").withClock(1_000, 100_000, 500_000);
        dev.clockscope.eventlog.Event.Start b = new dev.clockscope.eventlog.Event.Start(1, "b", List.of("a", "b"),
                List.of("a"), 1, 10, 1, 0, 0, "x").withClock(-2_000, 0, 500_000);
        assertEquals(4_000, ClockTracker.spreadMicros(new dev.clockscope.eventlog.Event.Start[] {a, b}, 0, 10_000_000));
        assertEquals(-1, ClockTracker.spreadMicros(new dev.clockscope.eventlog.Event.Start[] {a, null}, 0, 10_000_000));
    }
}
