package dev.clockscope.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.clockscope.analysis.MessageOutcomes;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/** What became of every message, one bucket each, in the terminal summary, the report and the JSON summary. */
final class OutcomeSection {
    private OutcomeSection() {
    }

    static void text(MessageOutcomes o, PrintWriter out) {
        TextSummary.Table t = new TextSummary.Table("message outcome (each message once)", "messages");
        for (MessageOutcomes.Row row : o.rows()) {
            if (row.count() > 0) {
                t.row("  " + row.label(), Format.count(row.count()));
            }
        }
        t.row("  total", Format.count(o.total()));
        t.print(out);
    }

    static String html(MessageOutcomes o) {
        StringBuilder h = new StringBuilder("<table class=\"outcomes\" style=\"width:auto;min-width:420px;margin-top:8px\"><thead><tr><th>outcome (each message once)</th>"
                + "<th>messages</th></tr></thead><tbody>");
        for (MessageOutcomes.Row row : o.rows()) {
            if (row.count() > 0 || !row.id().startsWith("undelivered:")) {
                h.append("<tr data-outcome=\"").append(HtmlText.esc(row.id())).append("\"><td>")
                        .append(HtmlText.esc(row.label())).append("</td><td class=\"num\">").append(Format.count(row.count()))
                        .append("</td></tr>");
            }
        }
        h.append("<tr><td><b>total</b></td><td class=\"num\"><b>").append(Format.count(o.total()))
                .append("</b></td></tr></tbody></table>");
        return h.toString();
    }

    static void json(JsonGenerator g, MessageOutcomes o) throws IOException {
        g.writeObjectFieldStart("outcomes");
        g.writeNumberField("received", o.received());
        g.writeNumberField("receivedAckLost", o.receivedAckLost());
        g.writeNumberField("unprocessed", o.unprocessed());
        g.writeNumberField("unprocessedAckLost", o.unprocessedAckLost());
        g.writeObjectFieldStart("undelivered");
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(o.undelivered()).entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("lost", o.lost());
        g.writeNumberField("inFlightAtEnd", o.inFlightAtEnd());
        g.writeNumberField("toEarlierLifeOfReceiver", o.toEarlierLifeOfReceiver());
        g.writeNumberField("toMachineWithoutLog", o.toMachineWithoutLog());
        g.writeNumberField("total", o.total());
        g.writeEndObject();
    }
}
