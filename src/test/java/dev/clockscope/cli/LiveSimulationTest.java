package dev.clockscope.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clockscope.web.LiveHub;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The live simulation's hub keeps its events' vector clocks: with 1,000 machines each is 8 KB, and the default
 * ring of 131,072 events would hold 1 GiB. The ring a page is told of ({@code ringEvents}) is bounded by the
 * vectors' total size.
 */
class LiveSimulationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRingHoldsFewerEventsWhenTheirVectorsAreLong() throws Exception {
        assertEquals(LiveHub.DEFAULT_RING_EVENTS, ringEventsOf(3), "3 machines: the default ring");
        long ring = ringEventsOf(1_000);
        assertTrue(ring * 1_000 <= LiveHub.RING_VECTOR_ENTRIES, "1,000 machines: " + ring + " events of 1,000 entries");
        assertTrue(ring >= 4096, "still a useful window: " + ring);
        long frame = frameOf(1_000).get("eventsPerFrame").asLong();
        assertTrue(frame * 1_000 <= 1_000_000, "a frame of at most a million vector entries (~2 MB of JSON), not "
                + frame + " events of 1,000 entries every 100 ms");
        assertEquals(8192, frameOf(3).get("eventsPerFrame").asLong(), "3 machines: frames as before");
        assertEquals(LiveHub.DEFAULT_RING_EVENTS, ringEventsOf(0), "no vectors: the default ring");
    }

    /** The {@code ringEvents} a page is sent by a live simulation whose vectors have {@code entries} entries. */
    private static long ringEventsOf(int entries) throws Exception {
        return frameOf(entries).get("ringEvents").asLong();
    }

    /** The {@code run} frame a page is sent by a live simulation whose vectors have {@code entries} entries. */
    private static JsonNode frameOf(int entries) throws Exception {
        StringWriter printed = new StringWriter();
        try (LiveSimulation live = LiveSimulation.start("127.0.0.1", false, 1, new int[0], entries,
                new PrintWriter(printed, true))) {
            Matcher m = Pattern.compile("http://([^/]+)/#token=(\\w+)").matcher(printed.toString());
            assertTrue(m.find(), printed.toString());
            AtomicReference<JsonNode> run = new AtomicReference<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://" + m.group(1) + "/stream?token=" + m.group(2)), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                try {
                                    JsonNode frame = JSON.readTree(text.toString());
                                    if (frame.get("type").asText().equals("run")) {
                                        run.compareAndSet(null, frame);
                                    }
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                                text.setLength(0);
                            }
                            socket.request(1);
                            return null;
                        }
                    }).get();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> run.get() != null);
            } finally {
                ws.abort();
            }
            return run.get();
        }
    }
}
