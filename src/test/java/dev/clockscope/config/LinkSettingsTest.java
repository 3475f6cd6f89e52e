package dev.clockscope.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkSettingsTest {
    private static final String TWO = "\"machines\":[{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":9001},"
            + "{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":9002}]";

    @TempDir
    Path dir;

    private ClusterConfig load(String extra) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{" + TWO + "," + extra + "}");
        return new ConfigLoader().load(file);
    }

    private String error(String extra) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(extra));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void secretTimeoutTlsAndNetworkAreReadAndTheSecretIsNeverShown() throws Exception {
        ClusterConfig c = load("\"secret\":\"hunter2\",\"handshakeTimeout\":\"750ms\","
                + "\"tls\":{\"ca\":\"certs/ca.pem\",\"cert\":\"certs/{id}.pem\",\"key\":\"certs/{id}.key\"},"
                + "\"network\":{\"links\":[{\"from\":\"a\",\"to\":\"*\",\"bothWays\":true,\"delay\":\"uniform:5ms..50ms\","
                + "\"loss\":0.1,\"partitions\":[\"5s..10s\"]}]}");
        assertTrue(c.link().hasSecret());
        assertFalse(c.toString().contains("hunter2"), c.toString());
        assertEquals(Duration.ofMillis(750), c.link().handshakeTimeout());
        assertEquals(dir.resolve("certs/b.pem"), c.link().tls().certFor("b"));
        NetworkFaults.Rule r = c.link().network().rules().get(0);
        assertEquals(new NetworkFaults.Delay("uniform", 5, 50), r.delay());
        assertEquals(List.of(new NetworkFaults.Window(5000, 10000)), r.partitions());
        assertTrue(r.covers("b", "a") && r.covers("a", "b"));
    }

    @Test
    void badValuesNameTheFieldAndNeverEchoASecret() throws ConfigException {
        assertEquals(dir.resolve("config.json") + ": secret: must be a non-empty string (value not shown)",
                error("\"secret\":42"));
        assertTrue(error("\"handshakeTimeout\":\"10ms\"").contains("handshakeTimeout: \"10ms\" is shorter than 100ms"));
        assertTrue(error("\"network\":{\"links\":[{\"to\":\"zz\"}]}").contains("network.links[0].to: \"zz\" is not a machine id"));
        assertTrue(error("\"network\":{\"links\":[{\"loss\":1.5}]}").contains("network.links[0].loss: \"1.5\" is not a probability"));
        assertTrue(error("\"network\":{\"links\":[{\"partitions\":[\"9s..2s\"]}]}").contains("ends before it starts"));
        assertTrue(error("\"network\":{\"links\":[{\"partitions\":[\"2s..2s\"]}]}").endsWith("network.links[0]"
                + ".partitions[0]: \"2s..2s\" is empty: it ends when it starts"));
        // windows count whole milliseconds: 500us..2500us was the window 0..2ms without a word
        assertTrue(error("\"network\":{\"links\":[{\"partitions\":[\"500us..2500us\"]}]}").endsWith(
                "\"500us..2500us\" is not in whole milliseconds (windows count milliseconds)"));
        assertEquals(new NetworkFaults.Window(1, 3), LinkSettingsParser.window("1000us..3ms", "--net-partition"));
        assertTrue(error("\"network\":{\"links\":[{\"delay\":\"soon\"}]}").contains("is not a delay such as"));
        assertTrue(error("\"heartbeatInterval\":\"5ms\"").endsWith("heartbeatInterval: \"5ms\" is shorter than 10ms"));
        assertTrue(error("\"heartbeatInterval\":\"100ms\",\"heartbeatTimeout\":\"250ms\"")
                .endsWith("heartbeatTimeout: \"250ms\" is shorter than 3 x heartbeatInterval (300ms)"));
        assertTrue(error("\"heartbeatInterval\":\"1s\"")
                .endsWith("heartbeatTimeout: \"1500ms\" (the default) is shorter than 3 x heartbeatInterval (3s)"));
        assertTrue(error("\"heartbeatTimeout\":\"often\"").contains("heartbeatTimeout"));
        // read as false, and shown as "", without a word
        assertEquals(dir.resolve("config.json") + ": network.links[0].bothWays: \"yes\" is not true or false",
                error("\"network\":{\"links\":[{\"from\":\"a\",\"bothWays\":\"yes\"}]}"));
        assertEquals(dir.resolve("config.json") + ": network.links[0].delay: {\"ms\":20} is not a delay such as 20ms,"
                + " uniform:5ms..50ms or exp:20ms", error("\"network\":{\"links\":[{\"delay\":{\"ms\":20}}]}"));
    }

    /** Keywords are read in any case, as the CLI reads them; machine ids are not keywords. */
    @Test
    void delayKeywordsAreReadInAnyCaseMachineIdsAsWritten() throws Exception {
        NetworkFaults.Rule r = load("\"network\":{\"links\":[{\"delay\":\"Uniform:5ms..50ms\"},"
                + "{\"delay\":\"EXP:20ms\"}]}").link().network().rules().get(0);
        assertEquals(new NetworkFaults.Delay("uniform", 5, 50), r.delay());
        assertEquals(new NetworkFaults.Delay("exponential", 20, 0), LinkSettingsParser.delay("Exponential:20ms", "x"));
        assertEquals(dir.resolve("config.json") + ": network.links[0].from: \"A\" is not a machine id or \"*\"",
                error("\"network\":{\"links\":[{\"from\":\"A\"}]}"));
    }

    @Test
    void heartbeatsDefaultTo250msAnd1500msAndAreRead() throws Exception {
        // the protocol's defaults: an idle link beats every 250 ms; 1.5 s of silence is six missed beats
        assertEquals(Duration.ofMillis(250), load("\"die\":4").link().heartbeatInterval());
        assertEquals(Duration.ofMillis(1500), load("\"die\":4").link().heartbeatTimeout());
        ClusterConfig c = load("\"heartbeatInterval\":\"100ms\",\"heartbeatTimeout\":\"2s\"");
        assertEquals(Duration.ofMillis(100), c.link().heartbeatInterval());
        assertEquals(Duration.ofSeconds(2), c.link().heartbeatTimeout());
    }
}
