package dev.clockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clockscope.analysis.RunAnalyzer;
import dev.clockscope.analysis.RunInput;
import dev.clockscope.analysis.RunResult;
import dev.clockscope.testing.SimulatedRun;
import dev.clockscope.analysis.WindowSpec;
import dev.clockscope.analysis.report.HtmlReport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens reports in headless Chromium (Debian's {@code chromium}) and checks what the browser built:
 * every chart is an SVG with drawn elements, and no script error or console error occurred.
 */
class ReportBrowserIT {
    private static Path chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(p, name);
                if (Files.isExecutable(candidate)) {
                    chromium = candidate;
                    return;
                }
            }
        }
    }

    private record Page(String dom, String log) {
    }

    private Page open(Path report) throws Exception {
        assumeTrue(chromium != null, "chromium not installed (apt-get install chromium): browser test skipped");
        Path profile = Files.createTempDirectory(dir, "profile");
        Path log = dir.resolve("chromium-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--window-size=1200,1000",
                "--dump-dom", report.toUri().toString())
                .redirectError(log.toFile())
                .start();
        String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
        return new Page(dom, Files.readString(log));
    }

    private static void assertRendered(Page page, int expectedCharts) {
        assertTrue(page.dom().contains("data-js-errors=\"0\""), "script errors: " + attr(page.dom(), "data-js-errors"));
        assertEquals(String.valueOf(expectedCharts), attr(page.dom(), "data-charts"), "charts the page's script counted");
        // at 1,200 px every table fits its card (it used to be cut off at "receive-ju..."); wider ones would scroll
        assertEquals("0", attr(page.dom(), "data-wide-tables"), "tables wider than their card at 1,200 px");
        for (String line : page.log().lines().toList()) {
            assertTrue(!(line.contains("CONSOLE") && (line.contains("ERROR") || line.contains("Uncaught"))),
                    "console error: " + line);
            assertTrue(!line.contains("Uncaught"), "console error: " + line);
        }
        Matcher figures = Pattern.compile("<figure id=\"([^\"]+)\"[^>]*>(.*?)</figure>", Pattern.DOTALL).matcher(page.dom());
        int seen = 0;
        while (figures.find()) {
            seen++;
            String svg = figures.group(2);
            assertTrue(svg.startsWith("<svg"), figures.group(1) + " is not an SVG");
            int drawn = count(svg, "<polyline") + count(svg, "<circle") + count(svg, "<rect") + count(svg, "<line");
            assertTrue(drawn > 10, figures.group(1) + " has only " + drawn + " drawn elements");
        }
        assertEquals(expectedCharts, seen);
    }

    private static String attr(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : "(missing)";
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static RunResult analyze(Path run) throws Exception {
        return new RunAnalyzer(RunInput.open(run), WindowSpec.DEFAULT, List.of()).analyze();
    }

    @Test
    void aThreeMachineReportRendersEveryChart() throws Exception {
        Path run = dir.resolve("three");
        new SimulatedRun(11, 1, 4, 6).write(run, 60);
        Path report = dir.resolve("three.html");
        HtmlReport.write(List.of(analyze(run)), report);
        assertRendered(open(report), 6);
    }

    @Test
    void aTenMachineReportRendersEveryChart() throws Exception {
        Path run = dir.resolve("ten");
        new SimulatedRun(12, 1, 2, 3, 4, 5, 6, 1, 2, 3, 4).die(20).write(run, 30);
        Path report = dir.resolve("ten.html");
        HtmlReport.write(List.of(analyze(run)), report);
        assertRendered(open(report), 6);
    }

    @Test
    void severalRunsAddTheOverlaidComparison() throws Exception {
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path run = dir.resolve("run" + i);
            new SimulatedRun(20 + i, 1 + i, 3, 6).write(run, 30);
            runs.add(analyze(run));
        }
        Path report = dir.resolve("runs.html");
        HtmlReport.write(runs, report);
        assertRendered(open(report), 3 * 6 + 4);
        try (Stream<String> lines = Files.lines(report)) {
            assertTrue(lines.noneMatch(l -> l.contains("http://") && !l.contains("http://www.w3.org/2000/svg")),
                    "the report must not reference the network");
        }
    }
}
