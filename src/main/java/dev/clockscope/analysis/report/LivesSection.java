package dev.clockscope.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.clockscope.analysis.MachineLife;
import java.io.IOException;
import java.util.List;

/** The lives of restarted machines (clocks across lives) in the report and the JSON summary. */
final class LivesSection {
    private LivesSection() {
    }

    private static String clocks(long first, long last) {
        return first < 0 ? "no tick event" : Format.count(first) + " … " + Format.count(last);
    }

    static String html(List<MachineLife> lives) {
        if (lives.isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<h4>Lives of restarted machines</h4><div class=\"scroll\"><table class=\"lives\">"
                + "<thead><tr><th>machine</th><th>log</th><th>incarnation</th><th>resumed from (Lamport / own entry)</th>"
                + "<th>Lamport first … last</th><th>own entry first … last</th></tr></thead><tbody>");
        for (MachineLife l : lives) {
            h.append("<tr><td>").append(HtmlText.esc(l.machine())).append("</td><td>")
                    .append(HtmlText.esc(l.file().getParent().getFileName() + "/" + l.file().getFileName())).append("</td>")
                    .append("<td class=\"num\">").append(l.incarnation()).append("</td><td>")
                    .append(l.resumed() ? l.resumedLamport() + " / " + l.resumedOwnEntry() : "— (an old life)")
                    .append("</td><td class=\"num\">").append(clocks(l.firstLamport(), l.lastLamport()))
                    .append("</td><td class=\"num\">").append(clocks(l.firstOwnEntry(), l.lastOwnEntry())).append("</td></tr>");
        }
        return h.append("</tbody></table></div>").toString();
    }

    static void json(JsonGenerator g, List<MachineLife> lives) throws IOException {
        g.writeArrayFieldStart("lives");
        for (MachineLife l : lives) {
            g.writeStartObject();
            g.writeStringField("machine", l.machine());
            g.writeStringField("file", l.file().toString());
            g.writeNumberField("incarnation", l.incarnation());
            if (l.resumed()) {
                g.writeObjectFieldStart("resumedFrom");
                g.writeNumberField("lamport", l.resumedLamport());
                g.writeNumberField("ownEntry", l.resumedOwnEntry());
                g.writeEndObject();
            } else {
                g.writeNullField("resumedFrom");
            }
            g.writeNumberField("firstLine", l.firstLine());
            g.writeNumberField("firstLamport", l.firstLamport());
            g.writeNumberField("firstOwnEntry", l.firstOwnEntry());
            g.writeNumberField("lastLamport", l.lastLamport());
            g.writeNumberField("lastOwnEntry", l.lastOwnEntry());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
