package dev.clockscope.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each page is sent: everything when it can take it, newest slices and exact totals when it cannot. */
class BroadcasterTest {
    private static final List<String> MACHINES = List.of("machine_1", "machine_2", "machine_3");
    private final LiveHub hub = new LiveHub(1 << 16);
    private final Broadcaster broadcaster = new Broadcaster(hub, 1000, 1000);
    private final PageClient page = new PageClient(hub, broadcaster, null);
    private long published;

    BroadcasterTest() {
        hub.describeRun(new RunDescription("t", "live", MACHINES, false));
        assertTrue(page.handshake("?token=" + PageClient.TOKEN, "http://127.0.0.1:8080").startsWith("HTTP/1.1 101"));
    }

    /** {@code n} internal events, round robin over the machines, lines and clocks counting up. */
    private void publish(int n) {
        for (int k = 0; k < n; k++) {
            long i = published++;
            int m = (int) (i % 3);
            long own = i / 3 + 1;
            long[] v = new long[3];
            v[m] = own;
            hub.publish(MACHINES.get(m), own, new Event.Internal(1_000_000 + i, own, own, VectorClock.of(v), 0));
        }
    }

    private static Optional<JsonNode> frame(List<JsonNode> frames, String type) {
        return frames.stream().filter(f -> f.get("type").asText().equals(type)).findFirst();
    }

    @Test
    void aFinishedRunIsSentInOrderAFramePerTickHoweverFastItWasRead() throws Exception {
        hub.describeRun(new RunDescription("t", "finished", MACHINES, false));
        publish(2500);
        broadcaster.tick();
        JsonNode first = frame(page.frames(), "events").orElseThrow();
        assertEquals(0, first.get("first").asLong());
        assertEquals(1000, first.get("events").size());
        assertEquals(0, first.get("skipped").asLong());
        broadcaster.tick();
        broadcaster.tick();
        List<JsonNode> frames = page.frames();
        JsonNode last = frames.stream().filter(f -> f.get("type").asText().equals("events")).reduce((a, b) -> b).orElseThrow();
        assertEquals(2000, last.get("first").asLong(), "the third tick sends events 2000..2499");
        assertEquals(500, last.get("events").size());
        assertEquals(0, frame(frames, "stats").orElseThrow().get("skipped").asLong(), "nothing held back");
    }

    @Test
    void underAFloodThePageGetsTheNewestSliceAndExactTotals() throws Exception {
        broadcaster.tick();
        page.frames();
        publish(200_000); // far more than a frame, and than the ring (65,536)
        broadcaster.tick();
        List<JsonNode> frames = page.frames();
        JsonNode events = frame(frames, "events").orElseThrow();
        assertEquals(200_000 - 1000, events.get("first").asLong(), "the newest 1000");
        assertEquals(1000, events.get("events").size());
        JsonNode stats = frame(frames, "stats").orElseThrow();
        assertEquals(200_000, stats.get("published").asLong(), "totals count every event");
        assertEquals(199_000, stats.get("skipped").asLong());
        long perMachine = 0;
        for (JsonNode m : stats.get("machines")) {
            perMachine += m.get("i").asLong();
        }
        assertEquals(200_000, perMachine, "internal events per machine add up");
        assertEquals(66_667, stats.get("machines").get(0).get("l").asLong(), "machine_1's latest clock: events 0, 3, ..., 199,998");
    }

    @Test
    void aSlowPageIsNotWrittenToAtAllAndCatchesUpWithTheNewest() throws Exception {
        broadcaster.tick();
        page.frames();
        // the page stops reading: its channel is over Netty's high-water mark
        page.server.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        for (int round = 0; round < 10; round++) {
            publish(20_000);
            broadcaster.tick();
        }
        assertEquals(0, page.pendingOutboundBytes(), "bounded memory: nothing queued for a page that cannot take it");
        assertEquals(10, broadcaster.client(page.server).slowTicks);
        page.server.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        publish(20_000);
        broadcaster.tick();
        List<JsonNode> frames = page.frames();
        JsonNode events = frame(frames, "events").orElseThrow();
        assertEquals(1000, events.get("events").size());
        assertEquals(220_000 - 1000, events.get("first").asLong());
        assertEquals(220_000, frame(frames, "stats").orElseThrow().get("published").asLong());
    }

    @Test
    void aNewRunResetsThePage() throws Exception {
        publish(10);
        broadcaster.tick();
        page.frames();
        hub.describeRun(new RunDescription("run 2", "live", MACHINES, true));
        publish(5);
        broadcaster.tick();
        List<JsonNode> frames = page.frames();
        JsonNode run = frame(frames, "run").orElseThrow();
        assertEquals("run 2", run.get("title").asText());
        JsonNode events = frame(frames, "events").orElseThrow();
        assertEquals(0, events.get("first").asLong(), "the new run's events from its start");
        assertEquals(5, events.get("events").size());
    }

    @Test
    void sixtyFourBitValuesReachThePageExactly() throws Exception {
        long seed = -6605365929457623502L;
        hub.publish("machine_1", 1, new Event.Start(1, "machine_1", MACHINES, List.of("machine_2", "machine_3"), 4, 10,
                seed, 1_000_000, 1_000_000, "t"));
        long huge = (1L << 53) + 1; // 9007199254740993: a double would hold ...992
        hub.publish("machine_1", 2, new Event.Internal(2_000_000, 1, huge, VectorClock.of(huge, 0, 0), 0));
        broadcaster.tick();
        String text = frame(page.frames(), "events").orElseThrow().toString();
        assertTrue(text.contains("\"seed\":\"-6605365929457623502\""), text);
        assertTrue(text.contains("\"l\":\"9007199254740993\""), text);
        assertTrue(text.contains("\"v\":[\"9007199254740993\",0,0]"), text);
    }

    @Test
    void eventsWithoutVectorClocksOrWithAnHlcReachThePage() throws Exception {
        // a large simulation keeps no vector clocks (it once broke every broadcast with a NullPointerException)
        hub.publish("machine_1", 1, new Event.Internal(1_000_000, 1, 1, null, 0));
        hub.publish("machine_2", 1, new Event.Internal(1_000_100, 1, 1, null, 0, 1_000_100,
                new dev.clockscope.clock.Hlc(1_795_330_815_179_501L, 2)));
        broadcaster.tick();
        JsonNode events = frame(page.frames(), "events").orElseThrow().get("events");
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).path("v").isMissingNode(), events.toString());
        assertEquals("[\"1795330815179501\",2]", events.get(1).get("h").toString());
    }

    @Test
    void warningsKeepComingAfterTheHundredth() throws Exception {
        for (int k = 1; k <= 100; k++) {
            hub.warn("warning " + k);
        }
        broadcaster.tick();
        JsonNode first = frame(page.frames(), "warnings").orElseThrow();
        assertEquals(100, first.get("messages").size());
        hub.warn("warning 101");
        broadcaster.tick();
        JsonNode next = frame(page.frames(), "warnings").orElseThrow(() -> new AssertionError("the 101st never reached the page"));
        assertEquals("warning 101", next.get("messages").get(99).asText());
        assertEquals("warning 2", next.get("messages").get(0).asText(), "the newest 100");
        broadcaster.tick();
        assertTrue(frame(page.frames(), "warnings").isEmpty(), "sent once");
    }
}
