package dev.clockscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.sim.SimOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code vm simulate} in process: its one-line errors, its outputs, and that a seed gives the same bytes. */
class SimulateCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) throws Exception {
        Path config = dir.resolve("config.json");
        if (!Files.exists(config)) {
            Files.writeString(config, "{\"machines\":[{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":1},"
                    + "{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":2},{\"id\":\"c\",\"host\":\"127.0.0.1\",\"port\":3}],"
                    + "\"duration\":\"10s\"}");
        }
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = Stream.concat(Stream.of("simulate", "--config", config.toString(), "--output-dir",
                dir.resolve("out").toString(), "--plain"), Stream.of(args)).toArray(String[]::new);
        return cl.execute(all);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--clocks|vector|error: --clocks: \"vector\" leaves out lamport, which every run keeps",
        "--clocks|lamport,vector:dense,vector:sparse|error: --clocks: \"lamport,vector:dense,vector:sparse\" names two vector clocks (vector:dense, vector:sparse)",
        "--clocks|lamport,vector,vector:sparse|error: --clocks: \"lamport,vector,vector:sparse\" names two vector clocks (vector, vector:sparse)",
        // a clock named twice was accepted without a word (any case: --clocks reads LAMPORT as lamport)
        "--clocks|lamport,lamport|error: --clocks: \"lamport,lamport\" names lamport twice",
        "--clocks|lamport,vector,HLC,hlc|error: --clocks: \"lamport,vector,HLC,hlc\" names hlc twice",
        "--clocks|lamport,hlcx|error: --clocks: \"hlcx\" is not lamport, vector, vector:dense, vector:sparse or hlc",
        "--clock-skew|machine_9=+1s|error: --clock-skew: \"machine_9\" is not a machine of this run (machines: a, b, c)",
        "--clock-skew|b=+1 parsec|error: --clock-skew: \"b=+1 parsec\": \"+1 parsec\" is not a clock skew such as +150ms, -20ms or 1s",
        "--clock-drift|normal:0|error: --clock-drift: \"normal:0\" is not ID=+200ppm, normal:MEAN,SD or uniform:MIN..MAX (e.g. uniform:-100ppm..100ppm)",
        "--clock-drift|b=+200000ppm|error: --clock-drift: \"b=+200000ppm\": +200000ppm is outside ±100000ppm",
        "--hlc-max-offset|0|error: --hlc-max-offset: \"0\" is not between 1us and 1h",
        "--log|some|error: --log: \"some\" is not full or none",
        "--crash|b@20s..25s|error: --crash: \"b@20s..25s\" does not start before the run's end (10s)",
        "--crash|b@10s|error: --crash: \"b@10s\" does not start before the run's end (10s)",
        // the machine logged its stop inside the pause; the restart never came
        "--pause|b@5s..11s|error: --pause: \"b@5s..11s\" ends after the run's end (10s): a pause must end within the run",
        "--crash|b@5s..11s|error: --crash: \"b@5s..11s\" ends after the run's end (10s): a crash for good is ID@FROM",
        "--live-bind|0.0.0.0|error: --live-bind: only with --live",
        "--crash|zz@1s..2s|error: --crash: \"zz\" is not a machine of this run",
        "--crash|b|error: --crash: \"b\" is not ID@FROM..TO or ID@FROM (e.g. machine_2@10s..15s)",
        "--pause|b@3s|error: --pause: \"b@3s\" is not ID@FROM..TO (e.g. machine_2@10s..15s)",
        "--pause|b@1.5s..|error: --pause: \"b@1.5s..\" is not ID@FROM..TO (e.g. machine_2@10s..15s)",
        "--crash|b@0.0000005ms|error: --crash: \"0.0000005ms\" is finer than a nanosecond",
        "--ticks-per-second|max|error: --ticks-per-second: \"max\" (unthrottled) has no meaning in virtual time; give a rate such as 1..6",
        "--duration|0|error: --duration: 0 (until stopped) makes no sense for a simulation; give a duration",
        // simulation.json rounded it to the microsecond, so a rerun from it ended elsewhere
        "--duration|1.0000005s|error: --duration: 1000000500 ns is finer than a microsecond, the unit of the logs and of simulation.json",
        "--actions|one=0.9,all=0.2|error: --actions: \"one=0.9,all=0.2\" must sum to 1 (internal is the rest when left out)",
        "--actions|some=1|error: --actions: \"some=1\" is not like one=0.2,all=0.1,internal=0.7",
        "--actions|one=0.2,one=0.3|error: --actions: \"one=0.2,one=0.3\" gives one twice",
        "--actions|all=0.1,internal=0.9,all=0.1|error: --actions: \"all=0.1,internal=0.9,all=0.1\" gives all twice",
        "--die|2|error: --die: 2 sides: a 2-sided die cannot address 2 neighbours and all of them (with many neighbours use --actions one=0.2,all=0.1)",
        "--die|0|error: --die: must be at least 2 sides, got 0",
        "--die|1|error: --die: must be at least 2 sides, got 1",
        "--die|-3|error: --die: must be at least 2 sides, got -3",
        "--phase|7|error: --phase: \"7\" is not random or 0",
        // the keyword in any case, the run directory as written
        "--net-delay|EMPIRICAL:/nonexistent/Run|error: --net-delay: \"/nonexistent/Run\" is not a run directory",
        "--crash|B@1s..2s|error: --crash: \"B\" is not a machine of this run",
        "--watch|a,a|error: --watch: \"a\" is named twice",
        "--watch|c,b,c|error: --watch: \"c\" is named twice",
        "--machines|1|error: --machines: 1 is outside 2..10000000",
        "--graph|g.txt|error: --graph: \"g.txt\" must end in .graphml or .json, or be none",
        "--graph|/nonexistent/dir/g.graphml|error: --graph: \"/nonexistent/dir/g.graphml\": no such directory /nonexistent/dir",
        "--net-delay|empirical:/nonexistent/run|error: --net-delay: \"/nonexistent/run\" is not a run directory",
        "--net-delay|empirical:|error: --net-delay: \"empirical:\" names no run directory (empirical:RUN_DIR)",
        "--link-loss|2|error: --link-loss: \"2\" is not a probability between 0 and 1",
        "--topology|random-regular:x|error: --topology: \"random-regular:x\": K must be a whole number",
        "--topology|/nonexistent/t.json|error: --topology: /nonexistent/t.json: no such file",
        // 999999999h does not fit in a long of nanoseconds: it was an ArithmeticException's stack trace, exit 1
        "--duration|999999999h|error: --duration: \"999999999h\" is longer than 100000h",
        "--net-delay|999999999h|error: --net-delay: \"999999999h\" is longer than 100000h",
        "--link-delay|exp:999999999m|error: --link-delay: \"999999999m\" is longer than 100000h",
        "--crash|b@999999999h|error: --crash: \"999999999h\" is longer than 100000h",
        "--pause|b@1s..999999999h|error: --pause: \"999999999h\" is longer than 100000h",
    })
    void badOptionsAreOneLineErrorsWithExitTwo(String option, String value, String message) throws Exception {
        assertEquals(2, run(option, value));
        assertEquals(message + "\n", err.toString());
        assertTrue(out.toString().isEmpty(), "nothing ran: " + out);
    }

    /**
     * config.json's duration: a zero there is named as config.json's field, not as --duration, which the user did not
     * give (an outside tester's finding); a number is seconds, fraction included, as the option's bare number is (1.5
     * was refused).
     */
    @Test
    void configJsonsDurationIsNamedAsItsFieldAndMayBeAFractionOfSeconds() throws Exception {
        Path config = dir.resolve("config.json");
        String machines = "{\"machines\":[{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":1},"
                + "{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":2}],\"duration\":";
        Files.writeString(config, machines + "0}");
        assertEquals(2, run());
        assertEquals("error: " + config + ": duration: 0 (until stopped) makes no sense for a simulation; give a"
                + " duration\n", err.toString());

        err.getBuffer().setLength(0);
        Files.writeString(config, machines + "1.5}");
        assertEquals(0, run("--no-analyze", "--log", "full"), err.toString());
        try (Stream<Path> batches = Files.list(dir.resolve("out"))) {
            Path run = batches.findFirst().orElseThrow().resolve("run-1");
            assertEquals("\"1500ms\"", new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(run.resolve("simulation.json").toFile()).get("duration").toString());
        }
    }

    /**
     * The live view's options are refused before the "simulate: ... into DIR" line, which would name a batch
     * directory that no run creates. "[::1" fails as an address without asking DNS.
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--speed 0;error: --speed: only with --live",
        "--open;error: --open: only with --live",
        "--live --speed 0;error: --speed: 0.0 is not between 0.001 and 1000000",
        // 1e-9 made a virtual second 31 years of wall time, overflowing the pace's nanoseconds: it did not wait at all
        "--live --speed 1e-9;error: --speed: 1.0E-9 is not between 0.001 and 1000000",
        "--live --speed 2e6;error: --speed: 2000000.0 is not between 0.001 and 1000000",
        "--live --live-bind=;error: --live-bind: \"\" is no address (127.0.0.1, ::1, 0.0.0.0, a host name)",
        "--live --live-bind [::1;error: --live-bind: \"[::1\" is not a known address",
    })
    void badLiveOptionsAreRefusedBeforeTheRunIsAnnounced(String args, String message) throws Exception {
        assertEquals(2, run(args.split(" ")));
        assertEquals(message + "\n", err.toString());
        assertEquals("", out.toString());
        assertTrue(!Files.exists(dir.resolve("out")), "no batch directory");
    }

    /**
     * Keywords are read in any case, as --clocks always was ("--topology RING" was an unknown topology, "--log FULL"
     * not full or none): the same run in capitals has the same fingerprint. Units, paths and machine ids keep theirs.
     */
    @Test
    void keywordsAreReadInAnyCase() throws Exception {
        String[] common = {"--runs", "1", "--seed", "5", "--duration", "3s", "--no-analyze"};
        assertEquals(0, run(Stream.concat(Stream.of(common), Stream.of("--preset", "narrow-rates", "--topology", "ring",
                "--log", "full", "--phase", "random", "--graph", "none", "--net-delay", "exp:20ms", "--link-delay",
                "uniform:100us..300us", "--actions", "one=0.3,all=0.1", "--clock-skew", "normal:0,5ms", "--clocks",
                "lamport,vector,hlc")).toArray(String[]::new)), err.toString());
        String lower = fingerprint(out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run(Stream.concat(Stream.of(common), Stream.of("--preset", "NARROW-RATES", "--topology", "Ring",
                "--log", "FULL", "--phase", "RANDOM", "--graph", "NONE", "--net-delay", "EXP:20ms", "--link-delay",
                "Uniform:100us..300us", "--actions", "ONE=0.3,All=0.1", "--clock-skew", "NORMAL:0,5ms", "--clocks",
                "LAMPORT,Vector,HLC")).toArray(String[]::new)), err.toString());
        assertEquals(lower, fingerprint(out.toString()));
        for (Path batch : batches()) {
            assertTrue(Files.exists(batch.resolve("run-1/a.log")), "--log FULL: " + batch);
            assertTrue(!Files.exists(batch.resolve("run-1/graph.graphml")), "--graph NONE: " + batch);
        }
    }

    /** --rates won over --ticks-per-second without a word. */
    @Test
    void ratesWithTicksPerSecondAreRefusedNamingBoth() throws Exception {
        assertEquals(2, run("--rates", "1,2,3", "--ticks-per-second", "4..6", "--duration", "1s"));
        assertEquals("error: --rates: give either --rates or --ticks-per-second, not both\n", err.toString());
        assertEquals("", out.toString());
    }

    /** Run 2's seed wrapped to the most negative long, silently. */
    @Test
    void aSeedWhoseLastRunWouldPassTheLargestLongIsRefused() throws Exception {
        assertEquals(2, run("--seed", "9223372036854775807", "--runs", "2"));
        assertEquals("error: --seed: 9223372036854775807 with --runs 2: run 2's seed would pass 9223372036854775807\n",
                err.toString());
        err.getBuffer().setLength(0);
        assertEquals(0, run("--seed", "9223372036854775806", "--runs", "2", "--duration", "1s", "--no-analyze"));
    }

    @Test
    void aCompleteGraphOfTooManyMachinesAndFullLogsOfTooManyAreRefused() throws Exception {
        assertEquals(2, run("--machines", "6000"));
        assertEquals("error: --topology: \"complete\": at most 5000 machines (n² links), got 6000\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("--machines", "2000", "--log", "full", "--actions", "one=0.2,all=0.1"));
        assertTrue(err.toString().startsWith("error: --log: full logs of 2000 machines would be 2000 files"),
                err.toString());
    }

    /**
     * 100 machines' full logs (the default up to 100) for 100,000 h need at least 100 x 1 tick/s x 360,000,000 s x
     * (80 + 6 x 100) bytes = 2.448e13 bytes, 22.3 TiB: refused before anything is written, instead of filling the disk.
     */
    @Test
    void fullLogsThatCannotFitOnTheDiskAreRefusedBeforeTheRun() throws Exception {
        assertEquals(2, run("--machines", "100", "--topology", "ring", "--duration", "100000h"));
        assertTrue(err.toString().startsWith("error: full logs of this batch need at least 22.3 TiB, and "), err.toString());
        assertTrue(err.toString().endsWith(" free: a shorter --duration, fewer machines or --log none\n"), err.toString());
        assertEquals("", out.toString());
        assertTrue(!Files.exists(dir.resolve("out")), "no batch directory");
    }

    /** Machines acting by probabilities have no die: the report said "die 0". */
    @Test
    void theReportOfARunWithoutADieSaysSo() throws Exception {
        assertEquals(0, run("--actions", "one=0.3,all=0.1", "--duration", "2s", "--seed", "3"));
        String report = Files.readString(batches().get(0).resolve("report.html"));
        assertTrue(report.contains(" machines · action probabilities, no die · started "), "no die named");
        assertTrue(!report.contains("die 0"), "die 0");
        out.getBuffer().setLength(0);
        assertEquals(0, run("--duration", "2s", "--seed", "3", "--name", "die"));
        Path withDie = batches().stream().filter(p -> p.toString().endsWith("-die")).findFirst().orElseThrow();
        assertTrue(Files.readString(withDie.resolve("report.html")).contains(" machines · die 10 · started "));
    }

    /** --graph naming the run's own topology file or config.json replaced it with the graph. */
    @Test
    void theGraphNeverReplacesTheRunsTopologyFileOrConfig() throws Exception {
        Path topology = dir.resolve("ring.json");
        String ring = "{\"machines\":[\"a\",\"b\",\"c\"],\"links\":[{\"from\":\"a\",\"to\":\"b\"},"
                + "{\"from\":\"b\",\"to\":\"c\"},{\"from\":\"c\",\"to\":\"a\"}]}";
        Files.writeString(topology, ring);
        assertEquals(2, run("--topology", topology.toString(), "--graph", topology.toString(), "--duration", "1s"));
        assertEquals("error: --graph: \"" + topology + "\" is this run's --topology file; it would be replaced by the"
                + " graph\n", err.toString());
        assertEquals(ring, Files.readString(topology));
        err.getBuffer().setLength(0);
        Path config = dir.resolve("config.json");
        String before = Files.readString(config);
        assertEquals(2, run("--graph", config.toString(), "--duration", "1s"));
        assertEquals("error: --graph: \"" + config + "\" is this run's --config file; it would be replaced by the"
                + " graph\n", err.toString());
        assertEquals(before, Files.readString(config));
    }

    @Test
    void overlappingCrashWindowsOfOneMachineAreOneLineNamingBoth() throws Exception {
        // the tester's case: c would restart at 3 s and tick through the second window
        assertEquals(2, run("--rates", "4,4,4", "--crash", "c@1s..3s", "--crash", "c@2s..6s"));
        assertEquals("error: --crash: \"c@2s..6s\" overlaps --crash \"c@1s..3s\""
                + " (a machine's crash and pause windows must neither overlap nor touch)\n", err.toString());
        assertTrue(out.toString().isEmpty(), "nothing ran: " + out);
    }

    @Test
    void aNetworkRuleNamingAMachineNotInTheRunIsOneLineLikeAClockSkew() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"machines\":[{\"id\":\"m1\",\"host\":\"127.0.0.1\",\"port\":1},"
                + "{\"id\":\"m2\",\"host\":\"127.0.0.1\",\"port\":2},{\"id\":\"m3\",\"host\":\"127.0.0.1\",\"port\":3}],"
                + "\"duration\":\"2s\",\"network\":{\"links\":[{\"from\":\"m1\",\"to\":\"*\",\"loss\":1.0}]}}");
        assertEquals(2, run("--machines", "3"));
        assertEquals("error: network.links[0].from: \"m1\" is not a machine of this run"
                + " (machines: machine_1, machine_2, machine_3)\n", err.toString());
        assertTrue(out.toString().isEmpty(), "nothing ran: " + out);
    }

    @Test
    void topologyFilesWithMoreMachinesThanConfigRunAsTheReadmeShows() throws Exception {
        // docs/SIMULATOR.md's example of our own format: four machines, config.json has three
        Path ours = dir.resolve("ours.json");
        Files.writeString(ours, "{\"machines\":[\"alpha\",\"beta\",\"gamma\",\"delta\"],\"links\":["
                + "{\"from\":\"alpha\",\"to\":\"beta\",\"delay\":\"20ms\"},"
                + "{\"from\":\"beta\",\"to\":\"gamma\",\"delay\":\"uniform:5ms..50ms\"},"
                + "{\"from\":\"gamma\",\"to\":\"delta\",\"delay\":\"exp:20ms\"},"
                + "{\"from\":\"delta\",\"to\":\"alpha\"}],\"seed\":7}");
        assertEquals(0, run("--duration", "2s", "--seed", "1", "--topology", ours.toString(), "--net-delay", "exp:20ms",
                "--crash", "delta@1s..2s", "--no-analyze"), err.toString());
        assertTrue(out.toString().contains("1 run(s) of 4 machines"), out.toString());
        Path run1 = batches().get(0).resolve("run-1");
        for (String id : List.of("alpha", "beta", "gamma", "delta")) {
            assertTrue(Files.exists(run1.resolve(id + ".log")), id);
        }
        assertTrue(Files.isDirectory(run1.resolve("previous")), "delta's first life, moved aside by its restart");

        // a CloudScope file of six nodes in a ring
        Path cloud = dir.resolve("cloud.json");
        StringBuilder nodes = new StringBuilder();
        StringBuilder links = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            nodes.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i).append("\"}");
            links.append(i == 0 ? "" : ",").append("{\"source\":").append(i).append(",\"target\":")
                    .append((i + 1) % 6).append(",\"latency\":30}");
        }
        Files.writeString(cloud, "{\"meta\":{\"seed\":42},\"nodes\":[" + nodes + "],\"links\":[" + links + "]}");
        out.getBuffer().setLength(0);
        assertEquals(0, run("--duration", "2s", "--seed", "1", "--topology", cloud.toString(), "--no-analyze"),
                err.toString());
        assertTrue(out.toString().contains("1 run(s) of 6 machines"), out.toString());
    }

    private static String fingerprint(String output) {
        Matcher m = Pattern.compile("fingerprint ([0-9a-f]{16})").matcher(output);
        assertTrue(m.find(), output);
        return m.group(1);
    }

    private List<Path> batches() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void theSameSeedTwiceGivesTheSameFingerprintLogsAndSummary() throws Exception {
        assertEquals(0, run("--seed", "5", "--duration", "20s", "--no-analyze"));
        String first = out.toString();
        out.getBuffer().setLength(0);
        assertEquals(0, run("--seed", "5", "--duration", "20s", "--no-analyze"));
        assertEquals(fingerprint(first), fingerprint(out.toString()));
        List<Path> b = batches();
        assertEquals(2, b.size());
        for (String file : List.of("a.log", "b.log", "c.log", "summary.json", "simulation.json", "graph.graphml")) {
            assertArrayEquals(Files.readAllBytes(b.get(0).resolve("run-1").resolve(file)),
                    Files.readAllBytes(b.get(1).resolve("run-1").resolve(file)), file);
        }
        out.getBuffer().setLength(0);
        assertEquals(0, run("--seed", "6", "--duration", "20s", "--no-analyze"));
        assertTrue(!fingerprint(first).equals(fingerprint(out.toString())), "another seed, other events");
    }

    /**
     * Run 2 of a batch has seed + 1 but the batch's graph (drawn with run 1's seed). Its simulation.json names both
     * seeds, and with them the run is made again alone: the same fingerprint. It said only "seed 3", which drew
     * another random graph (a tester's fingerprints 068e1bc1e89267a3 against 71da48f662f8ecf2).
     */
    @Test
    void aLaterRunOfABatchRunsAgainAloneWithItsTopologySeed() throws Exception {
        String[] common = {"--machines", "30", "--topology", "random-regular:4", "--duration", "5s", "--no-analyze",
                "--log", "none", "--graph", "none"};
        assertEquals(0, run(Stream.concat(Stream.of(common), Stream.of("--seed", "2", "--runs", "2")).toArray(String[]::new)));
        Matcher second = Pattern.compile("run 2: seed 3, .* fingerprint ([0-9a-f]{16})").matcher(out.toString());
        assertTrue(second.find(), out.toString());
        JsonNode plan = new ObjectMapper().readTree(batches().get(0).resolve("run-2/simulation.json").toFile());
        assertEquals(List.of(3L, 2L), List.of(plan.get("seed").asLong(), plan.get("topologySeed").asLong()));
        out.getBuffer().setLength(0);
        assertEquals(0, run(Stream.concat(Stream.of(common), Stream.of("--seed", "3", "--topology-seed", "2"))
                .toArray(String[]::new)));
        assertEquals(second.group(1), fingerprint(out.toString()));
        out.getBuffer().setLength(0);
        assertEquals(0, run(Stream.concat(Stream.of(common), Stream.of("--seed", "3")).toArray(String[]::new)));
        assertTrue(!second.group(1).equals(fingerprint(out.toString())), "its own seed draws another graph");
    }

    @Test
    void eachRunWritesItsGraphByDefaultAndGraphNoneWritesNone() throws Exception {
        assertEquals(0, run("--seed", "4", "--no-analyze", "--runs", "2"));
        Path batch = batches().get(0);
        for (String run : List.of("run-1", "run-2")) {
            String graph = Files.readString(batch.resolve(run).resolve("graph.graphml"));
            // three machines, complete: nodes a, b, c and the three links between them
            assertEquals(3, count(graph, "<node id="), graph);
            assertEquals(3, count(graph, "<edge id="), graph);
            assertTrue(graph.contains("source=\"a\" target=\"b\""), graph);
            assertTrue(out.toString().contains("graph: " + batch.resolve(run).resolve("graph.graphml")), out.toString());
        }

        out.getBuffer().setLength(0);
        assertEquals(0, run("--seed", "4", "--no-analyze", "--graph", "none", "--name", "nograph"));
        Path none = batches().stream().filter(p -> p.toString().endsWith("-nograph")).findFirst().orElseThrow();
        assertTrue(Files.exists(none.resolve("run-1").resolve("summary.json")));
        assertTrue(!Files.exists(none.resolve("run-1").resolve("graph.graphml")), "--graph none");
        assertTrue(out.toString().lines().noneMatch(l -> l.startsWith("graph:")), out.toString());
    }

    @Test
    void aGraphIsNotWrittenByDefaultAboveOneHundredThousandMachines() throws Exception {
        assertEquals(0, run("--machines", "100001", "--topology", "ring", "--duration", "1ms", "--seed", "2",
                "--name", "big"));
        assertTrue(out.toString().contains("graph: not written by default above 100,000 machines"), out.toString());
        Path big = batches().stream().filter(p -> p.toString().endsWith("-big")).findFirst().orElseThrow();
        assertTrue(Files.exists(big.resolve("run-1").resolve("summary.json")));
        assertTrue(!Files.exists(big.resolve("run-1").resolve("graph.graphml")));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void smallRunsGoThroughTheAnalyzerAndLargeOnesAreSummarisedInProcess() throws Exception {
        assertEquals(0, run("--seed", "9"));
        Path batch = batches().get(0);
        assertTrue(out.toString().contains("PASS Every RECEIVE matches one SEND"), out.toString());
        assertTrue(Files.exists(batch.resolve("report.html")));
        assertTrue(Files.exists(batch.resolve("run-1").resolve("a.log")));

        out.getBuffer().setLength(0);
        assertEquals(0, run("--machines", "300", "--actions", "one=0.2,all=0.05", "--seed", "9", "--watch",
                "machine_7,machine_8", "--name", "large"));
        String summary = out.toString();
        assertTrue(summary.contains("300 machines, topology complete, clocks lamport,vector,hlc, seed 9"), summary);
        assertTrue(summary.contains("check clocks increase                ok"), summary);
        Path large = batches().stream().filter(p -> p.toString().endsWith("-large")).findFirst().orElseThrow();
        assertTrue(Files.exists(large.resolve("run-1").resolve("report.html")));
        assertTrue(Files.readString(large.resolve("run-1").resolve("report.html")).contains("machine_7, machine_8"));
        try (Stream<Path> logs = Files.list(large.resolve("run-1"))) {
            assertTrue(logs.noneMatch(p -> p.toString().endsWith(".log")), "no per-machine logs above 100 machines");
        }
    }

    /**
     * The same run (same seed, so the same fingerprint) counted twice: by the analyzer from its full logs and in
     * process from its events. Both count a message per receiver of each send, refused ones included, and both see
     * the same undelivered and unprocessed ones.
     */
    @Test
    void theInProcessSummaryCountsMessagesAsTheAnalyzerDoes() throws Exception {
        String[] common = {"--seed", "7", "--duration", "5s", "--machines", "150", "--topology", "random-regular:4"};
        assertEquals(0, run(Stream.concat(Stream.of(common), Stream.of("--log", "full")).toArray(String[]::new)));
        String analyzed = out.toString();
        out.getBuffer().setLength(0);
        assertEquals(0, run(Stream.concat(Stream.of(common), Stream.of("--log", "none")).toArray(String[]::new)));
        String inProcess = out.toString();
        assertEquals(fingerprint(analyzed), fingerprint(inProcess));

        Matcher a = Pattern.compile("messages: ([\\d,]+) sent in .* ([\\d,]+) undelivered;").matcher(analyzed);
        Matcher u = Pattern.compile("taken, unprocessed when the receiver stopped +([\\d,]+)").matcher(analyzed);
        Matcher p = Pattern.compile("messages: ([\\d,]+) sent \\(([\\d,]+) onto a link\\), ([\\d,]+) undelivered, "
                + "([\\d,]+) unprocessed at a stop").matcher(inProcess);
        assertTrue(a.find(), analyzed);
        assertTrue(u.find(), analyzed);
        assertTrue(p.find(), inProcess);
        assertEquals(a.group(1), p.group(1), "sent");
        assertEquals(a.group(2), p.group(3), "undelivered");
        assertEquals(u.group(1), p.group(4), "unprocessed");
        assertTrue(number(p.group(2)) < number(p.group(1)), "some sends are refused at the stop: " + inProcess);
    }

    /**
     * Three machines keep Lamport (8 bytes), a dense vector of 3 entries (24) and an HLC (12): 44 bytes on every
     * message, whether the link then loses it or not.
     */
    @Test
    void aMessageLostOnItsLinkStillCountsItsClockBytes() throws Exception {
        assertEquals(0, run("--seed", "3", "--log", "none", "--link-loss", "0.5"));
        assertTrue(out.toString().contains("clock bytes per message: mean 44.0, max 44"), out.toString());
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    /** simulation.json holds everything needed to run a run again: the links' loss and the clocks' errors too. */
    /**
     * A rate config.json fixes for some machines only is recorded by machine: it was "rates": [1], which did not say
     * whose (an outside tester's finding).
     */
    @Test
    void simulationJsonNamesTheMachinesWhoseRateConfigJsonFixes() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"machines\":[{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":1},"
                + "{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":2,\"ticksPerSecond\":1},"
                + "{\"id\":\"c\",\"host\":\"127.0.0.1\",\"port\":3}],\"duration\":\"3s\"}");
        assertEquals(0, run("--seed", "1", "--no-analyze"), err.toString());
        String json = Files.readString(batches().get(0).resolve("run-1").resolve("simulation.json"));
        assertTrue(json.replaceAll("\\s", "").contains("\"rates\":{\"b\":1}"), json);
    }

    @Test
    void simulationJsonRecordsTheLinkLossAndTheClocksErrors() throws Exception {
        assertEquals(0, run("--seed", "1", "--duration", "3s", "--no-analyze", "--link-loss", "0.1", "--clock-skew",
                "b=+150ms", "--clock-drift", "normal:0,50ppm", "--hlc-max-offset", "200ms"));
        String json = Files.readString(batches().get(0).resolve("run-1").resolve("simulation.json"));
        for (String field : List.of("\"linkLoss\" : 0.1", "\"hlcMaxOffset\" : \"200ms\"",
                "\"clockSkew\" : [ \"b=+150ms\" ]", "\"clockDrift\" : [ \"normal:0,+50ppm\" ]")) {
            assertTrue(json.contains(field), field + " in " + json);
        }
    }

    /**
     * config.json's heartbeatTimeout is the simulated peers' too: with 5 s, a 3 s pause of b goes unnoticed; with the
     * default 1.5 s, a and c log b down during it. simulation.json records it.
     */
    @Test
    void configsHeartbeatTimeoutDecidesWhetherAPauseIsSeen() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"machines\":[{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":1},"
                + "{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":2},{\"id\":\"c\",\"host\":\"127.0.0.1\",\"port\":3}],"
                + "\"duration\":\"10s\",\"heartbeatTimeout\":\"5s\"}");
        assertEquals(0, run("--seed", "1", "--no-analyze", "--pause", "b@2s..5s"));
        Path unseen = batches().get(0).resolve("run-1");
        assertTrue(Files.readString(unseen.resolve("simulation.json")).contains("\"heartbeatTimeout\" : \"5s\""));
        Files.delete(dir.resolve("config.json")); // run() writes the default one: no heartbeatTimeout
        assertEquals(0, run("--seed", "1", "--no-analyze", "--pause", "b@2s..5s"));
        Path seen = batches().stream().filter(b -> !b.equals(unseen.getParent())).findFirst().orElseThrow().resolve("run-1");
        assertTrue(Files.readString(seen.resolve("simulation.json")).contains("\"heartbeatTimeout\" : \"1500ms\""));
        for (String peer : List.of("a.log", "c.log")) {
            // a peer's own stop is at 10 s or later: a peer_down before 9 s is the pause's
            assertEquals(0, peerDownsOfB(unseen.resolve(peer)), "unseen: " + peer);
            assertEquals(1, peerDownsOfB(seen.resolve(peer)), "seen: " + peer);
        }
    }

    /**
     * Windows in fractions of a second: b paused from 2.25 s to 5.5 s is timed out by its peers at 2.25 + 1.5 s (the
     * default timeout), 3.75 s after the origin. Before, "b@2.25s..5.5s" was refused as not ID@FROM..TO.
     */
    @Test
    void pauseWindowsTakeFractionsOfASecond() throws Exception {
        assertEquals(0, run("--seed", "1", "--no-analyze", "--pause", "b@2.25s..5.5s"));
        Path log = batches().get(0).resolve("run-1").resolve("a.log");
        List<Long> downs = EventLogReader.readAll(log).stream().filter(e -> e instanceof Event.PeerDown d
                && d.peer().equals("b")).map(e -> e.wallMicros() - SimOptions.DEFAULT_ORIGIN_MICROS).toList();
        assertEquals(3_750_000L, downs.get(0), "a's peer_down b, in µs from the origin: " + downs);
    }

    /**
     * Neighbours paused together: no departure to warn of. a paused 3-9 s is timed out at 4.5 s (the default 1.5 s)
     * while b is paused too (4-12 s). The real cluster was thought to keep such a link until an end ran and decide it
     * then, and the 2026-12-05 build said so after the fingerprint ("note: run 1: a heartbeat time-out took down the
     * link a-b while both ends were paused; ..."). Measured, a real machine that runs again after a pause longer than
     * the timeout closes every connection at once (its overdue heartbeat checks run before it reads what waited:
     * "nothing arrived from machine_2 for 1819 ms", 6 of 6 runs, scripts/pauses-real-vs-sim.sh), as the simulator
     * does: a logs b down as it runs again, b logs a down as it does, and they connect anew then.
     */
    @Test
    void neighboursPausedTogetherLoseTheirLinkAtTheFirstResumeWithoutANote() throws Exception {
        assertEquals(0, run("--seed", "4", "--no-analyze", "--graph", "none", "--duration", "15s",
                "--pause", "a@3s..9s", "--pause", "b@4s..12s"));
        assertFalse(out.toString().contains("note: run 1: a heartbeat time-out"), out.toString());
        Path dir = batches().get(0).resolve("run-1");
        assertEquals(List.of("peer_down b 9000000", "peer_up b 12000000"), linkLines(dir.resolve("a.log"), "b"));
        assertEquals(List.of("peer_down a 12000000", "peer_up a 12000000"), linkLines(dir.resolve("b.log"), "a"));
    }

    /** {@code log}'s peer_down and peer_up lines for {@code peer} after the start and before 14 s, in µs. */
    private static List<String> linkLines(Path log, String peer) throws Exception {
        return EventLogReader.readAll(log).stream()
                .filter(e -> e instanceof Event.PeerDown d && d.peer().equals(peer)
                        || e instanceof Event.PeerUp u && u.peer().equals(peer))
                .map(e -> (e instanceof Event.PeerDown ? "peer_down " : "peer_up ") + peer + " "
                        + (e.wallMicros() - SimOptions.DEFAULT_ORIGIN_MICROS))
                .filter(l -> !l.endsWith(" 0") && Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)) < 14_000_000)
                .toList();
    }

    private static long peerDownsOfB(Path log) throws Exception {
        return EventLogReader.readAll(log).stream().filter(e -> e instanceof Event.PeerDown d && d.peer().equals("b")
                && e.wallMicros() < SimOptions.DEFAULT_ORIGIN_MICROS + 9_000_000).count();
    }

    /**
     * The log format carries a vector clock on every tick event, so full logs without one could not be read by
     * vm analyze (before: a run of three machines with --clocks lamport ended in "missing \"vector\"", exit 2).
     * Asked for, they are refused; by default such a run keeps statistics only, and says so.
     */
    @Test
    void withoutVectorClocksThereAreNoFullLogs() throws Exception {
        assertEquals(2, run("--log", "full", "--clocks", "lamport,hlc"));
        assertEquals("error: --log: full logs carry a vector clock on every event (the real cluster's format, which vm"
                + " analyze reads), and --clocks \"lamport,hlc\" keeps none: add vector to --clocks, or give --log none\n",
                err.toString());
        assertEquals(0, run("--seed", "1", "--duration", "3s", "--clocks", "lamport"));
        assertTrue(out.toString().contains("logs: none, statistics only (full logs carry a vector clock on every event,"
                + " and --clocks keeps none)"), out.toString());
        assertTrue(out.toString().contains("check clocks increase                ok"), out.toString());
        try (Stream<Path> files = Files.list(batches().get(0).resolve("run-1"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".log")), "no log files");
        }
    }
}
