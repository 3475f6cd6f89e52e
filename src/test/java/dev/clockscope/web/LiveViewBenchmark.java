package dev.clockscope.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clockscope.testing.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live view's speed, measured, never asserted (scripts/bench-live.sh): (1) frame times of the page with
 * 100,000 events in view while it pans and zooms, from requestAnimationFrame in headless Chromium; (2) an
 * unthrottled 3-machine {@code vm cluster --live}: the events the server took from the logs against the
 * lines the machines wrote, what the page was sent, and the page's frame times meanwhile. Prints a table
 * and writes JSON. usage: LiveViewBenchmark JAR WORKDIR OUT.json [SECONDS]
 */
public final class LiveViewBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/#token=[0-9a-f]{32})");

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Files.createDirectories(work);
        ObjectNode result = JSON.createObjectNode();
        result.put("cores", Runtime.getRuntime().availableProcessors());
        try (Chromium browser = Chromium.start(Chromium.find(), work, 1400, 1000)) {
            frames(browser, result);
            flood(browser, jar, work, seconds, result);
        }
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
        System.out.println("wrote " + out);
    }

    private static void frames(Chromium browser, ObjectNode result) throws Exception {
        LiveHub hub = new LiveHub();
        hub.describeRun(new RunDescription("bench", "finished", List.of(), false));
        try (LiveServer server = LiveServer.start(hub, null, "127.0.0.1", 0)) {
            browser.navigate(server.url().toString());
            waitFor(browser, "!!window.__clockscope");
            for (int n : new int[] {10_000, 100_000}) {
                browser.eval("window.__clockscope.synthetic(" + n + ", 3)");
                browser.eval("window.__clockscope.measure(60)"); // warm-up
                JsonNode m = browser.eval("window.__clockscope.measure(300)");
                result.set("frames" + n, m);
                System.out.printf("%,9d events in view: %s frames, frame p50 %.1f ms p95 %.1f ms max %.1f ms (%.0f fps), draw p50 %.1f ms p95 %.1f ms, density lanes %d%n",
                        n, m.get("frames").asText(), m.get("frameMsP50").asDouble(), m.get("frameMsP95").asDouble(),
                        m.get("frameMsMax").asDouble(), m.get("fps").asDouble(), m.get("drawMsP50").asDouble(),
                        m.get("drawMsP95").asDouble(), m.get("lodLanes").asInt());
            }
        }
    }

    private static void flood(Chromium browser, Path jar, Path work, int seconds, ObjectNode result) throws Exception {
        Path dir = Files.createTempDirectory(work, "flood");
        Files.writeString(dir.resolve("config.json"), "{\"machines\": [{\"id\": \"machine_1\", \"host\": \"127.0.0.1\", \"port\": 18310},"
                + "{\"id\": \"machine_2\", \"host\": \"127.0.0.1\", \"port\": 18311},{\"id\": \"machine_3\", \"host\": \"127.0.0.1\", \"port\": 18312}]}");
        Path stdout = dir.resolve("cluster.out");
        Process cluster = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "cluster", "--live", "--ticks-per-second", "max", "--duration", seconds + "s", "--no-analyze",
                "--plain", "--output-dir", "out").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(stdout.toFile()).start();
        try {
            String url = null;
            for (int i = 0; i < 300 && url == null; i++) {
                Matcher m = URL.matcher(Files.readString(stdout));
                url = m.find() ? m.group(1) : null;
                TimeUnit.MILLISECONDS.sleep(100); // polling the runner's output for its address
            }
            browser.navigate(url);
            waitFor(browser, "window.__clockscope && window.__clockscope.published() > 100000");
            List<JsonNode> samples = new ArrayList<>();
            JsonNode frames = null;
            while (cluster.isAlive()) {
                JsonNode s = browser.eval("({published: window.__clockscope.published(), page: window.__clockscope.eventCount(),"
                        + " at: performance.now()})");
                samples.add(s);
                if (frames == null) {
                    frames = browser.eval("window.__clockscope.measure(120)"); // while the flood goes on
                }
                TimeUnit.MILLISECONDS.sleep(500); // a sampling interval of the benchmark
            }
            long lines = 0;
            try (var runs = Files.walk(dir.resolve("out"))) {
                for (Path log : runs.filter(p -> p.toString().endsWith(".log")).toList()) {
                    try (var l = Files.lines(log)) {
                        lines += l.count();
                    }
                }
            }
            JsonNode last = samples.get(samples.size() - 1);
            long published = last.get("published").asLong();
            double peakRate = 0;
            for (int i = 1; i < samples.size(); i++) {
                double dt = (samples.get(i).get("at").asDouble() - samples.get(i - 1).get("at").asDouble()) / 1000;
                peakRate = Math.max(peakRate, (samples.get(i).get("published").asLong() - samples.get(i - 1).get("published").asLong()) / dt);
            }
            int maxPage = samples.stream().mapToInt(s -> s.get("page").asInt()).max().orElse(0);
            ObjectNode f = result.putObject("unthrottledCluster");
            f.put("logLines", lines);
            f.put("eventsTakenByServer", published);
            f.put("peakEventsPerSecondTaken", Math.round(peakRate));
            f.put("maxEventsOnPage", maxPage);
            f.set("framesDuringFlood", frames);
            System.out.printf("unthrottled cluster: %,d log lines, server took %,d (%.1f %%), peak %,.0f events/s; page held at most %,d events;"
                            + " frames during the flood p50 %.1f ms p95 %.1f ms (%.0f fps)%n", lines, published, 100.0 * published / lines,
                    peakRate, maxPage, frames.get("frameMsP50").asDouble(), frames.get("frameMsP95").asDouble(), frames.get("fps").asDouble());
        } finally {
            cluster.destroy();
            cluster.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static void waitFor(Chromium browser, String condition) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (browser.eval("(" + condition + ") ? true : false").asBoolean()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling the page
        }
        throw new IllegalStateException("page never reached: " + condition);
    }
}
