package dev.clockscope.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.time.ClockSkew;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config.json's clocks, hlcMaxOffset, clockSkew and clockDrift: read, checked, drawn, written back. */
class ClockSettingsTest {
    private static final String THREE = "{\"machines\":[{\"id\":\"a\",\"host\":\"h\",\"port\":1},"
            + "{\"id\":\"b\",\"host\":\"h\",\"port\":2},{\"id\":\"c\",\"host\":\"h\",\"port\":3}]";

    @TempDir
    Path dir;

    private ClusterConfig load(String fields) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, THREE + fields + "}");
        return new ConfigLoader().load(file);
    }

    @Test
    void byDefaultEveryMachineKeepsAnHlcOnTheHostsClock() throws Exception {
        ClockSettings c = load("").clocks();
        assertTrue(c.hlc());
        assertEquals(500_000, c.hlcMaxOffsetMicros());
        assertEquals(ClockSkew.NONE, c.skewOf(1, "b", 42));
    }

    @Test
    void namedMachinesGetTheirValuesAndTheOthersDrawFromTheDistribution() throws Exception {
        ClockSettings c = load(",\"clocks\":\"lamport,vector\",\"hlcMaxOffset\":\"250ms\","
                + "\"clockSkew\":[\"b=+150ms\",\"normal:0,50ms\"],\"clockDrift\":\"c=-20.5ppm\"").clocks();
        assertFalse(c.hlc());
        assertEquals(0, c.hlcMaxOffsetMicros(), "no HLC: no max offset in the start line");
        assertEquals(Duration.ofMillis(250), c.hlcMaxOffset());
        assertEquals(new ClockSkew(150_000, 0), c.skewOf(1, "b", 42));
        assertEquals(-20_500, c.skewOf(2, "c", 42).driftPpb());
        // a and c draw from normal(0, 50 ms): seeded by the run's seed and their index, so the same every time,
        // other for another seed or machine
        long a = c.skewOf(0, "a", 42).offsetMicros();
        assertEquals(a, c.skewOf(0, "a", 42).offsetMicros());
        assertTrue(a != c.skewOf(0, "a", 43).offsetMicros() && a != c.skewOf(2, "c", 42).offsetMicros());
        assertTrue(Math.abs(a) < 300_000, "six standard deviations: " + a);
    }

    /** Keywords are read in any case, as the CLI reads them; machine ids are not keywords. */
    @Test
    void distributionsAreReadInAnyCaseMachineIdsAsWritten() throws Exception {
        ClockSettings c = load(",\"clockSkew\":\"NORMAL:0,50ms\",\"clockDrift\":\"Uniform:-1ppm..1ppm\"").clocks();
        assertEquals(List.of("normal:0,+50ms"), c.skew().texts());
        assertEquals(List.of("uniform:-1ppm..+1ppm"), c.drift().texts());
        ConfigException e = assertThrows(ConfigException.class, () -> load(",\"clockSkew\":\"B=+1ms\""));
        assertEquals(dir.resolve("config.json") + ": clockSkew: \"B\" is not a machine of this run (machines: a, b, c)",
                e.getMessage());
    }

    @Test
    void drawsFollowTheirDistribution() throws Exception {
        ClockErrorSpec normal = ClockErrorSpec.parse(ClockErrorSpec.Unit.OFFSET, List.of("normal:10ms,50ms"), "x");
        ClockErrorSpec uniform = ClockErrorSpec.parse(ClockErrorSpec.Unit.DRIFT, List.of("uniform:-100ppm..100ppm"), "x");
        int n = 20_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double v = normal.valueOf(i, "m" + i, 7);
            sum += v;
            squares += v * v;
            long u = uniform.valueOf(i, "m" + i, 7);
            assertTrue(u >= -100_000 && u <= 100_000, "uniform draw " + u);
        }
        double mean = sum / n;
        double sd = Math.sqrt(squares / n - mean * mean);
        // 10 ms mean and 50 ms standard deviation: the mean of 20,000 draws is within 4 standard errors (1.4 ms)
        assertEquals(10_000, mean, 1_500);
        assertEquals(50_000, sd, 1_500);
    }

    @Test
    void writtenConfigReadsBackToTheSameClocks() throws Exception {
        ClusterConfig c = load(",\"clocks\":\"lamport,vector,hlc\",\"hlcMaxOffset\":\"2s\","
                + "\"clockSkew\":[\"b=-1.5ms\",\"uniform:-10ms..20ms\"],\"clockDrift\":[\"a=+200ppm\",\"normal:0,7ppb\"]");
        Path again = dir.resolve("again.json");
        ConfigWriter.write(c, again);
        ClusterConfig back = new ConfigLoader().load(again);
        assertEquals(c.clocks().hlc(), back.clocks().hlc());
        assertEquals(c.clocks().hlcMaxOffset(), back.clocks().hlcMaxOffset());
        for (int i = 0; i < 3; i++) {
            String id = c.machineIds().get(i);
            assertEquals(c.clocks().skewOf(i, id, 5), back.clocks().skewOf(i, id, 5), id);
        }
        assertEquals(List.of("b=-1500us", "uniform:-10ms..+20ms"), back.clocks().skew().texts());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"clocks\":\"lamport,hlc\"|config.json: clocks: \"lamport,hlc\" leaves out vector, which a real cluster always keeps (give lamport,vector or lamport,vector,hlc)",
        "\"clocks\":\"lamport,vector,lamport\"|config.json: clocks: \"lamport,vector,lamport\" names lamport twice",
        // the same vector clock under two names was accepted by the real cluster (the simulator refused it)
        "\"clocks\":\"lamport,vector,vector:dense\"|config.json: clocks: \"lamport,vector,vector:dense\" names two vector clocks (vector, vector:dense)",
        "\"clocks\":7|config.json: clocks: 7 is not a string such as \"lamport,vector,hlc\"",
        "\"hlcMaxOffset\":\"0\"|config.json: hlcMaxOffset: \"0\" is not between 1us and 1h",
        "\"clockSkew\":[\"d=+1s\"]|config.json: clockSkew: \"d\" is not a machine of this run (machines: a, b, c)",
        "\"clockSkew\":[\"a=+2h\"]|config.json: clockSkew: \"a=+2h\": \"+2h\" is not a clock skew such as +150ms, -20ms or 1s",
        "\"clockSkew\":[\"later\"]|config.json: clockSkew: \"later\" is not ID=+150ms, normal:MEAN,SD or uniform:MIN..MAX (e.g. normal:0,50ms)",
        "\"clockSkew\":[\"a=+7200s\"]|config.json: clockSkew: \"a=+7200s\": +7200s is outside ±3600s",
        "\"clockSkew\":[\"a=1\",\"a=2ms\"]|config.json: clockSkew: \"a=1\": \"1\" is not a clock skew such as +150ms, -20ms or 1s",
        "\"clockSkew\":[\"a=1ms\",\"a=2ms\"]|config.json: clockSkew: \"a\" is given twice",
        "\"clockSkew\":[\"normal:0,1ms\",\"uniform:0ms..1ms\"]|config.json: clockSkew: \"uniform:0ms..1ms\": only one distribution, for the machines not named",
        "\"clockSkew\":[\"uniform:5ms..1ms\"]|config.json: clockSkew: \"uniform:5ms..1ms\" has its bounds reversed",
        "\"clockDrift\":[\"normal:0,-5ppm\"]|config.json: clockDrift: \"normal:0,-5ppm\" has a negative standard deviation",
        "\"clockDrift\":{\"a\":1}|config.json: clockDrift: {\"a\":1} is not a list of strings",
    })
    void badClockFieldsAreOneLineErrorsNamingFieldAndValue(String field, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> load("," + field));
        assertEquals(message.replace("config.json", dir.resolve("config.json").toString()), e.getMessage());
    }
}
