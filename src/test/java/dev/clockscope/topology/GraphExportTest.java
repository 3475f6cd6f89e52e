package dev.clockscope.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** GraphML and GraphJSON, read back with the JDK's XML parser and with Jackson. */
class GraphExportTest {
    private static final Instant WHEN = Instant.parse("2026-12-02T10:00:00Z");
    private static final GraphExport.Run RUN = new GraphExport.Run("star-run", "vm simulate --topology star <&>", WHEN);

    @TempDir
    Path dir;

    /**
     * Star of 4, directed links in linkIndex order: 0->1, 0->2, 0->3, 1->0, 2->0, 3->0. Message counts
     * 5, 0, 7, 2, 9, 1, so the links are machine_1-machine_2: 5 forward + 2 back = 7;
     * machine_1-machine_3: 0 + 9 = 9; machine_1-machine_4: 7 + 1 = 8.
     */
    private static Topology star() throws TopologyException {
        return Generators.generate("star", 4, 1);
    }

    private static final GraphExport.Traffic TRAFFIC = new GraphExport.Traffic(new long[] {5, 0, 7, 2, 9, 1},
            new int[] {1, 2, 3, 6}, new long[] {40, 11, 23, 35});

    private static byte[] bytes(GraphExport.Format format, Topology t, GraphExport.Traffic traffic) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GraphExport.write(out, format, t, traffic, RUN);
        return out.toByteArray();
    }

    private static Document xml(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(bytes));
    }

    /** An element's {@code <data>} values by key. */
    private static Map<String, String> data(Element e) {
        Map<String, String> values = new HashMap<>();
        NodeList list = e.getElementsByTagName("data");
        for (int i = 0; i < list.getLength(); i++) {
            Element d = (Element) list.item(i);
            values.put(d.getAttribute("key"), d.getTextContent());
        }
        return values;
    }

    @Test
    void graphMlReadsBackWithDeclaredKeysAndHandComputedWeights() throws Exception {
        Document doc = xml(bytes(GraphExport.Format.GRAPHML, star(), TRAFFIC));
        Element root = doc.getDocumentElement();
        assertEquals("http://graphml.graphdrawing.org/xmlns", root.getNamespaceURI());
        Map<String, String> keys = new HashMap<>();
        NodeList keyList = doc.getElementsByTagName("key");
        for (int i = 0; i < keyList.getLength(); i++) {
            Element k = (Element) keyList.item(i);
            keys.put(k.getAttribute("id"), k.getAttribute("for") + " " + k.getAttribute("attr.name") + " " + k.getAttribute("attr.type"));
        }
        assertEquals("node ticksPerSecond int", keys.get("rate"));
        assertEquals("node lamport long", keys.get("lamport"));
        assertEquals("edge messages long", keys.get("messages"));
        assertEquals("edge messagesForward long", keys.get("forward"));
        assertEquals("edge messagesBack long", keys.get("back"));
        assertEquals("edge weight double", keys.get("weight"));
        Element graph = (Element) doc.getElementsByTagName("graph").item(0);
        assertEquals("undirected", graph.getAttribute("edgedefault"));
        assertEquals("star-run", graph.getAttribute("id"));

        NodeList nodes = doc.getElementsByTagName("node");
        assertEquals(4, nodes.getLength());
        Element fourth = (Element) nodes.item(3);
        assertEquals("machine_4", fourth.getAttribute("id"));
        assertEquals(Map.of("rate", "6", "lamport", "35"), data(fourth));

        NodeList edges = doc.getElementsByTagName("edge");
        assertEquals(3, edges.getLength());
        Element second = (Element) edges.item(1);
        assertEquals("e2", second.getAttribute("id"));
        assertEquals("machine_1", second.getAttribute("source"));
        assertEquals("machine_3", second.getAttribute("target"));
        assertEquals(Map.of("messages", "9", "forward", "0", "back", "9", "weight", "9.0"), data(second));
        assertEquals("8", data((Element) edges.item(2)).get("messages")); // 7 + 1
        // graph-level strings are escaped, and read back intact
        Map<String, String> graphData = new HashMap<>();
        for (Element d : children(graph, "data")) {
            graphData.put(d.getAttribute("key"), d.getTextContent());
        }
        assertEquals(Map.of("topology", "star", "args", "vm simulate --topology star <&>", "timestamp", "2026-12-02T10:00:00Z"),
                graphData);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new java.util.ArrayList<>();
        for (org.w3c.dom.Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && e.getTagName().equals(tag)) {
                found.add(e);
            }
        }
        return found;
    }

    @Test
    void graphJsonFollowsSpigosRecords() throws Exception {
        byte[] out = bytes(GraphExport.Format.GRAPHJSON, star(), TRAFFIC);
        JsonNode root = new ObjectMapper().readTree(out);
        assertEquals("star-run", root.get("arch").asText());
        assertEquals("spigo-0.4", root.get("version").asText());
        assertEquals("2026-12-02T10:00:00Z", root.get("date").asText());
        JsonNode graph = root.get("graph");
        assertEquals(7, graph.size()); // 4 nodes, then 3 edges
        assertEquals("{\"node\":\"machine_2\",\"package\":\"machine\",\"timestamp\":\"2026-12-02T10:00:00Z\","
                + "\"ticksPerSecond\":2,\"lamport\":11}", graph.get(1).toString());
        JsonNode e1 = graph.get(4);
        assertEquals("e1", e1.get("edge").asText());
        assertEquals("machine_1", e1.get("source").asText());
        assertEquals("machine_2", e1.get("target").asText());
        assertEquals(7, e1.get("messages").asLong()); // 5 forward + 2 back
        assertEquals(5, e1.get("messagesForward").asLong());
        assertEquals(2, e1.get("messagesBack").asLong());
        // spigo's layout: header fields one a line, one record a line
        String[] lines = new String(out, StandardCharsets.UTF_8).split("\n");
        assertEquals("{", lines[0]);
        assertEquals("  \"arch\":\"star-run\",", lines[1]);
        assertTrue(lines[7].startsWith("    {\"node\":\"machine_1\""), lines[7]);
        assertEquals("  ]", lines[lines.length - 2]);
        assertEquals("}", lines[lines.length - 1]);
    }

    @Test
    void withoutLamportOrTimestampThoseFieldsAreLeftOut() throws Exception {
        GraphExport.Traffic noClocks = new GraphExport.Traffic(TRAFFIC.messages(), TRAFFIC.ticksPerSecond(), null);
        GraphExport.Run untimed = new GraphExport.Run("r", "", null);
        ByteArrayOutputStream ml = new ByteArrayOutputStream();
        GraphExport.write(ml, GraphExport.Format.GRAPHML, star(), noClocks, untimed);
        String text = ml.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("lamport") || text.contains("timestamp"), text);
        xml(ml.toByteArray()); // still well-formed
        ByteArrayOutputStream js = new ByteArrayOutputStream();
        GraphExport.write(js, GraphExport.Format.GRAPHJSON, star(), noClocks, untimed);
        JsonNode root = new ObjectMapper().readTree(js.toByteArray());
        assertFalse(root.has("date"));
        assertFalse(root.get("graph").get(0).has("lamport") || root.get("graph").get(0).has("timestamp"));
    }

    @Test
    void everyMessageIsCountedOnceOnARandomGraph() throws Exception {
        Topology t = Generators.generate("scale-free:3", 500, 9);
        long[] messages = new long[t.directedLinkCount()];
        long total = 0;
        for (int i = 0; i < messages.length; i++) {
            messages[i] = (i * 7919L) % 101;
            total += messages[i];
        }
        GraphExport.Traffic traffic = new GraphExport.Traffic(messages, new int[t.size()], null);
        JsonNode graph = new ObjectMapper().readTree(bytes(GraphExport.Format.GRAPHJSON, t, traffic)).get("graph");
        long sum = 0;
        int edges = 0;
        for (JsonNode record : graph) {
            if (record.has("edge")) {
                edges++;
                sum += record.get("messages").asLong();
                assertEquals(record.get("messages").asLong(),
                        record.get("messagesForward").asLong() + record.get("messagesBack").asLong());
                int u = t.indexOf(record.get("source").asText());
                int v = t.indexOf(record.get("target").asText());
                assertEquals(messages[t.linkIndex(u, t.slotOf(u, v))], record.get("messagesForward").asLong());
            }
        }
        assertEquals(t.linkCount(), edges);
        assertEquals(total, sum);
        Document doc = xml(bytes(GraphExport.Format.GRAPHML, t, traffic));
        assertEquals(t.size(), doc.getElementsByTagName("node").getLength());
        assertEquals(t.linkCount(), doc.getElementsByTagName("edge").getLength());
    }

    @Test
    void filesAreChosenByExtensionWrittenWholeAndByteForByteRepeatable() throws Exception {
        Path ml = dir.resolve("run.graphml");
        Path js = dir.resolve("run.JSON");
        GraphExport.write(ml, star(), TRAFFIC, RUN);
        GraphExport.write(js, star(), TRAFFIC, RUN);
        assertTrue(Files.readString(ml).startsWith("<?xml"));
        assertTrue(Files.readString(js).startsWith("{"));
        byte[] first = Files.readAllBytes(ml);
        GraphExport.write(ml, star(), TRAFFIC, RUN); // replaces the file
        assertArrayEquals(first, Files.readAllBytes(ml));
        assertArrayEquals(first, bytes(GraphExport.Format.GRAPHML, star(), TRAFFIC));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphExport.write(dir.resolve("run.txt"), star(), TRAFFIC, RUN));
        assertEquals(dir.resolve("run.txt") + ": a graph file must end in .graphml or .json", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GraphExport.write(ml, star(),
                new GraphExport.Traffic(new long[5], new int[4], null), RUN));
        assertEquals("5 message counts for 6 directed links", e.getMessage());
    }

    /**
     * The graph is written through a temporary file; Files.createTempFile would make it 0600 and the move
     * would keep that, while every other output is 0644 under umask 022. It must get the mode a plain new
     * file gets in the same directory (0666 less the umask), whatever the umask is.
     */
    @Test
    void theGraphFileGetsTheModeOfAnyOtherNewFile() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class),
                "POSIX permissions only");
        Path plain = dir.resolve("summary.json");
        Files.writeString(plain, "{}");
        Path ml = dir.resolve("run.graphml");
        GraphExport.write(ml, star(), TRAFFIC, RUN);
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(ml)));
        GraphExport.write(ml, star(), TRAFFIC, RUN); // replacing it keeps that mode too
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(ml)));
    }

    @Test
    void theRunsOwnMachineNamesReplaceTheTopologysGeneratedOnes() throws Exception {
        GraphExport.Run named = new GraphExport.Run("star-run", "x", null, List.of("hub", "p", "q", "r"));
        ByteArrayOutputStream ml = new ByteArrayOutputStream();
        GraphExport.write(ml, GraphExport.Format.GRAPHML, star(), TRAFFIC, named);
        Document doc = xml(ml.toByteArray());
        NodeList nodes = doc.getElementsByTagName("node");
        assertEquals("hub", ((Element) nodes.item(0)).getAttribute("id"));
        assertEquals("r", ((Element) nodes.item(3)).getAttribute("id"));
        Element first = (Element) doc.getElementsByTagName("edge").item(0);
        assertEquals("hub", first.getAttribute("source"));
        assertEquals("p", first.getAttribute("target"));
        assertEquals("7", data(first).get("messages"));

        ByteArrayOutputStream js = new ByteArrayOutputStream();
        GraphExport.write(js, GraphExport.Format.GRAPHJSON, star(), TRAFFIC, named);
        String json = js.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"node\":\"q\""), json);
        assertTrue(json.contains("\"source\":\"hub\",\"target\":\"r\""), json);
        assertFalse(json.contains("machine_"), json);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphExport.write(
                new ByteArrayOutputStream(), GraphExport.Format.GRAPHML, star(), TRAFFIC,
                new GraphExport.Run("star-run", "x", null, List.of("hub", "p"))));
        assertEquals("2 machine ids for 4 machines", e.getMessage());
    }
}
