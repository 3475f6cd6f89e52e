package dev.clockscope.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    private static final String THREE = "{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":9001},"
            + "{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":9002},"
            + "{\"id\":\"c\",\"host\":\"127.0.0.1\",\"port\":9003}";

    @TempDir
    Path dir;

    private ClusterConfig load(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new ConfigLoader().load(file);
    }

    private String error(String json) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(json));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void defaultsReproduceTheAssignment() throws Exception {
        ClusterConfig c = load("{\"machines\":[" + THREE + "]}");
        assertEquals(new RateRange(1, 6), c.ticksPerSecond());
        assertEquals(10, c.die());
        assertEquals(Duration.ofSeconds(60), c.duration());
        assertTrue(c.seed().isEmpty());
        assertEquals(3, c.machines().size());
        assertEquals(1, c.indexOf("b"));
    }

    @Test
    void knobsAreRead() throws Exception {
        ClusterConfig c = load("{\"machines\":[" + THREE + "],\"ticksPerSecond\":\"3..4\",\"die\":4,"
                + "\"duration\":\"2m\",\"seed\":42,\"queueHighWaterMark\":500}");
        assertEquals(new RateRange(3, 4), c.ticksPerSecond());
        assertEquals(4, c.die());
        assertEquals(Duration.ofMinutes(2), c.duration());
        assertEquals(42, c.seed().getAsLong());
        assertEquals(500, c.queueHighWaterMark());
        ClusterConfig fixed = load("{\"machines\":[{\"id\":\"a\",\"host\":\"h\",\"port\":1,\"ticksPerSecond\":1},"
                + "{\"id\":\"b\",\"host\":\"h\",\"port\":2}]}");
        assertEquals(java.util.OptionalInt.of(1), fixed.machines().get(0).ticksPerSecond());
        assertEquals(java.util.OptionalInt.empty(), fixed.machines().get(1).ticksPerSecond());
        assertEquals(new RateRange(5, 5), load("{\"machines\":[" + THREE + "],\"ticksPerSecond\":5}").ticksPerSecond());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"a\",\"host\":\"h\",\"port\":70000},{\"id\":\"b\",\"host\":\"h\",\"port\":2} | machines[0].port: 70000 is outside 1..65535",
        "{\"id\":\"a\",\"host\":\"h\",\"port\":1},{\"id\":\"a\",\"host\":\"h\",\"port\":2} | machines[1].id: \"a\" duplicates machines[0].id",
        "{\"id\":\"a\",\"host\":\"h\",\"port\":1},{\"id\":\"b\",\"host\":\"h\",\"port\":1} | machines[1].port: 1 on host h duplicates machines[0].port",
        "{\"id\":\"a\",\"host\":\"h\",\"port\":\"x\"},{\"id\":\"b\",\"host\":\"h\",\"port\":1} | machines[0].port: \"x\" is not an integer",
        "{\"host\":\"h\",\"port\":1},{\"id\":\"b\",\"host\":\"h\",\"port\":2} | machines[0].id: missing",
        "{\"id\":\"a b\",\"host\":\"h\",\"port\":1},{\"id\":\"b\",\"host\":\"h\",\"port\":2} | machines[0].id: \"a b\" must be",
        "{\"id\":\"a\",\"host\":\"h\",\"port\":1,\"prot\":3},{\"id\":\"b\",\"host\":\"h\",\"port\":2} | machines[0].unknown field \"prot\"",
        "{\"id\":\"a\",\"host\":\"h\",\"port\":1} | machines: needs at least 2 machines, got 1",
        "{\"id\":\"a\",\"host\":\"h\",\"port\":1,\"ticksPerSecond\":0},{\"id\":\"b\",\"host\":\"h\",\"port\":2} | machines[0].ticksPerSecond: 0 is not an integer in 1..1000000",
    })
    void badMachinesNameTheFieldAndValue(String machines, String expected) {
        String message = error("{\"machines\":[" + machines + "]}");
        assertTrue(message.contains(expected), message);
        assertTrue(message.startsWith(dir.resolve("config.json").toString()), message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"die\":2 | die: 2 is smaller than the machine count 3",
        "\"die\":0 | die: must be at least 2 sides, got 0",
        "\"die\":1 | die: must be at least 2 sides, got 1",
        "\"die\":-3 | die: must be at least 2 sides, got -3",
        "\"ticksPerSecond\":\"6..1\" | ticksPerSecond: \"6..1\" has min 6 > max 1",
        "\"ticksPerSecond\":\"0..3\" | ticksPerSecond: \"0..3\" must lie within",
        "\"ticksPerSecond\":\"fast\" | ticksPerSecond: \"fast\" is not N or MIN..MAX",
        "\"duration\":\"soon\" | duration: \"soon\" is not a duration",
        "\"seed\":\"abc\" | seed: \"abc\" is not a 64-bit integer",
        "\"dei\":10 | unknown field \"dei\"",
    })
    void badKnobsNameTheFieldAndValue(String knob, String expected) {
        String message = error("{\"machines\":[" + THREE + "]," + knob + "}");
        assertTrue(message.contains(expected), message);
    }

    @Test
    void missingFileAndBadJsonAreOneLineErrors() throws IOException {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> new ConfigLoader().load(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().contains("nope.json: file not found"), missing.getMessage());

        String bad = error("{\"machines\": [ {\"id\": \"a\",, } ]}");
        assertTrue(bad.contains("not valid JSON at line 1"), bad);
        // 13 characters, so the input ends at column 14; Jackson's "(start marker at [Source: REDACTED ...])" is cut
        assertEquals(dir.resolve("config.json") + ": not valid JSON at line 1, column 14: Unexpected end-of-input:"
                + " expected close marker for Array", error("{\"machines\":["));
        String dup = error("{\"die\": 3, \"die\": 4, \"machines\":[" + THREE + "]}");
        assertTrue(dup.contains("Duplicate field 'die'"), dup);
        assertTrue(error("[1,2]").contains("top level must be a JSON object"));
    }

    /** Anything after the object is refused, not ignored: the run would go ahead with half of what was meant. */
    @Test
    void contentAfterTheObjectIsRefused() throws IOException {
        String config = "{\"machines\":[" + THREE + "]}";
        assertTrue(error(config + " garbage").contains("not valid JSON at line 1"), config);
        assertTrue(error(config + "}}").contains("Unexpected close marker '}'"), config);
        // the second object starts on line 2, column 1
        assertEquals(dir.resolve("config.json") + ": not valid JSON at line 2, column 1: more after the end of the"
                + " top-level value (one JSON object per file)", error(config + "\n{\"x\": 1}\n"));
    }

    @Test
    void ratesAndDurationsParseAsUsersWriteThem() throws ConfigException {
        assertEquals(new RateRange(3, 4), RateRange.parse("3..4", "x"));
        assertEquals(new RateRange(2, 2), RateRange.parse("2", "x"));
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms", "x"));
        assertEquals(Duration.ofSeconds(90), DurationText.parse("90", "x"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h", "x"));
        assertEquals(Duration.ZERO, DurationText.parse("0", "x"));
        // with a decimal fraction, exactly (0.1 is no double here): 1.5s, 0.25ms, 2.5m, 0.1s, 1.000000001s
        assertEquals(Duration.ofMillis(1500), DurationText.parse("1.5s", "x"));
        assertEquals(Duration.ofNanos(250_000), DurationText.parse("0.25ms", "x"));
        assertEquals(Duration.ofSeconds(150), DurationText.parse("2.5m", "x"));
        assertEquals(Duration.ofNanos(100_000_000), DurationText.parse("0.1", "x"));
        assertEquals(Duration.ofNanos(1_000_000_001), DurationText.parse("1.000000001s", "x"));
        ConfigException fine = assertThrows(ConfigException.class, () -> DurationText.parse("0.0005us", "--net-delay"));
        assertEquals("--net-delay: \"0.0005us\" is finer than a nanosecond", fine.getMessage());
        assertThrows(ConfigException.class, () -> DurationText.parse("1.s", "x"));
        assertThrows(ConfigException.class, () -> DurationText.parse(".5s", "x"));
        assertEquals("2m", DurationText.format(Duration.ofMinutes(2)));
        assertEquals("1500ms", DurationText.format(Duration.ofMillis(1500)));
        ConfigException e = assertThrows(ConfigException.class, () -> DurationText.parse("-5s", "--duration"));
        assertEquals("--duration: \"-5s\" is not a duration such as 0, 90, 500ms, 1.5s, 60s, 2m or 1h", e.getMessage());
        // the longest: 100,000 hours; beyond, one line (999999999h overflowed a long of nanoseconds: a stack trace)
        assertEquals(Duration.ofHours(100_000), DurationText.parse("100000h", "x"));
        e = assertThrows(ConfigException.class, () -> DurationText.parse("100001h", "--duration"));
        assertEquals("--duration: \"100001h\" is longer than 100000h", e.getMessage());
        e = assertThrows(ConfigException.class, () -> LinkSettingsParser.delay("999999999h", "--net-delay"));
        assertEquals("--net-delay: \"999999999h\" is longer than 100000h", e.getMessage());
    }
}
