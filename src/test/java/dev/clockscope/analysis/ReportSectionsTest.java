package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clockscope.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The longest causal chain, the message outcomes and the lives in the summary, the JSON and the report. */
class ReportSectionsTest {
    @TempDir
    Path tmp;

    private static String fixture(String name) {
        return KnownAnswerTest.fixture(name).toString();
    }

    @Test
    void theSummaryPrintsTheChainTheOutcomesAndWarnings() {
        AnalyzeCommandTest.Outcome o = AnalyzeCommandTest.run(fixture("outcomes"), "--no-report");
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        assertTrue(o.out().contains("longest causal chain: 13 events (= the highest Lamport clock, 13), across p, q;"
                + " 2 messages on it"), o.out());
        assertTrue(o.out().contains("  lines (events): p:3 (1) → q:3..4 (2) → p:8..26 (10)"), o.out());
        assertTrue(o.out().matches("(?s).*  received, its ack lost \\(also logged undelivered: unacknowledged\\) +2\n.*"),
                o.out());
        assertTrue(o.out().matches("(?s).*  undelivered: peer stopped +1\n.*"), o.out());
        assertTrue(o.out().matches("(?s).*  total +12\n.*"), o.out());
        AnalyzeCommandTest.Outcome lives = AnalyzeCommandTest.run(fixture("lives-old"), "--no-report");
        assertEquals(ExitCodes.OK, lives.exit()); // a warning is not a failure
        assertTrue(lives.out().contains("WARN Clocks keep increasing across a machine's lives (passes; 1 warning(s);"
                + " first: "), lives.out());
        AnalyzeCommandTest.Outcome bad = AnalyzeCommandTest.run(fixture("bad-lives"), "--no-report");
        assertEquals(ExitCodes.CHECK_FAILED, bad.exit());
        assertTrue(bad.out().contains("FAIL Clocks keep increasing across a machine's lives (1x; first: "), bad.out());
    }

    @Test
    void theJsonHasTheChainStepByStepTheOutcomesAndTheLives() throws Exception {
        Path json = tmp.resolve("s.json");
        AnalyzeCommandTest.Outcome o = AnalyzeCommandTest.run(fixture("critical-path"), fixture("outcomes"),
                fixture("lives-resumed"), "--no-report", "--json", json.toString());
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        JsonNode runs = new ObjectMapper().readTree(json.toFile()).get("runs");
        JsonNode chain = runs.get(0).get("criticalPath");
        assertEquals(7, chain.get("events").asLong());
        assertEquals(7, chain.get("endLamport").asLong());
        assertEquals(3, chain.get("messages").asLong());
        assertEquals("[\"x\",\"y\",\"z\"]", chain.get("machines").toString());
        assertEquals(4, chain.get("segments").size());
        assertEquals("{\"machine\":\"y\",\"firstLine\":3,\"lastLine\":4,\"events\":2,\"firstLamport\":2,\"lastLamport\":3}",
                chain.get("segments").get(1).toString());
        assertTrue(chain.get("stepsListed").asBoolean());
        List<String> steps = new ArrayList<>();
        chain.get("steps").forEach(s -> steps.add(s.get("machine").asText() + ":" + s.get("line").asLong() + " "
                + s.get("kind").asText() + " " + s.get("lamport").asLong()));
        assertEquals(List.of("x:3 send 1", "y:3 receive 2", "y:4 send 3", "z:4 receive 4", "z:5 send 5",
                "x:6 receive 6", "x:7 internal 7"), steps);
        JsonNode outcomes = runs.get(1).get("messages").get("outcomes");
        assertEquals("{\"received\":3,\"receivedAckLost\":2,\"unprocessed\":1,\"unprocessedAckLost\":1,"
                + "\"undelivered\":{\"peer down\":1,\"peer stopped\":1,\"unacknowledged\":1},\"lost\":1,\"inFlightAtEnd\":1,"
                + "\"toEarlierLifeOfReceiver\":0,\"toMachineWithoutLog\":0,\"total\":12}", outcomes.toString());
        JsonNode lives = runs.get(2).get("lives");
        assertEquals(2, lives.size());
        assertTrue(lives.get(0).get("resumedFrom").isNull());
        assertEquals("{\"lamport\":3,\"ownEntry\":3}", lives.get(1).get("resumedFrom").toString());
        assertEquals(4, lives.get(1).get("firstLamport").asLong());
        JsonNode check = runs.get(2).get("checks").get(4);
        assertEquals("clocks-across-lives", check.get("id").asText());
        assertEquals(0, check.get("warnings").asLong());
    }

    /**
     * critical-path's wall-time diagram: the chain's 7 events are ringed and its 3 messages widened; the other
     * 5 tick events (x.log:4 and 5, y.log:5, z.log:3 and 6) are not.
     */
    @Test
    void theReportHighlightsTheChainInTheSpaceTimeDiagram() throws Exception {
        Path report = tmp.resolve("r.html");
        AnalyzeCommandTest.Outcome o = AnalyzeCommandTest.run(fixture("critical-path"), "--report", report.toString());
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        String html = Files.readString(report);
        int start = html.indexOf("<figure id=\"r1-spacetime\">");
        String diagram = html.substring(start, html.indexOf("</figure>", start));
        assertEquals(7, count(diagram, "<circle [^>]*class=\"chain\""));
        assertEquals(3, count(diagram, "<line [^>]*class=\"chain\""));
        assertEquals(12, count(diagram, "<title>[^<]*L=\\d+ at [^<]*</title>")); // every tick event has a dot
        assertEquals(7, count(diagram, "\\(on the longest causal chain\\)</title>"));
        assertTrue(html.contains("<h3>Longest causal chain</h3><p>7 events (= the highest Lamport clock, 7)"), "chain text");
        assertTrue(html.contains("data-outcome=\"received\""), "outcome table");
        assertFalse(html.contains("Lives of restarted machines"), "no restarts here");
        Path lives = tmp.resolve("l.html");
        assertEquals(ExitCodes.OK, AnalyzeCommandTest.run(fixture("lives-old"), "--report", lives.toString()).exit());
        String l = Files.readString(lives);
        assertTrue(l.contains("Lives of restarted machines") && l.contains("— (an old life)")
                && l.contains("<span class=\"badge warnb\">warn</span>"), "lives table and warn badge");
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
