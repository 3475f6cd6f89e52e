package dev.clockscope.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.clockscope.analysis.ClockResult;
import dev.clockscope.analysis.RunResult;
import dev.clockscope.analysis.report.svg.HistogramGrid;
import dev.clockscope.config.ClockErrorSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The clocks side by side, in every output of the analyzer: the terminal lines, the report's section and chart,
 * and the JSON summary's {@code clocks} object. Physical time, Lamport, vector and HLC: which of them put every
 * send before its receive, which sees concurrency, which stays near physical time, and what each costs per
 * message; then the HLC's statistics per machine.
 */
public final class ClockReport {
    private ClockReport() {
    }

    /** The comparison and, when some clock is skewed or an HLC is kept, one line per machine. */
    public static void printText(RunResult run, PrintWriter out) {
        ClockResult c = run.clocks();
        out.printf("clocks on %s messages: physical time puts %s receive(s) before their send, %s in the same µs;"
                        + " Lamport orders %s, vector %s%s; bytes per message: physical %d, Lamport %d, vector %d%s%n",
                Format.count(c.messages()), Format.count(c.physicalBefore()), Format.count(c.physicalSame()),
                Format.count(c.lamportOrdered()), Format.count(c.vectorOrdered()),
                c.hlc() ? ", HLC " + Format.count(c.hlcOrdered()) + " of " + Format.count(c.hlcMessages()) : "",
                ClockResult.PHYSICAL_BYTES, ClockResult.LAMPORT_BYTES, c.vectorBytes(),
                c.hlc() ? ", HLC " + ClockResult.HLC_BYTES : "");
        if (c.firstPhysicalBefore() != null) {
            out.println("physical time's first wrong order: " + c.firstPhysicalBefore());
        }
        if (c.hlc()) {
            out.printf("hlc: logical counter c mean %s, p99 %d, max %d; l - pt mean %s, p99 %s, max %s (bound %s);"
                            + " %s message(s) refused as clock ahead%n", Format.num(c.logical().mean(), 2),
                    c.logical().p99(), c.logical().max(), Format.micros(Math.round(c.aheadMicros().mean())),
                    Format.micros(c.aheadMicros().p99()), Format.micros(c.aheadMicros().max()),
                    c.boundMicros() < 0 ? "unknown" : Format.micros(c.boundMicros()), Format.count(c.rejectedClockAhead()));
        }
        if (!c.hlc() && c.machines().stream().allMatch(m -> m.offsetMicros() == 0 && m.driftPpb() == 0)) {
            return;
        }
        TextSummary.Table t = new TextSummary.Table("clock", "offset", "drift", "logged skew", "c mean", "c max",
                "l-pt mean", "l-pt p99", "l-pt max", "refused");
        for (ClockResult.Machine m : c.machines()) {
            t.row(m.machine(), offset(m.offsetMicros()), drift(m.driftPpb()), skew(m), Format.num(m.logical().mean(), 2),
                    String.valueOf(m.logical().max()), Format.micros(Math.round(m.aheadMicros().mean())),
                    Format.micros(m.aheadMicros().p99()), Format.micros(m.aheadMicros().max()),
                    Format.count(m.rejectedClockAhead()));
        }
        t.print(out);
    }

    private static String offset(long micros) {
        return ClockErrorSpec.format(ClockErrorSpec.Unit.OFFSET, micros);
    }

    private static String drift(long ppb) {
        return ClockErrorSpec.format(ClockErrorSpec.Unit.DRIFT, ppb);
    }

    private static String skew(ClockResult.Machine m) {
        return m.skewMinMicros() == m.skewMaxMicros() ? offset(m.skewMinMicros())
                : offset(m.skewMinMicros()) + ".." + offset(m.skewMaxMicros());
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The report's "Clocks side by side" section. */
    public static String html(RunResult run) {
        ClockResult c = run.clocks();
        StringBuilder h = new StringBuilder(4096);
        long n = c.messages();
        h.append("<h3>Clocks side by side</h3><div class=\"scroll\"><table><thead><tr><th>clock</th>"
                + "<th>bytes per message</th><th>messages it orders send → receive</th><th>sees concurrency</th>"
                + "<th>near physical time</th></tr></thead><tbody>");
        row(h, "physical (physMicros)", ClockResult.PHYSICAL_BYTES + " (if sent)", ordered(n - c.physicalBefore()
                - c.physicalSame(), n) + (c.physicalBefore() > 0 ? " — <b>" + Format.count(c.physicalBefore())
                + "</b> received before their send" : "") + (c.physicalSame() > 0 ? ", " + Format.count(c.physicalSame())
                + " in the same µs" : ""), "no", "is it");
        row(h, "Lamport", String.valueOf(ClockResult.LAMPORT_BYTES), ordered(c.lamportOrdered(), n), "no",
                "no (counts events)");
        row(h, "vector", String.valueOf(c.vectorBytes()) + " (8 × " + c.vectorEntries() + ")",
                ordered(c.vectorOrdered(), n), "yes: V(a) ∥ V(b)", "no");
        if (c.hlc()) {
            row(h, "HLC [l, c]", String.valueOf(ClockResult.HLC_BYTES), ordered(c.hlcOrdered(), c.hlcMessages()), "no",
                    "l − pt ≤ " + Format.micros(c.aheadMicros().max()) + " (bound " + (c.boundMicros() < 0 ? "unknown"
                            : Format.micros(c.boundMicros())) + ")");
        } else {
            row(h, "HLC", "—", "not kept in this run", "—", "—");
        }
        h.append("</tbody></table></div>");
        if (c.firstPhysicalBefore() != null) {
            h.append("<p class=\"warn\">physical time gets an order wrong: ").append(esc(c.firstPhysicalBefore()))
                    .append("</p>");
        }
        h.append("<p class=\"note\">A receive's physical reading (<code>physMicros</code>, the machine's own, possibly "
                + "skewed clock) before its send's means physical time alone would order the two the wrong way round. "
                + "Lamport, vector and hybrid logical clocks order every message; only the vector tells concurrent "
                + "events apart; only physical time and the HLC's l read as time.</p>");
        if (c.hlc() || c.machines().stream().anyMatch(m -> m.offsetMicros() != 0 || m.driftPpb() != 0)) {
            h.append("<div class=\"scroll\"><table><thead><tr>");
            for (String col : List.of("machine", "clock offset", "drift", "logged skew (phys − wall)", "max offset",
                    "c mean", "c p99", "c max", "l − pt mean", "p99", "max", "refused (clock ahead)")) {
                h.append("<th>").append(col).append("</th>");
            }
            h.append("</tr></thead><tbody>");
            for (ClockResult.Machine m : c.machines()) {
                h.append("<tr><td>").append(esc(m.machine())).append("</td>");
                for (String v : List.of(offset(m.offsetMicros()), drift(m.driftPpb()), skew(m),
                        m.hlcMaxOffsetMicros() == 0 ? "—" : Format.micros(m.hlcMaxOffsetMicros()),
                        Format.num(m.logical().mean(), 2), String.valueOf(m.logical().p99()),
                        String.valueOf(m.logical().max()), Format.micros(Math.round(m.aheadMicros().mean())),
                        Format.micros(m.aheadMicros().p99()), Format.micros(m.aheadMicros().max()),
                        Format.count(m.rejectedClockAhead()))) {
                    h.append("<td class=\"num\">").append(esc(v)).append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</tbody></table></div>");
        }
        return h.toString();
    }

    private static String ordered(long ordered, long of) {
        return Format.count(ordered) + " of " + Format.count(of) + (of == 0 ? "" : " (" + Format.percent((double) ordered / of)
                + ")");
    }

    private static void row(StringBuilder h, String clock, String bytes, String ordered, String concurrency, String near) {
        h.append("<tr><td>").append(clock).append("</td><td class=\"num\">").append(bytes).append("</td><td>")
                .append(ordered).append("</td><td>").append(concurrency).append("</td><td>").append(esc(near))
                .append("</td></tr>");
    }

    /** The histogram of the HLC's logical counter, when the run keeps one. */
    public static List<Charts.Chart> charts(RunResult run, String prefix, String suffix) {
        ClockResult c = run.clocks();
        List<Charts.Chart> out = new ArrayList<>();
        if (!c.hlc()) {
            return out;
        }
        int last = (int) Math.min(c.logicalCounts().length - 1, Math.max(4, c.logical().p99()));
        HistogramGrid grid = new HistogramGrid("HLC logical counter c over all tick events" + suffix,
                "c (0: the event's l is a fresh physical reading)", List.of(new HistogramGrid.Panel("all machines · mean "
                + Format.num(c.logical().mean(), 2) + " · max " + c.logical().max(), c.logicalCounts(),
                c.logical().count(), 0)), 0, last);
        out.add(new Charts.Chart(prefix + "hlc-counter", "HLC logical counter histogram", grid.render()));
        return out;
    }

    /** The JSON summary's {@code clocks} object (docs/ANALYZER.md). */
    public static void json(JsonGenerator g, ClockResult c) throws IOException {
        g.writeObjectFieldStart("clocks");
        g.writeBooleanField("hlc", c.hlc());
        g.writeNumberField("boundMicros", c.boundMicros());
        g.writeNumberField("messages", c.messages());
        g.writeNumberField("physicalBefore", c.physicalBefore());
        g.writeNumberField("physicalSame", c.physicalSame());
        g.writeStringField("firstPhysicalBefore", c.firstPhysicalBefore());
        g.writeNumberField("lamportOrdered", c.lamportOrdered());
        g.writeNumberField("vectorOrdered", c.vectorOrdered());
        g.writeNumberField("hlcMessages", c.hlcMessages());
        g.writeNumberField("hlcOrdered", c.hlcOrdered());
        g.writeObjectFieldStart("bytesPerMessage");
        g.writeNumberField("physical", ClockResult.PHYSICAL_BYTES);
        g.writeNumberField("lamport", ClockResult.LAMPORT_BYTES);
        g.writeNumberField("vector", c.vectorBytes());
        g.writeNumberField("hlc", ClockResult.HLC_BYTES);
        g.writeEndObject();
        JsonSummary.writeDistribution(g, "logical", c.logical());
        g.writeArrayFieldStart("logicalCounts");
        for (long v : c.logicalCounts()) {
            g.writeNumber(v);
        }
        g.writeEndArray();
        g.writeNumberField("logicalOver254", c.logicalOver254());
        JsonSummary.writeDistribution(g, "aheadMicros", c.aheadMicros());
        g.writeNumberField("rejectedClockAhead", c.rejectedClockAhead());
        g.writeArrayFieldStart("machines");
        for (ClockResult.Machine m : c.machines()) {
            g.writeStartObject();
            g.writeStringField("machine", m.machine());
            g.writeNumberField("offsetMicros", m.offsetMicros());
            g.writeNumberField("driftPpb", m.driftPpb());
            g.writeNumberField("hlcMaxOffsetMicros", m.hlcMaxOffsetMicros());
            g.writeNumberField("skewMinMicros", m.skewMinMicros());
            g.writeNumberField("skewMaxMicros", m.skewMaxMicros());
            JsonSummary.writeDistribution(g, "logical", m.logical());
            JsonSummary.writeDistribution(g, "aheadMicros", m.aheadMicros());
            g.writeNumberField("rejectedClockAhead", m.rejectedClockAhead());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
