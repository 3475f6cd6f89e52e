package dev.clockscope.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.testing.Seeds;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written encoder must write byte-for-byte what the Jackson reference (EventJson) writes. */
class EventLineEncoderTest {
    private static final List<String> MACHINES = List.of("machine_1", "m.2", "M-3");

    private static String jackson(List<Event> events) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonGenerator g = new JsonFactory().createGenerator(bytes, JsonEncoding.UTF8);
        g.setPrettyPrinter(new MinimalPrettyPrinter(""));
        List<String> machines = List.of();
        for (Event e : events) {
            if (e instanceof Event.Start s) {
                machines = s.machines();
            }
            EventJson.write(g, e, machines);
            g.writeRaw('\n');
        }
        g.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String encoder(List<Event> events) {
        EventLineEncoder encoder = new EventLineEncoder();
        EventLineEncoder.Buffer out = new EventLineEncoder.Buffer(8); // tiny: exercises growth
        for (Event e : events) {
            encoder.encode(e, out);
        }
        return new String(out.bytes(), 0, out.length(), StandardCharsets.UTF_8);
    }

    private static Event.Start start(int rate, long seed, String version) {
        return new Event.Start(1, "machine_1", MACHINES, List.of("m.2", "M-3"), rate, 10, seed, 1_795_330_732_463_575L,
                1_795_330_732_463_575L, version);
    }

    @Test
    void everyKindMatchesTheJacksonReference() throws Exception {
        List<Event> events = List.of(start(4, 42, "0.1.0"),
                new Event.PeerUp(1, "m.2"),
                new Event.Connected(2, List.of("m.2", "M-3")),
                new Event.Connected(2, List.of()),
                new Event.Send(3, 1, 1, VectorClock.of(1, 0, 0), 0, List.of("m.2", "M-3"), 1),
                new Event.Undelivered(3, "M-3", 1, "peer down"),
                new Event.Receive(4, 2, 9, VectorClock.of(2, 3, 1), 1, "m.2", 4, 8, 77, 3),
                new Event.Internal(5, 3, 10, VectorClock.of(3, 3, 1), 0),
                new Event.Rejected(5, "M-2", 77, 4, "replay"),
                new Event.Rejected(5, "M-2", 77, 5, "clock ahead by 600000us (max 500000us)", 4),
                new Event.Partition(5, "M-3", "start"),
                new Event.Stall(6, 3),
                new Event.PeerDown(7, "M-3"),
                new Event.Unprocessed(8, "m.2", 77, "5-7", 3),
                new Event.Unprocessed(8, "M-3", 78, "1,4-5", 3),
                new Event.Stop(8, "duration", 3));
        assertEquals(jackson(events), encoder(events));
    }

    /** Protocol 3's lines: a resumed life's start and resumed lines, what was unprocessed at a stop; read back too. */
    @Test
    void resumedLivesAndUnprocessedLinesMatchTheJacksonReferenceAndReadBack() throws Exception {
        List<Event> events = List.of(new Event.Start(1, "machine_1", MACHINES, List.of("m.2", "M-3"), 4, 10, 42,
                        1_795_330_732_463_575L, 1_795_330_732_463_575L, "0.1.0").resumedFrom(39, 34),
                new Event.Resumed(2, 41, 35),
                new Event.Internal(5, 1, 42, VectorClock.of(36, 3, 1), 0),
                new Event.Unprocessed(7, "m.2", 77, "3-7,9", 6),
                new Event.Stop(8, "duration", 1));
        String lines = encoder(events);
        assertEquals(jackson(events), lines);
        assertTrue(lines.contains("\"resumedFrom\":{\"lamport\":39,\"ownEntry\":34}"), lines);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("resumed", ".log");
        try {
            java.nio.file.Files.writeString(file, lines);
            assertEquals(events, EventLogReader.readAll(file));
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void unthrottledStartAndExtremeNumbersMatch() throws Exception {
        List<Event> events = List.of(start(0, Long.MIN_VALUE, ""),
                new Event.Internal(Long.MAX_VALUE, 9, 10, VectorClock.of(0, 9, 99), Integer.MAX_VALUE),
                new Event.Stall(-1, -1234567890123L),
                new Event.Internal(1, 2, 3, VectorClock.of(1, 0, 0), -594681845), // a negative int: the sign path
                new Event.Stop(0, "", 0),
                // a long is written as its digits above 10^8, then exactly eight more: zeros in the low part
                new Event.Stall(2_147_483_648L, 10_000_000_000_000_000L),
                new Event.Stall(-2_147_483_648L, -2_147_483_649L),
                new Event.Stall(Long.MAX_VALUE, -Long.MAX_VALUE),
                new Event.Stall(1_795_330_700_000_001L, 999_999_999_999_999_999L));
        String line = encoder(events);
        assertEquals(jackson(events), line);
        assertEquals(true, line.contains("\"ticksPerSecond\":0,\"unthrottled\":true,\"die\""));
    }

    @Test
    void stringsThatNeedEscapingMatch() throws Exception {
        List<String> awkward = List.of("quote\"d", "back\\slash", "tab\tnew\nline\r", "\u0000\u001f\u007f",
                "caf\u00e9", "\u65e5\u672c", "emoji \ud83d\ude00", "/slash/", "");
        List<Event> events = new ArrayList<>();
        events.add(start(3, 1, "v\"1"));
        for (String s : awkward) {
            events.add(new Event.Undelivered(1, s, 2, s));
            events.add(new Event.Stop(2, s, 3));
        }
        assertEquals(jackson(events), encoder(events));
    }

    @Test
    void randomNumbersMatch() throws Exception {
        long seed = Seeds.printed("EventLineEncoderTest randomNumbersMatch");
        SplittableRandom random = new SplittableRandom(seed);
        List<Event> events = new ArrayList<>();
        events.add(start(random.nextInt(1, 1_000_000), random.nextLong(), "x"));
        for (int i = 0; i < 2000; i++) {
            long big = random.nextLong() >>> random.nextInt(64);
            events.add(new Event.Receive(big, random.nextLong(Long.MAX_VALUE), big / 3,
                    VectorClock.of(random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63), i, 7), random.nextInt(Integer.MAX_VALUE),
                    "m.2", i + 1, big / 7, random.nextLong(), random.nextLong()));
        }
        assertEquals(jackson(events), encoder(events), "seed " + seed);
    }

    @Test
    void successiveWallTimesMatch() throws Exception {
        // the encoder keeps the digits of wallMicros / 10^4 between events: cross that boundary often,
        // with low parts that need leading zeros, and jump between digit counts and back
        long seed = Seeds.printed("EventLineEncoderTest successiveWallTimesMatch");
        SplittableRandom random = new SplittableRandom(seed);
        List<Event> events = new ArrayList<>();
        events.add(start(1000, 42, "x"));
        long[] starts = {0, 1, 9_999, 10_000, 99_990_000, 1_795_330_732_459_990L, Long.MAX_VALUE - 50_000};
        for (long wall0 : starts) {
            long wall = wall0;
            for (int i = 0; i < 300 && wall >= 0; i++) {
                events.add(new Event.Internal(wall, i + 1, i + 1, VectorClock.of(i, 0, 0), 0));
                wall += random.nextInt(0, 150);
            }
            events.add(new Event.PeerUp(wall0 / 3, "m.2"));
        }
        assertEquals(jackson(events), encoder(events), "seed " + seed);
    }

    @Test
    void physicalReadingsHlcsAndClockSettingsMatch() throws Exception {
        // skewed physical readings and HLCs each have their own digit cache: move them apart from the wall time
        // and from each other, across 10^4 boundaries and digit counts, HLC on some events only
        long seed = Seeds.printed("EventLineEncoderTest physicalReadingsHlcsAndClockSettingsMatch");
        SplittableRandom random = new SplittableRandom(seed);
        List<Event> events = new ArrayList<>();
        events.add(new Event.Start(1, "machine_1", MACHINES, List.of("m.2", "M-3"), 5, 10, 7, 1_795_330_732_463_575L,
                1_795_330_732_463_575L, "x").withClock(-150_000, -200_000, 500_000));
        long wall = 1_795_330_732_459_990L;
        long l = wall;
        for (int i = 0; i < 3000; i++) {
            wall += random.nextInt(0, 150);
            long phys = wall + random.nextLong(-2_000_000, 2_000_000);
            l = Math.max(l, phys) + (random.nextInt(10) == 0 ? random.nextInt(0, 20_000) : 0);
            Hlc hlc = random.nextInt(4) == 0 ? null : new Hlc(random.nextInt(50) == 0 ? random.nextInt(10_000) : l,
                    random.nextInt(3) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(4));
            VectorClock v = VectorClock.of(i, 1, 2);
            events.add(switch (i % 3) {
                case 0 -> new Event.Internal(wall, i + 1, i + 1, v, 0, phys, hlc);
                case 1 -> new Event.Send(wall, i + 1, i + 1, v, 1, List.of("m.2"), i, phys, hlc);
                default -> new Event.Receive(wall, i + 1, i + 1, v, 2, "M-3", i, i, 5, wall - 3, phys, hlc);
            });
        }
        events.add(new Event.Start(1, "machine_1", MACHINES, List.of(), 5, 10, 7, 1, 1, "y").withClock(3_600_000_000L, 1, 0));
        assertEquals(jackson(events), encoder(events), "seed " + seed);
    }

    @Test
    void digitCountsAroundEveryPowerOfTen() {
        long p = 1;
        for (int d = 1; d <= 19; d++) {
            assertEquals(d, DecimalDigits.digits(p), "10^" + (d - 1));
            if (p > 1) {
                assertEquals(d - 1, DecimalDigits.digits(p - 1), "10^" + (d - 1) + " - 1");
            }
            p = d < 19 ? p * 10 : p;
        }
        assertEquals(1, DecimalDigits.digits(0));
        assertEquals(19, DecimalDigits.digits(Long.MAX_VALUE));
        int q = 1;
        for (int d = 1; d <= 10; d++) {
            assertEquals(d, DecimalDigits.intDigits(q), "int 10^" + (d - 1));
            assertEquals(Math.max(1, d - 1), DecimalDigits.intDigits(q - 1), "int 10^" + (d - 1) + " - 1");
            q = d < 10 ? q * 10 : q;
        }
        assertEquals(10, DecimalDigits.intDigits(Integer.MAX_VALUE));
    }
}
