package dev.clockscope.testing;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A screenshot of the live page once it holds a stretch of the run, for the docs (scripts/screenshot-live.sh):
 * Chromium's own --screenshot does not wait for the WebSocket's frames, and under a busy page its virtual time
 * never runs out. Usage: {@code PageShot URL OUT.png [SECONDS [TIMEOUT]]}: waits until the page's events span
 * SECONDS of the run (default 5), at most TIMEOUT seconds (default 120).
 */
public final class PageShot {
    private static final String SPAN = "window.__clockscope ? window.__clockscope.spanSeconds() : 0";

    private PageShot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: PageShot URL OUT.png [SECONDS [TIMEOUT]]");
        }
        Path executable = Chromium.find();
        if (executable == null) {
            throw new IllegalStateException("chromium not found (Debian: apt-get install chromium)");
        }
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        Duration timeout = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 120);
        Path dir = Files.createTempDirectory("pageshot");
        try (Chromium browser = Chromium.start(executable, dir, 1400, 1000)) {
            browser.navigate(args[0]);
            await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .until(() -> browser.eval(SPAN).asDouble() >= seconds);
            // and half a second more of the run, so the side views (redrawn 10 times a second) show it too
            await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> browser.eval(SPAN).asDouble() >= seconds + 0.5);
            browser.screenshot(Path.of(args[1]));
        }
        System.out.println(args[1]);
    }
}
