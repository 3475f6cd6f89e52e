package dev.clockscope.topology;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * GraphML (graphml.graphdrawing.org) as Gephi and yEd read it: every attribute declared by a
 * {@code <key>} with {@code attr.name} and {@code attr.type}; node attributes {@code ticksPerSecond} and
 * {@code lamport}; edge attributes {@code messages}, {@code messagesForward}, {@code messagesBack} and
 * {@code weight} (= messages, which Gephi takes as the edge weight). Written by hand rather than through
 * StAX: machine ids are restricted to {@code [A-Za-z0-9_.-]}, so only the graph's own strings need escaping,
 * and the 20 million elements of a 1,000,000-machine graph cost no object each.
 */
final class GraphMlWriter {
    private GraphMlWriter() {
    }

    static void write(OutputStream out, Topology topology, GraphExport.Traffic traffic, GraphExport.Run run)
            throws IOException {
        // buffered: an OutputStreamWriter alone wraps every small string it is given in a buffer of its own
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
                + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
        key(w, "topology", "graph", "topology", "string");
        key(w, "args", "graph", "args", "string");
        if (run.timestamp() != null) {
            key(w, "timestamp", "graph", "timestamp", "string");
        }
        key(w, "rate", "node", "ticksPerSecond", "int");
        if (traffic.lamport() != null) {
            key(w, "lamport", "node", "lamport", "long");
        }
        key(w, "messages", "edge", "messages", "long");
        key(w, "forward", "edge", "messagesForward", "long");
        key(w, "back", "edge", "messagesBack", "long");
        key(w, "weight", "edge", "weight", "double");
        w.write("  <graph id=\"" + escape(run.name()) + "\" edgedefault=\"undirected\">\n");
        w.write("    <data key=\"topology\">" + escape(topology.description()) + "</data>\n");
        w.write("    <data key=\"args\">" + escape(run.args()) + "</data>\n");
        if (run.timestamp() != null) {
            w.write("    <data key=\"timestamp\">" + run.timestamp() + "</data>\n");
        }
        for (int i = 0; i < topology.size(); i++) {
            w.write("    <node id=\"");
            w.write(run.id(topology, i));
            w.write("\">");
            data(w, "rate", Integer.toString(traffic.ticksPerSecond()[i]));
            if (traffic.lamport() != null) {
                data(w, "lamport", Long.toString(traffic.lamport()[i]));
            }
            w.write("</node>\n");
        }
        GraphExport.forEachLink(topology, traffic.messages(), (number, source, target, forward, back) -> {
            w.write("    <edge id=\"e");
            w.write(Long.toString(number));
            w.write("\" source=\"");
            w.write(run.id(topology, source));
            w.write("\" target=\"");
            w.write(run.id(topology, target));
            w.write("\">");
            data(w, "messages", Long.toString(forward + back));
            data(w, "forward", Long.toString(forward));
            data(w, "back", Long.toString(back));
            data(w, "weight", Double.toString(forward + back));
            w.write("</edge>\n");
        });
        w.write("  </graph>\n</graphml>\n");
        w.flush();
    }

    private static void data(Writer w, String key, String value) throws IOException {
        w.write("<data key=\"");
        w.write(key);
        w.write("\">");
        w.write(value);
        w.write("</data>");
    }

    private static void key(Writer w, String id, String on, String name, String type) throws IOException {
        w.write("  <key id=\"" + id + "\" for=\"" + on + "\" attr.name=\"" + name + "\" attr.type=\"" + type + "\"/>\n");
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
