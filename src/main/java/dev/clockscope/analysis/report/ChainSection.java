package dev.clockscope.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.clockscope.analysis.CriticalPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The longest causal chain in the terminal summary, the report and the JSON summary. */
final class ChainSection {
    /** Segments shown in the terminal and the report; the JSON has them all. */
    static final int SEGMENTS_SHOWN = 12;

    private ChainSection() {
    }

    /** One sentence: length, the clock it explains, machines, messages. */
    static String sentence(CriticalPath p) {
        if (p.events() == 0) {
            return "no tick events";
        }
        // each step of the chain adds exactly 1 to the clock, unless an event's cause is not in the logs
        long unexplained = p.endLamport() - p.startLamport() + 1 - p.events();
        String vsClock = p.events() == p.endLamport() ? " (= the highest Lamport clock, " + Format.count(p.endLamport()) + ")"
                : ", ending at the highest Lamport clock " + Format.count(p.endLamport()) + " (it starts at "
                        + Format.count(p.startLamport()) + (unexplained <= 0 ? "" : "; " + Format.count(unexplained)
                        + " of its clock's steps are not in the logs: lines a killed machine never wrote, or a life whose"
                        + " log is not here") + ")";
        return Format.count(p.events()) + " events" + vsClock + ", across " + String.join(", ", p.machines()) + "; "
                + Format.count(p.messages()) + (p.messages() == 1 ? " message" : " messages") + " on it";
    }

    /** {@code a:3..7 (5) → c:5..6 (2)}: where the chain runs, the first and last segments when it is long. */
    static String route(CriticalPath p) {
        List<String> parts = new ArrayList<>();
        List<CriticalPath.Segment> s = p.segments();
        for (int i = 0; i < s.size(); i++) {
            if (s.size() > SEGMENTS_SHOWN && i == SEGMENTS_SHOWN / 2) {
                parts.add("… " + Format.count(s.size() - SEGMENTS_SHOWN) + " more …");
                i = s.size() - SEGMENTS_SHOWN / 2;
            }
            CriticalPath.Segment g = s.get(i);
            parts.add(g.machine() + ":" + g.firstLine() + (g.lastLine() == g.firstLine() ? "" : ".." + g.lastLine())
                    + " (" + Format.count(g.events()) + ")");
        }
        return String.join(" → ", parts);
    }

    static void text(CriticalPath p, PrintWriter out) {
        out.println("longest causal chain: " + sentence(p));
        if (p.events() > 0) {
            out.println("  lines (events): " + route(p));
        }
    }

    static String html(CriticalPath p) {
        StringBuilder h = new StringBuilder();
        h.append("<h3>Longest causal chain</h3><p>").append(HtmlText.esc(sentence(p))).append(".</p>");
        if (p.events() > 0) {
            h.append("<p class=\"note\">The chain of events that determines the highest Lamport clock: from that event"
                    + " back, each step takes whichever predecessor gave Lamport's max(…): the previous event on its"
                    + " machine (also on a tie) or the send of the message it received. Highlighted in the space-time"
                    + " diagram. Log lines (events):</p><p><code>").append(HtmlText.esc(route(p))).append("</code></p>");
        }
        return h.toString();
    }

    static void json(JsonGenerator g, CriticalPath p) throws IOException {
        g.writeObjectFieldStart("criticalPath");
        g.writeNumberField("events", p.events());
        g.writeNumberField("startLamport", p.startLamport());
        g.writeNumberField("endLamport", p.endLamport());
        g.writeNumberField("messages", p.messages());
        g.writeArrayFieldStart("machines");
        for (String m : p.machines()) {
            g.writeString(m);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("segments");
        for (CriticalPath.Segment s : p.segments()) {
            g.writeStartObject();
            g.writeStringField("machine", s.machine());
            g.writeNumberField("firstLine", s.firstLine());
            g.writeNumberField("lastLine", s.lastLine());
            g.writeNumberField("events", s.events());
            g.writeNumberField("firstLamport", s.firstLamport());
            g.writeNumberField("lastLamport", s.lastLamport());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("stepsListed", p.stepsListed());
        g.writeArrayFieldStart("steps");
        for (CriticalPath.Step s : p.steps()) {
            g.writeStartObject();
            g.writeStringField("machine", s.machine());
            g.writeNumberField("line", s.line());
            g.writeStringField("kind", s.kind());
            g.writeNumberField("lamport", s.lamport());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
