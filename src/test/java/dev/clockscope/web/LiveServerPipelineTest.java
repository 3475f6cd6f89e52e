package dev.clockscope.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The live view's real pipeline (codec, gate, WebSocket handler, stream handler) on EmbeddedChannel. */
class LiveServerPipelineTest {
    private final LiveHub hub = new LiveHub(1024);
    private final Broadcaster broadcaster = new Broadcaster(hub, 100, 100);
    private final List<ControlRequest> applied = new ArrayList<>();
    private final PageClient page = new PageClient(hub, broadcaster, r -> {
        applied.add(r);
        return "did " + r.describe();
    });

    LiveServerPipelineTest() {
        hub.describeRun(new RunDescription("t", "live", List.of("machine_1", "machine_2", "machine_3"), true));
    }

    @Test
    void servesThePageWithItsSecurityHeadersAndNothingElse() {
        String index = page.http(PageClient.get("/", ""));
        assertTrue(index.startsWith("HTTP/1.1 200 OK"), index);
        assertTrue(index.toLowerCase().contains("content-security-policy: default-src 'self'"), index);
        assertTrue(index.contains("<canvas id=\"spacetime\""), "the page itself");
        assertTrue(page.http(PageClient.get("/js/app.js", "")).contains("text/javascript"));
        assertTrue(page.http(PageClient.get("/../../etc/passwd", "")).startsWith("HTTP/1.1 404"));
    }

    @Test
    void refusesOtherMethodsAndForeignHosts() {
        assertTrue(new PageClient(hub, broadcaster, null).http("POST / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 0\r\n\r\n")
                .startsWith("HTTP/1.1 405"));
        String rebound = new PageClient(hub, broadcaster, null).http("GET / HTTP/1.1\r\nHost: evil.example:8080\r\n\r\n");
        assertTrue(rebound.startsWith("HTTP/1.1 403") && rebound.contains("Host \"evil.example:8080\" is not this server"), rebound);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no token|''|http://127.0.0.1:8080|token missing or wrong",
        "wrong token|?token=ffffffffffffffffffffffffffffffff|http://127.0.0.1:8080|token missing or wrong",
        "two tokens|?token=0123456789abcdef0123456789abcdef&token=x|http://127.0.0.1:8080|token missing or wrong",
        "foreign origin|?token=0123456789abcdef0123456789abcdef|https://evil.example|Origin \"https://evil.example\" is not this page's origin",
        "origin on another port|?token=0123456789abcdef0123456789abcdef|http://127.0.0.1:9999|is not this page's origin"})
    void refusesAStreamWithoutTheTokenOrFromAnotherOrigin(String name, String query, String origin, String why) {
        String response = page.handshake(query, origin);
        assertTrue(response.startsWith("HTTP/1.1 403"), response);
        assertTrue(response.contains(why), response);
        assertFalse(page.server.isActive(), "connection closed");
        assertEquals(0, broadcaster.clients());
    }

    @Test
    void acceptsTheTokenFromThePagesOwnOriginAndStreams() throws Exception {
        String response = page.handshake("?token=" + PageClient.TOKEN, "http://127.0.0.1:8080");
        assertTrue(response.startsWith("HTTP/1.1 101"), response);
        assertEquals(1, broadcaster.clients());
        broadcaster.tick();
        List<JsonNode> frames = page.frames();
        assertEquals("run", frames.get(0).get("type").asText());
        assertEquals("machine_2", frames.get(0).get("machines").get(1).asText());
        assertEquals("stats", frames.get(frames.size() - 1).get("type").asText());
    }

    private JsonNode control(String json) throws Exception {
        page.frames();
        page.sendText(json);
        List<JsonNode> frames = page.frames();
        assertEquals(1, frames.size(), frames.toString());
        return frames.get(0);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "not json at all|not a JSON object",
        "[1,2]|not a JSON object",
        "{'type':'control','id':3,'token':'T','action':'pause','machine':'machine_1','machine':'machine_2'}|duplicate field \"machine\"",
        "{'type':'control','id':3,'token':'T','action':'pause','machine':'machine_2'} {'action':'kill'}|more after the JSON object",
        "{'type':'control','id':3,'token':'T','action':'pause','machine':'machine_2','extra':1}|unknown field \"extra\"",
        "{'type':'ctl','id':3,'token':'T','action':'pause','machine':'machine_2'}|type: expected \"control\", got \"ctl\"",
        "{'type':'control','id':3,'action':'pause','machine':'machine_2'}|token: missing or wrong",
        "{'type':'control','id':3,'token':'nope','action':'pause','machine':'machine_2'}|token: missing or wrong",
        "{'type':'control','id':3,'token':'T','action':'explode','machine':'machine_2'}|action: \"explode\" is not one of",
        "{'type':'control','id':3,'token':'T','action':'pause'}|machine: expected a machine id, got nothing",
        "{'type':'control','id':3,'token':'T','action':'pause','machine':'machine_9'}|machine: \"machine_9\" is not a machine of this run",
        "{'type':'control','id':3,'token':'T','action':'pause','machine':7}|machine: expected a machine id, got 7",
        "{'type':'control','id':3,'token':'T','action':'pause','machine':'machine_2','to':'machine_1'}|to: not allowed with action \"pause\"",
        "{'type':'control','id':3,'token':'T','action':'cut','from':'machine_1','to':'machine_1'}|to: \"machine_1\" is the same machine as from",
        "{'type':'control','id':3,'token':'T','action':'delay','from':'machine_1','to':'machine_2'}|delayMillis: expected an integer 0..60000, got nothing",
        "{'type':'control','id':3,'token':'T','action':'delay','from':'machine_1','to':'machine_2','delayMillis':60001}|delayMillis: expected an integer 0..60000, got 60001",
        "{'type':'control','id':3,'token':'T','action':'delay','from':'machine_1','to':'machine_2','delayMillis':1.5}|delayMillis: expected an integer 0..60000, got 1.5",
        "{'type':'control','id':3,'token':'T','action':'delay','from':'machine_1','to':'machine_2','delayMillis':18446744073709551666}|delayMillis: expected an integer 0..60000, got 18446744073709551666",
        "{'type':'control','id':3,'token':'T','action':'delay','from':'machine_1','to':'machine_2','delayMillis':-18446744073709551566}|delayMillis: expected an integer 0..60000, got -18446744073709551566",
        "{'type':'control','id':3,'token':'T','action':'loss','from':'machine_1','to':'machine_2','probability':2}|probability: expected a number 0..1, got 2",
        "{'type':'control','id':3,'token':'T','action':'loss','from':'machine_1','to':'machine_2','probability':'a'}|probability: expected a number 0..1, got \"a\"",
        "{'type':'control','id':3,'token':'T','action':'cut','from':'machine_1','to':'machine_2','probability':0.5}|probability: not allowed with action \"cut\"",
        "{'type':'control','id':'x','token':'T','action':'pause','machine':'machine_2'}|id: expected an integer, got \"x\""})
    void aMalformedControlGetsOneLineNamingTheFieldAndChangesNothing(String message, String expected) throws Exception {
        assertTrue(page.handshake("?token=" + PageClient.TOKEN, "http://127.0.0.1:8080").startsWith("HTTP/1.1 101"));
        JsonNode reply = control(message.replace('\'', '"').replace("\"T\"", "\"" + PageClient.TOKEN + "\""));
        assertEquals("error", reply.get("type").asText(), reply.toString());
        String text = reply.get("message").asText();
        assertTrue(text.contains(expected), text);
        assertFalse(text.contains("\n") || text.contains(PageClient.TOKEN), "one line, never the token: " + text);
        assertTrue(applied.isEmpty(), "nothing applied");
        broadcaster.tick();
        assertTrue(page.frames().stream().noneMatch(f -> f.toString().contains("\"k\":\"mark\"")), "no mark either");
        assertTrue(page.server.isActive(), "the page stays connected");
    }

    @Test
    void anIdBeyond64BitsIsRefusedAndNotAnsweredAsAnotherId() throws Exception {
        assertTrue(page.handshake("?token=" + PageClient.TOKEN, "http://127.0.0.1:8080").startsWith("HTTP/1.1 101"));
        JsonNode reply = control("{\"type\":\"control\",\"id\":18446744073709551617,\"token\":\"" + PageClient.TOKEN
                + "\",\"action\":\"pause\",\"machine\":\"machine_2\"}");
        assertEquals("error", reply.get("type").asText(), reply.toString());
        assertTrue(reply.get("message").asText().startsWith("id: expected an integer"), reply.toString());
        assertEquals(0, reply.get("id").asLong(), "2^64 + 1 is no id, not the id 1 of another control: " + reply);
        assertTrue(applied.isEmpty());
    }

    @Test
    void aValidControlIsAppliedAnsweredAndMarkedOnTheDiagram() throws Exception {
        assertTrue(page.handshake("?token=" + PageClient.TOKEN, "http://127.0.0.1:8080").startsWith("HTTP/1.1 101"));
        JsonNode reply = control("{\"type\":\"control\",\"id\":41,\"token\":\"" + PageClient.TOKEN
                + "\",\"action\":\"delay\",\"from\":\"machine_1\",\"to\":\"machine_3\",\"delayMillis\":50}");
        assertEquals("ack", reply.get("type").asText(), reply.toString());
        assertEquals(41, reply.get("id").asLong());
        assertEquals("did delay machine_1 -> machine_3 50 ms", reply.get("message").asText());
        assertEquals(1, applied.size());
        assertEquals(50, applied.get(0).delayMillis());
        broadcaster.tick();
        JsonNode events = page.frames().stream().filter(f -> f.get("type").asText().equals("events")).findFirst().orElseThrow();
        JsonNode mark = events.get("events").get(0);
        assertEquals("mark", mark.get("k").asText());
        assertEquals("delay", mark.get("a").asText());
        assertEquals(0, mark.get("m").asInt(), "on machine_1, whose outgoing link changed");
    }

    @Test
    void aControlSentInFragmentsIsOneMessage() throws Exception {
        assertTrue(page.handshake("?token=" + PageClient.TOKEN, "http://127.0.0.1:8080").startsWith("HTTP/1.1 101"));
        page.frames();
        String json = "{\"type\":\"control\",\"id\":42,\"token\":\"" + PageClient.TOKEN
                + "\",\"action\":\"pause\",\"machine\":\"machine_2\"}";
        // RFC 6455 5.4: a text message may come as a text frame without FIN and continuation frames
        page.send(new TextWebSocketFrame(false, 0, json.substring(0, 20)));
        page.send(new ContinuationWebSocketFrame(false, 0, json.substring(20, 40)));
        page.send(new ContinuationWebSocketFrame(true, 0, json.substring(40)));
        List<JsonNode> frames = page.frames();
        assertEquals(1, frames.size(), frames.toString());
        assertEquals("ack", frames.get(0).get("type").asText(), frames.toString());
        assertEquals(42, frames.get(0).get("id").asLong());
        assertEquals(1, applied.size());
        assertTrue(page.server.isActive(), "still connected");
    }

    @Test
    void aFragmentedMessageOverTheLimitClosesThatConnection() {
        assertTrue(page.handshake("?token=" + PageClient.TOKEN, "http://127.0.0.1:8080").startsWith("HTTP/1.1 101"));
        String part = "a".repeat(40 << 10);
        page.send(new TextWebSocketFrame(false, 0, "\"" + part));
        page.send(new ContinuationWebSocketFrame(true, 0, part + "\""));
        assertFalse(page.server.isActive(), "80 KiB in two frames is over the 64 KiB of a control");
        assertTrue(applied.isEmpty());
    }

    @Test
    void aControlIsMarkedAtTheRunsOwnTimeNotTheHosts() throws Exception {
        long virtualNow = 1_767_225_612_345_678L; // a simulation's clock: 2026-01-01 plus its virtual time
        PageClient sim = new PageClient(hub, broadcaster, new ControlTarget() {
            @Override
            public String apply(ControlRequest r) {
                return "did " + r.describe();
            }

            @Override
            public long markMicros() {
                return virtualNow;
            }
        });
        assertTrue(sim.handshake("?token=" + PageClient.TOKEN, "http://127.0.0.1:8080").startsWith("HTTP/1.1 101"));
        sim.frames();
        sim.sendText("{\"type\":\"control\",\"id\":5,\"token\":\"" + PageClient.TOKEN
                + "\",\"action\":\"pause\",\"machine\":\"machine_2\"}");
        broadcaster.tick();
        JsonNode mark = sim.frames().stream().filter(f -> f.get("type").asText().equals("events"))
                .flatMap(f -> java.util.stream.StreamSupport.stream(f.get("events").spliterator(), false))
                .filter(e -> e.get("k").asText().equals("mark")).findFirst().orElseThrow();
        assertEquals(virtualNow, mark.get("w").asLong(), "drawn among the simulation's events, not months later");
    }

    @Test
    void aViewWithoutControlsRefusesThemAll() throws Exception {
        PageClient viewer = new PageClient(hub, broadcaster, null);
        assertTrue(viewer.handshake("?token=" + PageClient.TOKEN, null).startsWith("HTTP/1.1 101"), "no Origin: not a browser, token suffices");
        viewer.frames();
        viewer.sendText("{\"type\":\"control\",\"id\":1,\"token\":\"" + PageClient.TOKEN + "\",\"action\":\"kill\",\"machine\":\"machine_1\"}");
        JsonNode reply = viewer.frames().get(0);
        assertEquals("error", reply.get("type").asText());
        assertTrue(reply.get("message").asText().startsWith("controls: this view has none"), reply.toString());
    }

    @Test
    void binaryFramesAndGarbageCloseThatConnectionOnly() {
        assertTrue(page.handshake("?token=" + PageClient.TOKEN, "http://127.0.0.1:8080").startsWith("HTTP/1.1 101"));
        page.sendBinary(new byte[] {1, 2, 3});
        assertFalse(page.server.isActive(), "closed after a binary frame");

        PageClient other = new PageClient(hub, broadcaster, null);
        String response = other.http("\u0001\u0002garbage that is not HTTP\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertFalse(other.server.isActive());
    }
}
