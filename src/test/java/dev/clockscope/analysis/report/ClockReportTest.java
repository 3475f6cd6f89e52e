package dev.clockscope.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clockscope.analysis.RunAnalyzer;
import dev.clockscope.analysis.RunInput;
import dev.clockscope.analysis.RunResult;
import dev.clockscope.analysis.WindowSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clocks' comparison as each output shows it, on the hand-computed run of ClockAnalysisTest (two messages;
 * b's clock 100 ms behind puts one receive before its send; HLC c reaches 2; l - pt at most 99,950 µs).
 */
class ClockReportTest {
    @TempDir
    Path tmp;

    private static RunResult fixture() throws Exception {
        return new RunAnalyzer(RunInput.open(Path.of("src/test/resources/analysis/hlc-known-answer")),
                WindowSpec.DEFAULT, List.of()).analyze();
    }

    @Test
    void theTerminalSummaryNamesTheWrongOrderAndTheHlcFigures() throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        TextSummary.printRun(fixture(), w);
        w.flush();
        String out = text.toString();
        assertTrue(out.contains("clocks on 2 messages: physical time puts 1 receive(s) before their send, 0 in the same µs;"
                + " Lamport orders 2, vector 2, HLC 2 of 2; bytes per message: physical 8, Lamport 8, vector 16, HLC"), out);
        assertTrue(out.contains("hlc-known-answer/b.log:3: received at physical 1900050, 99950 µs before its send"), out);
        assertTrue(out.contains("hlc: logical counter c mean 0.43, p99 2, max 2"), out);
    }

    @Test
    void theJsonSummaryCarriesTheClocksObject() throws Exception {
        Path json = tmp.resolve("summary.json");
        JsonSummary.write(List.of(fixture()), json);
        JsonNode c = new ObjectMapper().readTree(json.toFile()).path("runs").path(0).path("clocks");
        assertEquals(2, c.path("messages").asInt(), c.toString());
        assertEquals(1, c.path("physicalBefore").asInt());
        assertEquals(16, c.path("bytesPerMessage").path("vector").asInt());
        assertEquals(2, c.path("logical").path("max").asInt());
        assertEquals(-100_000, c.path("machines").path(1).path("offsetMicros").asInt());
    }
}
