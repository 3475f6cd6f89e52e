package dev.clockscope.topology;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;

/**
 * spigo's GraphJSON, version "spigo-0.4" (github.com/adrianco/spigo, {@code tooling/graphjson/graphjson.go},
 * files such as {@code json/lamp.json}): a header ({@code arch}, {@code version}, {@code args},
 * {@code date}) and a {@code graph} list of node records {@code {"node", "package", "timestamp"}} and edge
 * records {@code {"edge": "e1", "source", "target", "timestamp"}}, one record a line as spigo writes them.
 * Added fields, which spigo's reader ignores: {@code ticksPerSecond} and {@code lamport} on nodes,
 * {@code messages}, {@code messagesForward}, {@code messagesBack} on edges. Every node's package is
 * {@code "machine"}; the timestamps are the run's (spigo stamps each record with the wall clock when it
 * was created, which would make two identical runs differ).
 */
final class GraphJsonWriter {
    static final String VERSION = "spigo-0.4";
    private static final JsonFactory FACTORY = new JsonFactory();

    private GraphJsonWriter() {
    }

    static void write(OutputStream out, Topology topology, GraphExport.Traffic traffic, GraphExport.Run run)
            throws IOException {
        String timestamp = run.timestamp() == null ? null : run.timestamp().toString();
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setPrettyPrinter(new SpigoLayout());
        g.writeStartObject();
        g.writeStringField("arch", run.name());
        g.writeStringField("version", VERSION);
        g.writeStringField("args", run.args());
        if (timestamp != null) {
            g.writeStringField("date", timestamp);
        }
        g.writeStringField("topology", topology.description());
        g.writeArrayFieldStart("graph");
        for (int i = 0; i < topology.size(); i++) {
            g.writeStartObject();
            g.writeStringField("node", run.id(topology, i));
            g.writeStringField("package", "machine");
            if (timestamp != null) {
                g.writeStringField("timestamp", timestamp);
            }
            g.writeNumberField("ticksPerSecond", traffic.ticksPerSecond()[i]);
            if (traffic.lamport() != null) {
                g.writeNumberField("lamport", traffic.lamport()[i]);
            }
            g.writeEndObject();
        }
        GraphExport.forEachLink(topology, traffic.messages(), (number, source, target, forward, back) -> {
            g.writeStartObject();
            g.writeStringField("edge", "e" + number);
            g.writeStringField("source", run.id(topology, source));
            g.writeStringField("target", run.id(topology, target));
            if (timestamp != null) {
                g.writeStringField("timestamp", timestamp);
            }
            g.writeNumberField("messages", forward + back);
            g.writeNumberField("messagesForward", forward);
            g.writeNumberField("messagesBack", back);
            g.writeEndObject();
        });
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.close();
    }

    /**
     * spigo's layout: the header fields one a line, then one graph record a line, each record compact.
     * Depth decides: the top-level object's entries get line breaks, the records' do not.
     */
    private static final class SpigoLayout implements PrettyPrinter {
        private static boolean topLevel(JsonGenerator g) {
            JsonStreamContext parent = g.getOutputContext().getParent();
            return parent != null && parent.inRoot();
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) {
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            if (topLevel(g)) {
                g.writeRaw("\n  ");
            }
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(':');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(topLevel(g) ? ",\n  " : ",");
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            g.writeRaw(topLevel(g) && entries > 0 ? "\n}" : "}");
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            g.writeRaw("\n    ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(",\n    ");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(values > 0 ? "\n  ]" : "]");
        }
    }
}
