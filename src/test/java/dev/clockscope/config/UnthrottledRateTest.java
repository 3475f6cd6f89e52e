package dev.clockscope.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnthrottledRateTest {
    @TempDir
    Path dir;

    @Test
    void maxMeansUnthrottledOnTheCommandLineAndInConfigJson() throws Exception {
        assertTrue(RateRange.parse("max", "--ticks-per-second").unthrottled());
        assertTrue(RateRange.parse(" MAX ", "--ticks-per-second").unthrottled());
        assertEquals("max", RateRange.UNTHROTTLED.toString());
        assertFalse(RateRange.parse("1..6", "x").unthrottled());
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"machines\":[{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":18290},"
                + "{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":18291}],\"ticksPerSecond\":\"max\"}");
        assertTrue(new ConfigLoader().load(file).ticksPerSecond().unthrottled());
    }

    @Test
    void zeroIsStillRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> RateRange.parse("0", "--ticks-per-second"));
        assertTrue(e.getMessage().contains("1..1000000"), e.getMessage());
        assertThrows(ConfigException.class, () -> RateRange.parse("1..max", "--ticks-per-second"));
    }
}
