package dev.clockscope.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A screenshot of the live page once it holds events, for the docs (scripts/screenshot-live.sh): Chromium's
 * own --screenshot does not wait for the WebSocket's frames, and under a busy page its virtual time never
 * runs out. Usage: {@code PageShot URL OUT.png [EVENTS [SECONDS [SETTLE]]]}: waits until the page holds EVENTS
 * events (default 1,000), at most SECONDS (default 120), then SETTLE seconds more (default 1.5) for the run to
 * fill the page.
 */
public final class PageShot {
    private PageShot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: PageShot URL OUT.png [EVENTS [SECONDS [SETTLE]]]");
        }
        Path executable = Chromium.find();
        if (executable == null) {
            throw new IllegalStateException("chromium not found (Debian: apt-get install chromium)");
        }
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        long deadline = System.nanoTime() + (args.length > 3 ? Long.parseLong(args[3]) : 120) * 1_000_000_000L;
        Path dir = Files.createTempDirectory("pageshot");
        try (Chromium browser = Chromium.start(executable, dir, 1400, 1000)) {
            browser.navigate(args[0]);
            while (System.nanoTime() < deadline && browser.eval(
                    "window.__clockscope ? window.__clockscope.eventCount() : 0").asInt() < events) {
                Thread.sleep(200); // a tool, not a test: polling the page until it has drawn enough
            }
            // the run goes on meanwhile: the shot shows what it looks like after SETTLE more seconds
            Thread.sleep(args.length > 4 ? (long) (Double.parseDouble(args[4]) * 1000) : 1500);
            browser.screenshot(Path.of(args[1]));
        }
        System.out.println(args[1]);
    }
}
