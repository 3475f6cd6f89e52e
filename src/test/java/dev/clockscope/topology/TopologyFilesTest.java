package dev.clockscope.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.config.NetworkFaults.Delay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both file formats: a hand-written example each, and every refusal with its exact message. */
class TopologyFilesTest {
    @TempDir
    Path dir;

    private static Path resource(String name) throws Exception {
        return Path.of(TopologyFilesTest.class.getResource("/topology/" + name).toURI());
    }

    private Path write(String json) throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, json);
        return file;
    }

    private String error(String json) throws Exception {
        Path file = write(json);
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyFiles.read(file));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        String prefix = file + ": ";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        return e.getMessage().substring(prefix.length());
    }

    private static Delay delay(Topology t, String from, String to) {
        int u = t.indexOf(from);
        return t.linkDelay(u, t.slotOf(u, t.indexOf(to)));
    }

    @Test
    void readsACloudScopeFile() throws Exception {
        Topology t = TopologyFiles.read(resource("cloudscope-example.json"));
        Invariants.assertSimple(t, "cloudscope-example");
        // links 0-1, 0-2, 1-2, 2-3, 3-4, 0-3
        assertArrayEquals(new int[][] {{1, 2, 3}, {0, 2}, {0, 1, 3}, {0, 2, 4}, {3}}, Invariants.adjacency(t));
        assertEquals("file:cloudscope-example.json (cloudscope)", t.description());
        assertEquals("r3", t.id(3));
        assertEquals(4, t.indexOf("r4"));
        assertEquals(OptionalLong.of(42), t.seed());
        assertTrue(t.hasLinkDelays());
        assertEquals(new Delay("constant", 500, 0), delay(t, "r0", "r1"));
        assertEquals(new Delay("constant", 500, 0), delay(t, "r1", "r0")); // the same link both ways
        assertEquals(new Delay("uniform", 300, 1500), delay(t, "r2", "r1"));
        assertEquals(new Delay("normal", 30, 5), delay(t, "r4", "r3"));
        assertEquals(new Delay("normal", 240, 32), delay(t, "r3", "r0"));
    }

    @Test
    void aCloudScopeLinkWrittenBothWaysIsOneLink() throws Exception {
        // scope.py generate writes i->j and j->i with the same settings: 6 entries, 3 links
        Topology t = TopologyFiles.read(resource("cloudscope-generated.json"));
        assertEquals(3, t.linkCount());
        assertTrue(t.seed().isEmpty()); // "seed": null
        assertEquals(new Delay("normal", 5, 1), delay(t, "a1", "a0"));
        assertEquals(new Delay("normal", 30, 5), delay(t, "b0", "a1"));
    }

    @Test
    void readsAClockScopeFile() throws Exception {
        Topology t = TopologyFiles.read(resource("clockscope-example.json"));
        Invariants.assertSimple(t, "clockscope-example");
        // alpha-beta, beta-gamma, gamma-delta, delta-alpha: a ring of 4
        assertArrayEquals(new int[][] {{1, 3}, {0, 2}, {1, 3}, {0, 2}}, Invariants.adjacency(t));
        assertEquals("file:clockscope-example.json", t.description());
        assertEquals(OptionalLong.of(7), t.seed());
        assertEquals(new Delay("constant", 20, 0), delay(t, "beta", "alpha"));
        assertEquals(new Delay("uniform", 5, 50), delay(t, "gamma", "beta"));
        assertEquals(new Delay("exponential", 20, 0), delay(t, "delta", "gamma"));
        assertNull(delay(t, "alpha", "delta"));
    }

    @Test
    void topologiesParseTakesAFileAndChecksTheMachineCount() throws Exception {
        Path file = resource("clockscope-example.json");
        assertEquals(4, Topologies.parse(file.toString(), 0, 1).size());
        assertEquals(4, Topologies.parse(file.toString(), 4, 1).size());
        TopologyException e = assertThrows(TopologyException.class, () -> Topologies.parse(file.toString(), 10, 1));
        assertEquals("--topology: " + file + ": has 4 machines, not 10", e.getMessage());
        Path missing = dir.resolve("missing.json");
        e = assertThrows(TopologyException.class, () -> Topologies.parse(missing.toString(), 0, 1));
        assertEquals("--topology: " + missing + ": no such file", e.getMessage());
    }

    private static final String ABC = "{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}], \"links\": [";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"links": []} | neither a CloudScope topology ("nodes", "links") nor a ClockScope one ("machines", "links")
            [1, 2] | not a JSON object
            {"nodes": {}, "links": []} | nodes: {} is not a list
            {"nodes": [{"id": "a"}, {"id": "b"}]} | links: missing
            {"nodes": [{"id": "a"}], "links": []} | nodes: needs at least 2 machines, has 1
            {"nodes": [{"id": "a"}, {"name": "b"}], "links": []} | nodes[1].id: missing
            {"nodes": [{"id": "Home Desktop"}, {"id": "b"}], "links": []} | nodes[0].id: "Home Desktop" is not an id (1-64 of A-Z a-z 0-9 _ . -)
            {"nodes": [{"id": "a"}, {"id": "a"}], "links": []} | nodes[1].id: "a" is already nodes[0].id
            {"nodes": ["a", "b"], "links": []} | nodes[0]: "a" is not an object
            {"meta": {"seed": "x"}, "nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": 0, "target": 1, "latency": 5}]} | meta.seed: "x" is not a whole number
            {"meta": [], "nodes": [{"id": "a"}, {"id": "b"}], "links": []} | meta: [] is not an object
            """)
    void cloudScopeStructureErrors(String json, String message) throws Exception {
        assertEquals(message, error(json));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"source": 0, "target": 12, "latency": 5} | links[0].target: 12 is not an index into nodes (0..2)
            {"source": -1, "target": 1, "latency": 5} | links[0].source: -1 is not an index into nodes (0..2)
            {"source": 0, "target": "1", "latency": 5} | links[0].target: "1" is not an index into nodes
            {"source": 0, "target": 1.5, "latency": 5} | links[0].target: 1.5 is not an index into nodes
            {"source": 0, "latency": 5} | links[0].target: missing
            {"source": 1, "target": 1, "latency": 5} | links[0]: links "b" to itself
            {"source": 0, "target": 1} | links[0].latency: missing
            {"source": 0, "target": 1, "connection": "fast", "latency": 5} | links[0].connection: "fast" is not "constant", "variable" or "normal"
            {"source": 0, "target": 1, "connection": 3, "latency": 5} | links[0].connection: 3 is not "constant", "variable" or "normal"
            {"source": 0, "target": 1, "connection": "constant", "latency": [1, 2]} | links[0].latency: [1,2] is not a number of milliseconds (connection "constant")
            {"source": 0, "target": 1, "latency": -5} | links[0].latency: -5 is not a number of milliseconds (connection "constant")
            {"source": 0, "target": 1, "latency": 1e300} | links[0].latency: 1.0E300 ms is longer than 100000h
            {"source": 0, "target": 1, "connection": "normal", "latency": [30, 4e11]} | links[0].latency[1]: 4.0E11 ms is longer than 100000h
            {"source": 0, "target": 1, "connection": "variable", "latency": 5} | links[0].latency: 5 is not [min, max] in milliseconds (connection "variable")
            {"source": 0, "target": 1, "connection": "variable", "latency": [9, 3]} | links[0].latency: [9,3] has its bounds reversed
            {"source": 0, "target": 1, "connection": "normal", "latency": [30]} | links[0].latency: [30] is not [mean, stddev] in milliseconds (connection "normal")
            {"source": 0, "target": 1, "connection": "normal", "latency": [30, -1]} | links[0].latency[1]: -1 is not a number of milliseconds
            "0-1" | links[0]: "0-1" is not an object
            """)
    void cloudScopeLinkErrors(String link, String message) throws Exception {
        assertEquals(message, error(ABC + link + "]}"));
    }

    @Test
    void cloudScopeDuplicatesAndConnectivity() throws Exception {
        String ab = "{\"source\": 0, \"target\": 1, \"latency\": 5}";
        String bc = "{\"source\": 1, \"target\": 2, \"latency\": 5}";
        assertEquals("links[2]: \"a\"-\"b\" is already links[0]", error(ABC + ab + "," + bc + "," + ab + "]}"));
        assertEquals("links[2]: \"b\"-\"a\" is already links[0] with another connection or latency",
                error(ABC + ab + "," + bc + ",{\"source\": 1, \"target\": 0, \"latency\": 6}]}"));
        // the same link back with the same settings is that link (CloudScope's generator writes both)
        Path same = write(ABC + ab + "," + bc + ",{\"source\": 1, \"target\": 0, \"connection\": \"constant\", \"latency\": 5}]}");
        assertEquals(2, TopologyFiles.read(same).linkCount());
        assertEquals("nodes[2]: \"c\" has no links (a machine without neighbours cannot act)", error(ABC + ab + "]}"));
        String abcd = "{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}, {\"id\": \"d\"}], \"links\": ["
                + ab + ", {\"source\": 2, \"target\": 3, \"latency\": 5}]}";
        assertEquals("links: not connected: \"c\" cannot reach \"a\" (2 of 4 machines reach \"a\")", error(abcd));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"machines": ["a", "b"], "links": [{"from": "a", "to": "b"}], "dealy": 3} | dealy: unknown field (known: links, machines, seed)
            {"machines": ["a", "b"], "links": [{"from": "a", "to": "b", "dealy": "3ms"}]} | links[0].dealy: unknown field (known: delay, from, to)
            {"machines": ["a", "b"], "links": [{"from": "a", "to": "zeta"}]} | links[0].to: "zeta" is not one of "machines"
            {"machines": ["a", "b"], "links": [{"to": "b"}]} | links[0].from: missing
            {"machines": ["a", "b"], "links": [{"from": "a", "to": "b", "delay": "fast"}]} | links[0].delay: "fast" is not a delay such as 20ms, uniform:5ms..50ms or exp:20ms
            {"machines": ["a", "b"], "links": [{"from": "a", "to": "b", "delay": "uniform:50ms..5ms"}]} | links[0].delay: "uniform:50ms..5ms" has its bounds reversed
            {"machines": ["a", "b"], "links": [{"from": "a", "to": "b", "delay": 20}]} | links[0].delay: 20 is not a delay such as "20ms", "uniform:5ms..50ms" or "exp:20ms"
            {"machines": ["a", "b"], "links": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}]} | links[1]: "b"-"a" is already links[0]
            {"machines": ["a", "b"], "links": [{"from": "a", "to": "a"}]} | links[0]: links "a" to itself
            {"machines": ["a", "a"], "links": []} | machines[1]: "a" is already machines[0]
            {"machines": [{"id": "a"}, "b"], "links": []} | machines[0]: {"id":"a"} is not an id (a string)
            {"machines": ["a", "b"], "links": [], "seed": 1.5} | seed: 1.5 is not a whole number
            {"machines": ["a", "b", "c"], "links": [{"from": "a", "to": "b"}]} | machines[2]: "c" has no links (a machine without neighbours cannot act)
            {"machines": ["a", "b"], "links": {}} | links: {} is not a list
            """)
    void clockScopeErrors(String json, String message) throws Exception {
        assertEquals(message, error(json));
    }

    @Test
    void brokenJsonIsOneLineWithItsPosition() throws Exception {
        // Jackson's "(for Array starting at [Source: ...])" is cut: the position is already there
        assertEquals("not valid JSON at line 2, column 12: Unexpected close marker '}': expected ']'",
                error("{\"machines\": [\"a\", \"b\"],\n \"links\": [}"));
        assertTrue(error("{\"machines\": [], \"machines\": []}").startsWith("not valid JSON at line 1"), "duplicate keys");
        assertEquals("not valid JSON at line 2, column 1: more after the end of the top-level value (one JSON object"
                + " per file)", error("{\"machines\": [\"a\", \"b\"]}\n{}"));
    }

    @Test
    void aTruncatedFileSaysWhereItEndsWithoutJacksonsSourceNote() throws Exception {
        // 10 characters, so the input ends at column 11; Jackson's "(start marker at [Source: REDACTED ...])" is cut
        assertEquals("not valid JSON at line 1, column 11: Unexpected end-of-input: expected close marker for Array",
                error("{\"nodes\":["));
        // line 2 is `  {"id": "a"`, 12 characters: the object is still open at column 13
        assertEquals("not valid JSON at line 2, column 13: Unexpected end-of-input: expected close marker for Object",
                error("{\"nodes\": [\n  {\"id\": \"a\""));
    }
}
