package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clockscope.testing.Chromium;
import dev.clockscope.web.LiveHub;
import dev.clockscope.web.LiveServer;
import dev.clockscope.web.RunDescription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page keeps every event's vector clock: 200,000 events of a 1,000-machine run would be 200 million numbers.
 * It keeps fewer events when their vectors are long (store.js, MAX_VECTOR_ENTRIES), and all 200,000 of a small run.
 */
class LivePageBoundsIT {
    @TempDir
    Path dir;

    @Test
    void thePageKeepsFewerEventsWhenTheirVectorsAreLong() throws Exception {
        Path chromium = Chromium.find();
        assumeTrue(chromium != null, "chromium not installed: live view browser test skipped");
        LiveHub hub = new LiveHub();
        hub.describeRun(new RunDescription("bounds", "finished", List.of(), false));
        try (LiveServer server = LiveServer.start(hub, null, "127.0.0.1", 0);
             Chromium browser = Chromium.start(chromium, dir, 800, 600)) {
            browser.navigate(server.url().toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.eval("!!window.__clockscope").asBoolean());
            long kept = browser.eval("window.__clockscope.synthetic(25000, 1000)").asLong();
            assertTrue(kept <= 20_000 && kept >= 15_000,
                    "25,000 events of 1,000 machines: at most 20 million vector entries, i.e. 20,000 events; kept " + kept);
            assertEquals(30_000, browser.eval("window.__clockscope.synthetic(30000, 3)").asLong(),
                    "a 3-machine run keeps every event up to 200,000");
        }
    }
}
