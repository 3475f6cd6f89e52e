package dev.clockscope.analysis;

import dev.clockscope.testing.SimulatedRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clockscope.analysis.report.CsvExport;
import dev.clockscope.cli.ExitCodes;
import dev.clockscope.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vm analyze} end to end in-process: exit codes, messages, outputs. */
class AnalyzeCommandTest {
    @TempDir
    Path tmp;

    record Outcome(int exit, String out, String err) {
    }

    static Outcome run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "analyze";
        System.arraycopy(args, 0, full, 1, args.length);
        int exit = cl.execute(full);
        return new Outcome(exit, out.toString(), err.toString());
    }

    private Path copyFixture(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(KnownAnswerTest.fixture(name))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void aCleanRunExitsZeroAndWritesTheReportNextToTheLogs() throws Exception {
        Path run = copyFixture("known-answer");
        Outcome o = run(run.toString());
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        assertTrue(o.out().contains("PASS Every RECEIVE matches one SEND"), o.out());
        assertTrue(o.out().contains("6 sent in 4 send events, 5 received, 1 lost"), o.out());
        assertTrue(Files.size(run.resolve("report.html")) > 10_000);
        assertEquals("", o.err());
    }

    @Test
    void aFailedCheckExitsOneAndNamesTheLine() throws Exception {
        Outcome o = run(copyFixture("bad-receive").toString(), "--no-report");
        assertEquals(ExitCodes.CHECK_FAILED, o.exit());
        assertTrue(o.out().contains("FAIL Every RECEIVE matches one SEND (1x; first: "), o.out());
        assertTrue(o.out().contains("b.log:5: receive of seq 7 from a"), o.out());
    }

    @Test
    void unusableInputExitsTwoWithOneLineNamingFileAndLine() throws Exception {
        Path run = copyFixture("known-answer");
        Files.writeString(run.resolve("b.log"), Files.readString(run.resolve("b.log")).replace(
                "{\"event\":\"send\"", "this is not json\n{\"event\":\"send\""));
        Outcome o = run(run.toString(), "--no-report");
        assertEquals(ExitCodes.BAD_INPUT, o.exit());
        assertEquals("error: " + run.resolve("b.log") + ":4: not valid JSON", firstWords(o.err(), ":4: not valid JSON"));
        assertEquals(1, o.err().lines().count(), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(run.resolve("report.html")));
    }

    private static String firstWords(String text, String upTo) {
        int i = text.indexOf(upTo);
        return i < 0 ? text : text.substring(0, i + upTo.length());
    }

    @Test
    void anUnusableRunLeavesNoExportAndOverwritesNone() throws Exception {
        Path good = copyFixture("known-answer");
        Path corrupt = tmp.resolve("corrupt");
        Files.createDirectories(corrupt);
        for (String log : List.of("a.log", "b.log", "c.log")) {
            Files.copy(good.resolve(log), corrupt.resolve(log));
        }
        // b's line 5, after two of its tick events: the good run and part of this one stream out first
        List<String> b = new java.util.ArrayList<>(Files.readAllLines(corrupt.resolve("b.log")));
        b.set(4, "{\"event\":\"send\",\"wallMicros\":12,garbage");
        Files.write(corrupt.resolve("b.log"), b);
        Path ex = tmp.resolve("ex");
        Files.createDirectories(ex.resolve("csv"));
        Files.writeString(ex.resolve("csv/events.csv"), "earlier events\n");
        Files.writeString(ex.resolve("s.json"), "earlier json\n");
        Outcome o = run(good.toString(), corrupt.toString(), "--json", ex.resolve("s.json").toString(),
                "--shiviz", ex.resolve("r.shiviz").toString(), "--csv", ex.resolve("csv").toString(),
                "--report", ex.resolve("new/report.html").toString(), "--svg-dir", ex.resolve("svg").toString());
        assertEquals(ExitCodes.BAD_INPUT, o.exit(), o.err());
        assertTrue(o.err().startsWith("error: " + corrupt.resolve("b.log") + ":5: not valid JSON"), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        try (Stream<Path> files = Files.walk(ex)) {
            assertEquals(List.of("csv", "csv/events.csv", "s.json"), files.filter(p -> !p.equals(ex))
                    .map(p -> ex.relativize(p).toString()).sorted().toList());
        }
        assertEquals("earlier events\n", Files.readString(ex.resolve("csv/events.csv")));
        assertEquals("earlier json\n", Files.readString(ex.resolve("s.json")));
    }

    @Test
    void runsInSameNamedDirectoriesGetDistinctShivizFilesAndCsvRuns() throws Exception {
        // two batches' run-1: known-answer (a, b, c: 21 lines) and outcomes (p, q: 36 lines)
        Path first = tmp.resolve("batch-a/run-1");
        Path second = tmp.resolve("batch-b/run-1");
        for (Path[] copy : new Path[][] {{copyFixture("known-answer"), first}, {copyFixture("outcomes"), second}}) {
            Files.createDirectories(copy[1].getParent());
            Files.move(copy[0], copy[1]);
        }
        Path ex = tmp.resolve("ex");
        Outcome o = run(first.toString(), second.toString(), "--shiviz", ex.resolve("r.shiviz").toString(),
                "--csv", ex.resolve("csv").toString(), "--json", tmp.resolve("s.json").toString(), "--no-report");
        assertTrue(o.exit() != ExitCodes.BAD_INPUT, o.err());
        try (Stream<Path> files = Files.list(ex)) {
            assertEquals(List.of("csv", "r-run-1-2.shiviz", "r-run-1.shiviz"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String one = Files.readString(ex.resolve("r-run-1.shiviz"));
        String two = Files.readString(ex.resolve("r-run-1-2.shiviz"));
        assertTrue(one.contains("\na {") && !one.contains("\np {"), one);
        assertTrue(two.contains("\np {") && !two.contains("\na {"), two);
        List<String> events = Files.readAllLines(ex.resolve("csv/events.csv"));
        assertEquals(21 - 3, events.stream().filter(l -> l.startsWith("run-1,")).count());
        assertEquals(36 - 2, events.stream().filter(l -> l.startsWith("run-1-2,")).count());
        assertEquals(List.of("run-1,a", "run-1,b", "run-1,c", "run-1-2,p", "run-1-2,q"),
                Files.readAllLines(ex.resolve("csv/machines.csv")).stream().skip(1)
                        .map(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1))).toList());
        // the summary, the text table and the JSON name them as the exports do
        JsonNode runs = new ObjectMapper().readTree(tmp.resolve("s.json").toFile()).get("runs");
        assertEquals("run-1", runs.get(0).get("name").asText());
        assertEquals("run-1-2", runs.get(1).get("name").asText());
        assertTrue(o.out().contains("run-1-2"), o.out());
    }

    /** Machine p received nothing: its receive jump and delays were 0 in machines.csv, as if measured. */
    @Test
    void machinesCsvLeavesFiguresOfNothingEmpty() throws Exception {
        Path csv = tmp.resolve("csv");
        run(copyFixture("bad-undelivered").toString(), "--no-report", "--csv", csv.toString());
        String p = Files.readAllLines(csv.resolve("machines.csv")).stream().filter(l -> l.startsWith("bad-undelivered,p,"))
                .findFirst().orElseThrow();
        // 2 ticks, 2 sends, 0 receives: jumps 1 and 1; receive jump and delays: none
        assertEquals("bad-undelivered,p,1,1.0000,2,2,0,0,2,1.0000,1.0000,1.0000,1,1,1,,0.0000,0,0.000,2,0,1,0,,,,duration", p);
    }

    /** --json RUN/machine_1.log replaced the machine's log with the summary: the run could not be analyzed again. */
    @Test
    void noOutputOverwritesALogOfTheRunsRead() throws Exception {
        Path run = copyFixture("known-answer");
        Files.createDirectories(run.resolve("previous"));
        Path older = Files.copy(run.resolve("a.log"), run.resolve("previous").resolve("a-old.log"));
        byte[] log = Files.readAllBytes(run.resolve("a.log"));
        for (String[] option : new String[][] {{"--json", "a.log"}, {"--shiviz", "b.log"},
                {"--report", "c.log"}, {"--json", "previous/a-old.log"}, {"--json", "./x/../a.log"}}) {
            Path target = run.resolve(option[1]);
            Outcome o = run(run.toString(), option[0], target.toString());
            assertEquals(ExitCodes.BAD_INPUT, o.exit(), o.err());
            assertEquals("error: " + option[0] + ": \"" + target + "\" is a machine's log in a run being analyzed;"
                    + " logs are never overwritten\n", o.err());
        }
        assertArrayEquals(log, Files.readAllBytes(run.resolve("a.log")));
        assertArrayEquals(log, Files.readAllBytes(older));
        assertEquals(ExitCodes.OK, run(run.toString(), "--no-report").exit(), "the run is still readable");
        // a .log elsewhere is an output like any other
        assertEquals(ExitCodes.OK, run(run.toString(), "--json", tmp.resolve("summary.log").toString()).exit());
    }

    /**
     * A batch directory (what vm cluster and vm simulate print) stands for its runs, in their numeric order: run-2
     * before run-10. It said "no machine logs here". The report goes into the batch directory, their common parent.
     */
    @Test
    void aBatchDirectoryIsAnalyzedAsItsRuns() throws Exception {
        Path batch = tmp.resolve("20261203-101010-cluster");
        Files.createDirectories(batch);
        Files.move(copyFixture("outcomes"), batch.resolve("run-2"));
        Files.move(copyFixture("known-answer"), batch.resolve("run-10"));
        Outcome o = run(batch.toString(), "--json", tmp.resolve("s.json").toString());
        assertTrue(o.exit() != ExitCodes.BAD_INPUT, o.err());
        JsonNode runs = new ObjectMapper().readTree(tmp.resolve("s.json").toFile()).get("runs");
        assertEquals(2, runs.size());
        assertEquals("run-2", runs.get(0).get("name").asText());
        assertEquals("run-10", runs.get(1).get("name").asText());
        assertTrue(Files.exists(batch.resolve("report.html")), "the report in the batch directory");
    }

    /** So does a replay's batch directory, which holds one run: {@code replay/} or {@code what-if/}. */
    @Test
    void aReplayBatchDirectoryIsAnalyzedAsItsRun() throws Exception {
        Path batch = tmp.resolve("20261204-101010-what-if");
        Files.createDirectories(batch);
        Files.move(copyFixture("known-answer"), batch.resolve("what-if"));
        Outcome o = run(batch.toString(), "--json", tmp.resolve("s.json").toString());
        assertTrue(o.exit() != ExitCodes.BAD_INPUT, o.err());
        JsonNode runs = new ObjectMapper().readTree(tmp.resolve("s.json").toFile()).get("runs");
        assertEquals(List.of("what-if"), List.of(runs.get(0).get("name").asText()));
        assertEquals(1, runs.size());
    }

    @Test
    void anOutputPathThroughAFileSaysSoInOneLine() throws Exception {
        Path run = copyFixture("known-answer");
        Path file = tmp.resolve("config.json");
        Files.writeString(file, "{}");
        Outcome csv = run(run.toString(), "--csv", file.toString(), "--no-report");
        assertEquals(ExitCodes.BAD_INPUT, csv.exit());
        assertEquals("error: --csv: \"" + file + "\" is not a directory\n", csv.err());
        Outcome shiviz = run(run.toString(), "--shiviz", file.resolve("x.shiviz").toString(), "--no-report");
        assertEquals(ExitCodes.BAD_INPUT, shiviz.exit());
        assertEquals("error: --shiviz: \"" + file + "\" is not a directory\n", shiviz.err());
        Outcome json = run(run.toString(), "--json", file.resolve("deeper/s.json").toString(), "--no-report");
        assertEquals("error: --json: \"" + file + "\" is not a directory\n", json.err());
        Outcome dir = run(run.toString(), "--shiviz", tmp.toString(), "--no-report");
        assertEquals("error: --shiviz: \"" + tmp + "\" is a directory\n", dir.err());
        assertEquals("{}", Files.readString(file));
    }

    @Test
    void aGarbageLineDeepInABigLogIsReportedAtItsLine() throws Exception {
        // beyond the first batches of the reader thread, so the error crosses the thread hand-over
        Path run = tmp.resolve("big");
        new SimulatedRun(5, 300, 200).write(run, 30);
        Path log = run.resolve("machine_1.log");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log));
        assertTrue(lines.size() > 7000);
        lines.set(6999, "#" + lines.get(6999).substring(1));
        Files.write(log, lines);
        Outcome o = run(run.toString(), "--no-report");
        assertEquals(ExitCodes.BAD_INPUT, o.exit());
        assertTrue(o.err().startsWith("error: " + log + ":7000: not valid JSON"), o.err());
    }

    @Test
    void aMissingDirectoryOrOneWithoutLogsIsBadInput() throws Exception {
        Outcome missing = run(tmp.resolve("nope").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.exit());
        assertEquals("error: " + tmp.resolve("nope") + ": no such directory", missing.err().strip());
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty.resolve("previous"));
        Files.writeString(empty.resolve("previous/a.log"), "{}");
        Outcome none = run(empty.toString());
        assertEquals(ExitCodes.BAD_INPUT, none.exit());
        assertTrue(none.err().contains("no machine logs (*.log) here (older runs in previous/ are not analyzed)"),
                none.err());
    }

    @Test
    void aLogWithoutItsStartLineIsBadInput() throws Exception {
        Path run = copyFixture("known-answer");
        List<String> lines = Files.readAllLines(run.resolve("c.log"));
        Files.write(run.resolve("c.log"), lines.subList(1, lines.size()));
        Outcome o = run(run.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.exit());
        assertEquals("error: " + run.resolve("c.log") + ":1: the first line must be the \"start\" event, found \"connected\"",
                o.err().strip());
    }

    @Test
    void anEmptyLogIsBadInput() throws Exception {
        Path run = copyFixture("known-answer");
        Files.writeString(run.resolve("c.log"), "");
        Outcome o = run(run.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.exit());
        assertEquals("error: " + run.resolve("c.log") + ":1: empty log (no \"start\" line)", o.err().strip());
    }

    /** A machine killed while it wrote its start line leaves that line cut short: said so, not "empty log". */
    @Test
    void aStartLineCutShortIsSaidSo() throws Exception {
        Path run = copyFixture("known-answer");
        Files.writeString(run.resolve("c.log"), "{\"event\":\"start\",\"format\":1,\"mach");
        Outcome o = run(run.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.exit());
        assertEquals("error: " + run.resolve("c.log") + ":1: the start line is cut short (33 bytes, no end of line): "
                + "the machine stopped while writing it", o.err().strip());
    }

    @Test
    void twoRunsMixedInOneDirectoryAreRefused() throws Exception {
        // another run's log of machine b: same machines, but it ended before this run began
        Path run = copyFixture("known-answer");
        String other = Files.readString(run.resolve("b.log")).replace("\"machine\":\"b\"", "\"machine\":\"b\"")
                .replaceAll("\"wallMicros\":(\\d+)", "\"wallMicros\":$1") ;
        Files.writeString(run.resolve("b-old.log"), other.replace("\"wallMicros\":", "\"wallMicros\":1"));
        Outcome dup = run(run.toString());
        assertEquals(ExitCodes.BAD_INPUT, dup.exit());
        assertTrue(dup.err().contains("are both logs of b (two runs mixed in one directory?)"), dup.err());

        Files.delete(run.resolve("b-old.log"));
        Files.writeString(run.resolve("c.log"), Files.readString(run.resolve("c.log"))
                .replace("\"machines\":[\"a\",\"b\",\"c\"]", "\"machines\":[\"a\",\"b\",\"c\",\"d\"]"));
        Outcome machines = run(run.toString());
        assertEquals(ExitCodes.BAD_INPUT, machines.exit());
        assertTrue(machines.err().contains("c.log:1: lists machines [a, b, c, d] but "), machines.err());
    }

    @Test
    void logsThatDoNotOverlapInTimeAreTwoRuns() throws Exception {
        Path run = copyFixture("known-answer");
        // c's log, shifted one hour later: it starts after a and b have stopped
        String c = Files.readString(run.resolve("c.log"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\"(?:wallMicros|incarnation|arrivedMicros)\":)(\\d+)")
                .matcher(c);
        StringBuilder shifted = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(shifted, m.group(1) + (Long.parseLong(m.group(2)) + 3_600_000_000L));
        }
        m.appendTail(shifted);
        Files.writeString(run.resolve("c.log"), shifted.toString());
        Outcome o = run(run.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.exit());
        assertTrue(o.err().contains("do not overlap in time (two runs mixed in one directory?)"), o.err());
    }

    @Test
    void aTruncatedLastLineIsAWarningAndTheRunIsStillAnalyzed() throws Exception {
        Path run = copyFixture("known-answer");
        String c = Files.readString(run.resolve("c.log"));
        // the crash cut c's stop line short
        Files.writeString(run.resolve("c.log"), c.substring(0, c.lastIndexOf("\"reason\"")));
        Outcome o = run(run.toString(), "--no-report");
        assertEquals(ExitCodes.OK, o.exit(), o.err() + o.out());
        assertTrue(o.out().contains("warning: " + run.resolve("c.log") + ":7: last line is incomplete"), o.out());
        assertTrue(o.out().contains("stop: none (log ends without a stop line)"), o.out());
    }

    @Test
    void previousRunsAreIgnored() throws Exception {
        Path run = copyFixture("known-answer");
        Files.createDirectories(run.resolve("previous"));
        Files.writeString(run.resolve("previous/a-old.log"), "garbage");
        assertEquals(ExitCodes.OK, run(run.toString(), "--no-report").exit());
    }

    @Test
    void jsonSummaryHasTheDocumentedFields() throws Exception {
        Path json = tmp.resolve("out/summary.json");
        Outcome o = run(copyFixture("known-answer").toString(), "--no-report", "--json", json.toString());
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(1, root.get("schema").asInt());
        assertTrue(root.get("passed").asBoolean());
        JsonNode run = root.get("runs").get(0);
        assertEquals(5, run.get("messages").get("received").asLong());
        assertEquals(1, run.get("messages").get("lost").asLong());
        assertEquals(400_000, run.get("messages").get("delayMicros").get("p50").asLong());
        assertEquals(3, run.get("drift").get("maxSpread").asLong());
        assertEquals(24, run.get("concurrency").get("concurrentPairs").asLong());
        JsonNode c = run.get("machines").get(2);
        assertEquals("c", c.get("machine").asText());
        assertEquals(7, c.get("finalLamport").asLong());
        assertEquals(1.75, c.get("jumps").get("mean").asDouble(), 1e-9);
        assertEquals(1, c.get("queue").get("maxLength").asLong());
        assertEquals("receive-matches-send", run.get("checks").get(1).get("id").asText());
    }

    @Test
    void csvHasOneRowPerLineAndOnePerMachine() throws Exception {
        Path csv = tmp.resolve("csv");
        Outcome o = run(copyFixture("known-answer").toString(), "--no-report", "--csv", csv.toString());
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        List<String> events = Files.readAllLines(csv.resolve("events.csv"));
        assertEquals(CsvExport.EVENTS_HEADER, events.get(0));
        assertEquals(1 + 21 - 3, events.size()); // every line but the three start lines
        assertTrue(events.contains("known-answer,c,5,4200000,receive,3,6,5;2;3,1,a,3,5,200000"), events.toString());
        assertTrue(events.contains("known-answer,a,3,2000000,send,1,1,1;0;0,0,b;c,1,,"), events.toString());
        List<String> machines = Files.readAllLines(csv.resolve("machines.csv"));
        assertEquals(4, machines.size());
        assertTrue(machines.get(3).startsWith("known-answer,c,1,1.0000,4,0,2,2,7,"), machines.get(3));
    }

    @Test
    void svgDirHoldsEveryChart() throws Exception {
        Path svg = tmp.resolve("svg");
        Outcome o = run(copyFixture("known-answer").toString(), "--no-report", "--svg-dir", svg.toString(), "--verbose");
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        try (Stream<Path> files = Files.list(svg)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("known-answer-drift.svg", "known-answer-jumps.svg", "known-answer-lamport.svg",
                    "known-answer-queue.svg", "known-answer-spacetime-lamport.svg", "known-answer-spacetime.svg"), names);
        }
        String lamport = Files.readString(svg.resolve("known-answer-lamport.svg"));
        assertTrue(lamport.startsWith("<?xml") && lamport.contains("xmlns=\"http://www.w3.org/2000/svg\"")
                && lamport.contains("<polyline"), lamport);
        assertTrue(o.out().matches("(?s).*read 21 lines in .* lines/s.*"), o.out());
    }

    @Test
    void severalRunsGetAComparisonAndOneReportInTheirParent() throws Exception {
        Path one = copyFixture("known-answer");
        Path two = copyFixture("bad-vector");
        Outcome o = run(one.toString(), two.toString());
        assertEquals(ExitCodes.CHECK_FAILED, o.exit());
        assertTrue(o.out().contains("comparison"), o.out());
        String html = Files.readString(tmp.resolve("report.html"));
        assertTrue(html.contains("Comparison of runs") && html.contains("compare-drift"), "comparison missing");
    }

    @Test
    void aBadWindowIsABadArgument() throws Exception {
        Outcome o = run(copyFixture("known-answer").toString(), "--window", "soon");
        assertEquals(ExitCodes.BAD_INPUT, o.exit());
        assertTrue(o.err().contains("--window: expected e.g. 10s or 20s..30s, got \"soon\""), o.err());
    }
}
