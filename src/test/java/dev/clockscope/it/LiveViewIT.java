package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clockscope.testing.Chromium;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.StartedProcesses;
import dev.clockscope.testing.VmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live view in a real browser (headless Chromium over the DevTools protocol), one browser for both
 * tests: {@code vm view} over the hand-computed known-answer run, and {@code vm cluster --live} during a
 * real three-machine run, whose page is clicked and whose pause control stops a real process.
 */
class LiveViewIT {
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/#token=[0-9a-f]{32})");
    private static Chromium browser;

    @TempDir
    static Path browserDir;
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    @BeforeAll
    static void startBrowser() throws Exception {
        Path chromium = Chromium.find();
        assumeTrue(chromium != null, "chromium not installed (apt-get install chromium): live view browser test skipped");
        browser = Chromium.start(chromium, browserDir, 1400, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String awaitUrl(VmProcess p) {
        String[] url = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Matcher m = URL.matcher(p.out());
            if (m.find()) {
                url[0] = m.group(1);
                return true;
            }
            assertTrue(p.process.isAlive(), () -> "exited early: " + read(p));
            return false;
        });
        return url[0];
    }

    private static String read(VmProcess p) {
        try {
            return p.out() + p.err();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static JsonNode js(String expression) throws Exception {
        return browser.eval(expression);
    }

    /**
     * Clicks the event's mark until it is the selection: the view may still fit itself to newly arrived events between
     * reading the mark's position and the click, which then lands beside it.
     */
    private static void clickEvent(String machine, long line) {
        String id = machine + ":" + line;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode pos = js("window.__clockscope.position('" + machine + "', " + line + ")");
            assertTrue(pos.has("x"), id + " is not on the page");
            browser.click(pos.get("x").asDouble(), pos.get("y").asDouble());
            String selected = js("window.__clockscope.selection()?.event ?? ''").asText();
            assertTrue(selected.equals(id) || selected.startsWith(id + "@"), "the click selected '" + selected + "'");
        });
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * The known-answer run (analysis.KnownAnswerTest has the whole working). Lines of each log: a.log 1 start,
     * 2 connected, 3 send M1 [1,0,0], 4 internal [2,0,0], 5 send M2 [3,0,0], 6 receive M3 [4,2,0], 7 send M4
     * [5,2,0], 8 stop; b.log 3 receive M1 [1,1,0], 4 send M3 [1,2,0], 5 receive M2 [3,3,0]; c.log 3 internal
     * [0,0,1], 4 internal [0,0,2], 5 receive M4 [5,2,3], 6 receive M3 [5,2,4], 7 stop.
     * <p>
     * Chosen event: c:5, c's receive of M4 at 4.2 s, V = [5,2,3]. Its causal past, by hand, through messages:
     * M4 was sent by a's 5th event (a:7), so a's whole history a:3..a:7 precedes it; a:6 received M3, sent by
     * b:4, which follows b:3: so b:3 and b:4; c's own earlier events c:3, c:4. b:5 (receive of M2, sent by a:5)
     * reaches c by no message: concurrent. c:6 follows c:5 on c: its future. Nine past, one future, one
     * concurrent (lifecycle lines have no clock and are in none of the three sets).
     * <p>
     * The longest causal chain to c:5 (L6 = max(c:4's 2, M4's 5) + 1: the message won) goes back to a:7 (L5), a:6
     * (L4 = max(a:5's 3, M3's 3) + 1: a tie, which stays on a), a:5, a:4, a:3: six events, one message.
     */
    @Test
    void theExplorerShowsTheHandComputedCausalPastOfAnEvent() throws Exception {
        VmProcess view = processes.add(VmProcess.start(dir, "view", "view",
                Path.of("src/test/resources/analysis/known-answer").toAbsolutePath().toString()));
        browser.navigate(awaitUrl(view));
        await().atMost(Duration.ofSeconds(10)).until(() -> js("window.__clockscope ? window.__clockscope.eventCount() : 0").asInt() == 21);
        clickEvent("c", 5);
        JsonNode sel = js("window.__clockscope.selection()");
        assertEquals("c:5", sel.path("event").asText(), sel.toString());
        assertEquals(List.of("a:3", "a:4", "a:5", "a:6", "a:7", "b:3", "b:4", "c:3", "c:4"), strings(sel.get("past")));
        assertEquals(List.of("c:6"), strings(sel.get("future")));
        assertEquals(List.of("b:5"), strings(sel.get("concurrent")));
        assertEquals(List.of("a:3", "a:4", "a:5", "a:6", "a:7", "c:5"), strings(sel.get("chain")));
        String details = sel.get("details").asText();
        assertTrue(details.contains("[a: 5, b: 2, c: 3]"), details);
        assertTrue(details.contains("from a, seq 3"), details);
        assertTrue(details.contains("9 in its causal past, 1 in its future, 1 concurrent"), details);
        assertTrue(details.contains("Longest causal chain to it on this page: 6 events across 2 machine(s), 1 message(s)"),
                details);
        // a finished run's view has no controls: a control is refused with one line, and nothing breaks
        js("window.__clockscope.sendControl({action: 'pause', machine: 'a'})");
        await().atMost(Duration.ofSeconds(5)).until(() -> js("JSON.stringify(window.__clockscope.lastMessage())").asText().contains("has none"));
        assertEquals(21, js("window.__clockscope.eventCount()").asInt());
    }

    @Test
    void theLivePageFollowsARealClusterAndPausesAMachine() throws Exception {
        Ports.writeConfig(dir.resolve("config.json"), 3, "");
        VmProcess runner = processes.add(VmProcess.start(dir, "runner", "cluster", "--live", "--duration", "2m",
                "--rates", "10,10,10", "--seed", "-6605365929457623502", "--output-dir", "out", "--no-analyze", "--plain"));
        String url = awaitUrl(runner);
        browser.navigate(url);
        await().atMost(Duration.ofSeconds(20)).until(() -> js("window.__clockscope ? window.__clockscope.eventCount() : 0").asInt() > 30);
        int early = js("window.__clockscope.eventCount()").asInt();
        await().atMost(Duration.ofSeconds(10)).until(() -> js("window.__clockscope.eventCount()").asInt() > early + 20);
        Path run = runDir();

        // a known event: machine_1's first send; the page shows the vector clock its log line holds
        long sendLine = js("window.__clockscope.lines('machine_1', 'send')[0]").asLong();
        String logged = Files.readAllLines(run.resolve("machine_1.log")).get((int) sendLine - 1);
        Matcher v = Pattern.compile("\"vector\":\\{\"machine_1\":(\\d+),\"machine_2\":(\\d+),\"machine_3\":(\\d+)\\}").matcher(logged);
        assertTrue(v.find(), logged);
        clickEvent("machine_1", sendLine);
        String details = js("window.__clockscope.selection().details").asText();
        assertTrue(details.contains("[machine_1: " + v.group(1) + ", machine_2: " + v.group(2) + ", machine_3: " + v.group(3) + "]"),
                details + " vs " + logged);
        // and its hybrid logical clock (a cluster keeps one by default), exactly as logged
        Matcher h = Pattern.compile("\"hlc\":\\[(\\d+),(\\d+)\\]").matcher(logged);
        assertTrue(h.find(), logged);
        assertTrue(details.contains("[" + h.group(1) + ", " + h.group(2) + "]"), details + " vs " + logged);
        // the 64-bit seed, exactly (JSON.parse would have rounded it to -6605365929457623000)
        clickEvent("machine_1", 1);
        assertTrue(js("window.__clockscope.selection().details").asText().contains("-6605365929457623502"));

        // pause machine_2 with the page's button for as long as machine_1 takes 15 ticks, then resume
        // a loaded host may have made machine_2 log a stall of its own before the pause: count from here
        int stallsBefore = js("window.__clockscope.lines('machine_2', 'stall').length").asInt();
        clickButton("pause", "machine_2");
        await().atMost(Duration.ofSeconds(5)).until(() -> js("JSON.stringify(window.__clockscope.lastMessage())").asText().contains("paused machine_2"));
        // counted in machine_1's log, which grows in real time: the page may receive a backlog of lines at once
        long ticksAtPause = Files.readAllLines(run.resolve("machine_1.log")).size();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(run.resolve("machine_1.log")).size() > ticksAtPause + 15);
        clickButton("resume", "machine_2");
        await().atMost(Duration.ofSeconds(15)).until(() -> js("window.__clockscope.lines('machine_2', 'stall').length").asInt() > stallsBefore);
        // the stall line comes before machine_2's first tick after the pause: the gap shows once that tick is on the page
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            double gapMillis = js("window.__clockscope.gapMillis('machine_2')").asDouble();
            assertTrue(gapMillis >= 1000, "the pause shows as a gap on the page: " + gapMillis + " ms");
        });
        // the resume's answer may reach the page after the stall line does (a loaded host)
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            String marks = js("JSON.stringify(window.__clockscope.marks())").asText();
            return marks.contains("\"machine\":\"machine_2\",\"action\":\"pause\"") && marks.contains("\"action\":\"resume\"");
        });

        // cut machine_1's link to machine_2 from the page: machine_1 logs a partition and refuses its sends to
        // machine_2; heal ends it (the control reaches the real process through its stdin)
        clickLink("cut", "machine_1", "machine_2");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(run.resolve("machine_1.log"))
                .contains("\"event\":\"partition\",\"wallMicros\":") && Files.readString(run.resolve("machine_1.log"))
                .contains("\"peer\":\"machine_2\",\"state\":\"start\""));
        clickLink("heal", "machine_1", "machine_2");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(run.resolve("machine_1.log"))
                .contains("\"peer\":\"machine_2\",\"state\":\"end\""));

        // kill machine_3: its peers log peer_down; restart it: a new life, its old log moved to previous/
        clickButton("kill", "machine_3");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(run.resolve("machine_1.log"))
                .contains("\"event\":\"peer_down\"") && js("window.__clockscope.lines('machine_1', 'peer_down').length").asInt() >= 1);
        clickButton("restart", "machine_3");
        await().atMost(Duration.ofSeconds(10)).until(() -> js("JSON.stringify(window.__clockscope.lastMessage())").asText().contains("restarted machine_3"));
        await().atMost(Duration.ofSeconds(20)).until(() -> js("window.__clockscope.lines('machine_3', 'start').length").asInt() == 2
                && js("window.__clockscope.lines('machine_1', 'peer_up').length").asInt() >= 3);
        try (Stream<Path> previous = Files.list(run.resolve("previous"))) {
            assertEquals(1, previous.filter(p -> p.getFileName().toString().startsWith("machine_3-")).count());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            String marks = js("JSON.stringify(window.__clockscope.marks())").asText();
            return marks.contains("\"action\":\"kill\"") && marks.contains("\"action\":\"restart\"");
        });

        // both lives of machine_3 have a line 1 (the new log starts again): since the restart the page names an
        // event by its line and its life's incarnation, as the two logs' start lines hold them
        String firstLife;
        try (Stream<Path> previous = Files.list(run.resolve("previous"))) {
            firstLife = incarnation(previous.filter(p -> p.getFileName().toString().startsWith("machine_3-")).findFirst().orElseThrow());
        }
        String secondLife = incarnation(run.resolve("machine_3.log"));
        assertEquals("machine_3:1@" + secondLife, js("window.__clockscope.select('machine_3:1')").asText(),
                "a line without a life names the machine's current log, its latest life");
        assertEquals("machine_3:1@" + firstLife, js("window.__clockscope.select('machine_3:1@" + firstLife + "')").asText());
        assertTrue(js("window.__clockscope.selection().details").asText().contains(firstLife));
        // a link to the first life's start line, opened in a fresh page, selects that line
        browser.navigate("about:blank");
        browser.navigate(url + "&select=machine_3:1@" + firstLife);
        await().atMost(Duration.ofSeconds(20)).until(() -> js("window.__clockscope && window.__clockscope.selection() ? "
                + "window.__clockscope.selection().event : ''").asText().equals("machine_3:1@" + firstLife));
        String reopened = js("window.__clockscope.selection().details").asText();
        assertTrue(reopened.contains("incarnation\t" + firstLife) || reopened.contains("incarnation " + firstLife), reopened);
    }

    /** The incarnation of the life whose log this is, from its start line (line 1). */
    private static String incarnation(Path log) throws Exception {
        String start = Files.readAllLines(log).get(0);
        Matcher m = Pattern.compile("\"incarnation\":(-?\\d+)").matcher(start);
        assertTrue(m.find(), start);
        return m.group(1);
    }

    /**
     * {@code vm simulate --live}: the simulation is paced (2 virtual seconds a second), the page follows it, and
     * its pause and resume buttons act on the simulated machine: the simulation logs the missed ticks as one
     * {@code stall}, as a real process's SIGSTOP would.
     */
    @Test
    void theLivePageFollowsASimulationAndItsControlsActOnIt() throws Exception {
        Path config = dir.resolve("config.json");
        Ports.writeConfig(config, 3, "\"ticksPerSecond\": \"5..8\"");
        VmProcess sim = processes.add(VmProcess.start(dir, "simulate", "simulate", "--config", config.toString(),
                "--output-dir", dir.resolve("out").toString(), "--live", "--speed", "2", "--duration", "16s", "--seed", "5",
                "--no-analyze", "--plain"));
        browser.navigate(awaitUrl(sim));
        await().atMost(Duration.ofSeconds(20)).until(() -> js("window.__clockscope ? window.__clockscope.eventCount() : 0").asInt() > 20);
        int before = js("window.__clockscope.eventCount()").asInt();
        await().atMost(Duration.ofSeconds(10)).until(() -> js("window.__clockscope.eventCount()").asInt() > before + 10);

        // a loaded host may have made machine_2 log a stall of its own before the pause: count from here
        int stallsBefore = js("window.__clockscope.lines('machine_2', 'stall').length").asInt();
        clickButton("pause", "machine_2");
        await().atMost(Duration.ofSeconds(5)).until(() -> js("JSON.stringify(window.__clockscope.lastMessage())").asText()
                .contains("pause machine_2"));
        int ticksAtPause = js("window.__clockscope.lines('machine_1', '').length").asInt();
        await().atMost(Duration.ofSeconds(10)).until(() -> js("window.__clockscope.lines('machine_1', '').length").asInt() > ticksAtPause + 12);
        clickButton("resume", "machine_2");
        await().atMost(Duration.ofSeconds(10)).until(() -> js("window.__clockscope.lines('machine_2', 'stall').length").asInt() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> !sim.process.isAlive());
        assertEquals(0, sim.process.exitValue(), read(sim));
        Path log;
        try (Stream<Path> found = Files.walk(dir.resolve("out"))) {
            log = found.filter(p -> p.getFileName().toString().equals("machine_2.log")).findFirst().orElseThrow();
        }
        assertTrue(Files.readString(log).contains("\"event\":\"stall\""), "the simulated machine logged the pause");
    }

    private static void clickButton(String action, String machine) throws Exception {
        JsonNode r = js("(() => { const b = document.querySelector('button[data-action=" + action + "][data-machine=" + machine
                + "]'); b.scrollIntoView(); const r = b.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        browser.click(r.get("x").asDouble(), r.get("y").asDouble());
    }

    private static void clickLink(String action, String from, String to) throws Exception {
        // the selects' values are machine indices; pick the options that show the ids
        js("(() => { for (const [id, v] of [['l-from', '" + from + "'], ['l-to', '" + to + "']]) { const s = document"
                + ".getElementById(id); s.value = [...s.options].find(o => o.textContent === v).value;"
                + " s.dispatchEvent(new Event('change')); } return 0; })()");
        JsonNode r = js("(() => { const b = document.querySelector('button[data-link=" + action + "]'); b.scrollIntoView();"
                + " const r = b.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        browser.click(r.get("x").asDouble(), r.get("y").asDouble());
    }

    private Path runDir() throws Exception {
        Path[] found = new Path[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (!Files.isDirectory(dir.resolve("out"))) {
                return false;
            }
            try (Stream<Path> batches = Files.list(dir.resolve("out"))) {
                found[0] = batches.findFirst().map(b -> b.resolve("run-1")).orElse(null);
            }
            return found[0] != null && Files.exists(found[0].resolve("machine_1.log"));
        });
        return found[0];
    }
}
