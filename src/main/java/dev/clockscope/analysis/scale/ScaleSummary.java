package dev.clockscope.analysis.scale;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.clockscope.analysis.Distribution;
import dev.clockscope.files.WholeFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A large run's summary for people (a few screens of text, whatever the number of machines) and for
 * programs (JSON, stable field names). Holds nothing of the host: the same run gives the same bytes.
 */
public final class ScaleSummary {
    /**
     * What the run was, as the simulator tells it (facts that no event carries).
     *
     * @param messagesOnTheWire    messages the network took onto a link (not those refused at the send)
     * @param messagesLostInFlight in flight to a machine that had stopped or died, from a sender gone as well
     * @param clockBytesMean       clock bytes per message on the wire
     */
    public record RunFacts(String name, long seed, int machines, String topology, String clocks, double virtualSeconds,
                           long messagesOnTheWire, long messagesLostInFlight, double clockBytesMean, int clockBytesMax,
                           String fingerprint) {
    }

    private static final Map<String, String> FIGURES = Map.of(
            "ticksPerSecond", "rate set (ticks/s)",
            "achievedTicksPerSecond", "rate achieved (ticks/s)",
            "lamportPerSecond", "Lamport clock rate (/s)",
            "finalLamport", "final Lamport clock",
            "maxJump", "largest jump",
            "meanJump", "mean jump",
            "meanQueue", "mean queue length",
            "maxQueue", "longest queue",
            "maxLag", "worst lag behind the fastest clock");
    private static final Map<String, String> EXTREME_TITLES = Map.of(
            "lamportPerSecond", "slowest clocks (Lamport/s)",
            "finalLamport", "highest final clocks",
            "maxJump", "largest jumps",
            "maxQueue", "longest queues",
            "maxLag", "furthest behind (Lamport units)");

    private ScaleSummary() {
    }

    /** What a message's clock bytes are made of, for clocks such as "lamport,vector:sparse,hlc". */
    static String clockBytesParts(String clocks) {
        StringBuilder parts = new StringBuilder("Lamport 8");
        if (clocks.contains("vector")) {
            parts.append(clocks.contains("sparse") ? " + sparse vector" : " + vector 8 per machine");
        }
        if (clocks.contains("hlc")) {
            parts.append(" + HLC 12");
        }
        return parts.toString();
    }

    public static void print(RunFacts facts, ScaleResult r, PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %,d machines, topology %s, clocks %s, seed %d, %.1f s of virtual time%n",
                facts.name(), facts.machines(), facts.topology(), facts.clocks(), facts.seed(), facts.virtualSeconds());
        long lines = r.eventsByKind().values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "events: %,d (%,d tick events: %,d send, %,d receive, %,d internal)%n", lines,
                r.tickEvents(), r.eventsByKind().getOrDefault("send", 0L), r.eventsByKind().getOrDefault("receive", 0L),
                r.eventsByKind().getOrDefault("internal", 0L));
        out.printf(Locale.ROOT, "messages: %,d sent (%,d onto a link), %,d undelivered, %,d unprocessed at a stop, %,d in flight"
                        + " to a machine that had stopped or died%n", r.messagesSent(), facts.messagesOnTheWire(),
                r.eventsByKind().getOrDefault("undelivered", 0L), r.messagesUnprocessed(), facts.messagesLostInFlight());
        out.printf(Locale.ROOT, "clock bytes per message: mean %.1f, max %,d (%s)%n",
                facts.clockBytesMean(), facts.clockBytesMax(), clockBytesParts(facts.clocks()));
        out.println();
        out.printf("%-36s %10s %10s %10s %10s %10s %10s%n", "per machine", "min", "p10", "median", "p90", "p99", "max");
        for (Map.Entry<String, Spread> e : r.perMachine().entrySet()) {
            Spread s = e.getValue();
            out.printf(Locale.ROOT, "%-36s %10s %10s %10s %10s %10s %10s%n", FIGURES.getOrDefault(e.getKey(), e.getKey()),
                    num(s.min()), num(s.p10()), num(s.p50()), num(s.p90()), num(s.p99()), num(s.max()));
        }
        out.println();
        distribution(out, "jump (every tick event)", r.jumps());
        distribution(out, "jump (receives)", r.receiveJumps());
        distribution(out, "wait in queue (µs)", r.queueWaitMicros());
        if (r.hlcLogical().count() > 0) {
            distribution(out, "HLC logical counter c", r.hlcLogical());
            distribution(out, "HLC l - pt (µs)", r.hlcAheadMicros());
        }
        out.printf(Locale.ROOT, "drift (max - min Lamport of ticking machines): max %,d, at the end %,d%n", r.driftMax(),
                r.driftSpread().length == 0 ? 0 : r.driftSpread()[r.driftSpread().length - 1]);
        out.println();
        for (Map.Entry<String, List<Extreme>> e : r.extremes().entrySet()) {
            StringBuilder b = new StringBuilder();
            for (Extreme x : e.getValue().subList(0, Math.min(5, e.getValue().size()))) {
                b.append(b.length() == 0 ? "" : ", ").append(x.machine()).append(' ').append(num(x.value()));
            }
            out.printf("%-34s %s%n", EXTREME_TITLES.getOrDefault(e.getKey(), e.getKey()) + ":", b);
        }
        out.println();
        for (Map.Entry<String, Long> c : r.checks().entrySet()) {
            out.printf(Locale.ROOT, "check %-30s %s%n", c.getKey(), c.getValue() == 0 ? "ok"
                    : "FAILED (" + c.getValue() + "): " + r.firstViolations().get(c.getKey()));
        }
        out.println("fingerprint " + facts.fingerprint());
        out.flush();
    }

    private static void distribution(PrintWriter out, String name, Distribution d) {
        out.println(distributionLine(name, d));
    }

    /** One distribution's line; the mean grouped like the other numbers, so that its size reads at a glance. */
    static String distributionLine(String name, Distribution d) {
        return String.format(Locale.ROOT, "%-26s count %,d  mean %,.2f  median %,d  p99 %,d  max %,d", name, d.count(),
                d.mean(), d.p50(), d.p99(), d.max());
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The summary as JSON (schema 1; the fields are documented in docs/SIMULATOR.md). */
    public static void writeJson(RunFacts facts, ScaleResult r, Path file) throws IOException {
        WholeFile.write(file, out -> writeJson(facts, r, out));
    }

    private static void writeJson(RunFacts facts, ScaleResult r, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schema", 1);
            g.writeStringField("name", facts.name());
            // as a string too: JavaScript's JSON.parse rounds integers above 2^53
            g.writeNumberField("seed", facts.seed());
            g.writeStringField("seedText", Long.toString(facts.seed()));
            g.writeNumberField("machines", facts.machines());
            g.writeStringField("topology", facts.topology());
            g.writeStringField("clocks", facts.clocks());
            g.writeNumberField("virtualSeconds", facts.virtualSeconds());
            g.writeNumberField("tickEvents", r.tickEvents());
            g.writeObjectFieldStart("eventsByKind");
            for (Map.Entry<String, Long> e : r.eventsByKind().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("messages");
            g.writeNumberField("sent", r.messagesSent());
            g.writeNumberField("onTheWire", facts.messagesOnTheWire());
            g.writeNumberField("undelivered", r.eventsByKind().getOrDefault("undelivered", 0L));
            g.writeNumberField("unprocessed", r.messagesUnprocessed());
            g.writeNumberField("lostInFlight", facts.messagesLostInFlight());
            g.writeNumberField("clockBytesMean", facts.clockBytesMean());
            g.writeNumberField("clockBytesMax", facts.clockBytesMax());
            g.writeEndObject();
            g.writeObjectFieldStart("perMachine");
            for (Map.Entry<String, Spread> e : r.perMachine().entrySet()) {
                Spread s = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                g.writeNumberField("min", s.min());
                g.writeNumberField("p10", s.p10());
                g.writeNumberField("p50", s.p50());
                g.writeNumberField("p90", s.p90());
                g.writeNumberField("p99", s.p99());
                g.writeNumberField("max", s.max());
                g.writeNumberField("mean", s.mean());
                g.writeEndObject();
            }
            g.writeEndObject();
            distribution(g, "jumps", r.jumps());
            distribution(g, "receiveJumps", r.receiveJumps());
            distribution(g, "queueWaitMicros", r.queueWaitMicros());
            distribution(g, "hlcLogical", r.hlcLogical());
            distribution(g, "hlcAheadMicros", r.hlcAheadMicros());
            g.writeObjectFieldStart("drift");
            g.writeNumberField("max", r.driftMax());
            g.writeArrayFieldStart("samples");
            for (int k = 0; k < r.driftSeconds().length; k++) {
                g.writeStartArray();
                g.writeNumber(r.driftSeconds()[k]);
                g.writeNumber(r.driftSpread()[k]);
                g.writeNumber(r.driftMeanLag()[k]);
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("extremes");
            for (Map.Entry<String, List<Extreme>> e : r.extremes().entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (Extreme x : e.getValue()) {
                    g.writeStartObject();
                    g.writeStringField("machine", x.machine());
                    g.writeNumberField("value", x.value());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("checks");
            for (Map.Entry<String, Long> c : r.checks().entrySet()) {
                g.writeObjectFieldStart(c.getKey());
                g.writeNumberField("violations", c.getValue());
                if (r.firstViolations().containsKey(c.getKey())) {
                    g.writeStringField("first", r.firstViolations().get(c.getKey()));
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeBooleanField("passed", r.passed());
            g.writeStringField("fingerprint", facts.fingerprint());
            g.writeEndObject();
        }
    }

    private static void distribution(JsonGenerator g, String name, Distribution d) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("count", d.count());
        g.writeNumberField("min", d.min());
        g.writeNumberField("mean", d.mean());
        g.writeNumberField("p50", d.p50());
        g.writeNumberField("p95", d.p95());
        g.writeNumberField("p99", d.p99());
        g.writeNumberField("max", d.max());
        g.writeEndObject();
    }
}
