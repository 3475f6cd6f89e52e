package dev.clockscope.analysis.scale;

import dev.clockscope.analysis.report.HtmlReport;
import dev.clockscope.analysis.report.svg.HistogramGrid;
import dev.clockscope.analysis.report.svg.SpaceTimeDiagram;
import dev.clockscope.analysis.report.svg.XyChart;
import dev.clockscope.files.WholeFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a large run: the same style and charts as {@code vm analyze}'s report, aggregated over
 * machines (how each figure is spread, the machines that stand out) instead of a row per machine, and a
 * space-time diagram of a few watched machines. Self-contained: inline CSS and SVG, nothing fetched.
 */
public final class ScaleReport {
    private final StringBuilder h = new StringBuilder(64 * 1024);

    private ScaleReport() {
    }

    public static void write(ScaleSummary.RunFacts facts, ScaleResult r, Path file) throws IOException {
        ScaleReport report = new ScaleReport();
        report.page(facts, r);
        WholeFile.writeString(file, report.h.toString());
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private ScaleReport a(String s) {
        h.append(s);
        return this;
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%,.2f", v);
    }

    private void page(ScaleSummary.RunFacts f, ScaleResult r) {
        a("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        a("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        a("<title>ClockScope simulation: ").a(esc(f.name())).a("</title><style>").a(HtmlReport.CSS).a("</style></head><body>");
        a("<header><h1>ClockScope simulation report</h1><p class=\"sub\">").a(esc(f.name())).a(" · ")
                .a(r.passed() ? "<span class=\"badge pass\">all checks pass</span>"
                        : "<span class=\"badge fail\">a check failed</span>").a("</p></header><main>");
        a("<section class=\"card\"><h2>The run</h2><div class=\"scroll\"><table><tbody>");
        row("machines", num(f.machines()));
        row("topology", esc(f.topology()));
        row("clocks", esc(f.clocks()));
        row("seed", Long.toString(f.seed()));
        row("virtual time", String.format(Locale.ROOT, "%.1f s", f.virtualSeconds()));
        row("tick events", num(r.tickEvents()));
        row("messages sent", num(r.messagesSent()));
        row("onto a link", num(f.messagesOnTheWire()));
        row("undelivered", num(r.eventsByKind().getOrDefault("undelivered", 0L)));
        row("unprocessed at a stop", num(r.messagesUnprocessed()));
        row("in flight to a machine that had stopped or died", num(f.messagesLostInFlight()));
        row("clock bytes per message", String.format(Locale.ROOT, "mean %.1f, max %,d", f.clockBytesMean(),
                f.clockBytesMax()));
        row("fingerprint", "<code>" + f.fingerprint() + "</code>");
        a("</tbody></table></div></section>");

        a("<section class=\"card\"><h2>Per machine, over all machines</h2><div class=\"scroll\"><table><thead><tr>");
        for (String c : List.of("figure", "min", "p10", "median", "p90", "p99", "max", "mean")) {
            a("<th>").a(c).a("</th>");
        }
        a("</tr></thead><tbody>");
        for (Map.Entry<String, Spread> e : r.perMachine().entrySet()) {
            Spread s = e.getValue();
            a("<tr><td>").a(esc(e.getKey())).a("</td>");
            for (double v : new double[] {s.min(), s.p10(), s.p50(), s.p90(), s.p99(), s.max(), s.mean()}) {
                a("<td class=\"num\">").a(num(v)).a("</td>");
            }
            a("</tr>");
        }
        a("</tbody></table></div></section>");

        a("<section class=\"card\"><h2>Jumps</h2>").a(jumps(r)).a("</section>");
        a("<section class=\"card\"><h2>Drift</h2>").a(drift(r)).a("</section>");

        a("<section class=\"card\"><h2>The machines that stand out</h2><div class=\"scroll\"><table><thead><tr>"
                + "<th>figure</th><th>machines (value)</th></tr></thead><tbody>");
        for (Map.Entry<String, List<Extreme>> e : r.extremes().entrySet()) {
            a("<tr><td>").a(esc(e.getKey())).a("</td><td>");
            List<String> parts = new ArrayList<>();
            for (Extreme x : e.getValue()) {
                parts.add(esc(x.machine()) + " (" + num(x.value()) + ")");
            }
            a(String.join(", ", parts)).a("</td></tr>");
        }
        a("</tbody></table></div></section>");

        if (!r.watched().dots().isEmpty()) {
            a("<section class=\"card\"><h2>Space-time diagram of ").a(esc(String.join(", ", r.watchedIds())))
                    .a("</h2>").a(new SpaceTimeDiagram("watched", "The first " + num(r.watched().toSeconds())
                            + " s of the watched machines (messages among them as arrows)", r.watchedIds(), r.watched(),
                            SpaceTimeDiagram.XAxis.WALL_TIME).render()).a("</section>");
        }

        a("<section class=\"card\"><h2>Checks</h2><div class=\"scroll\"><table><tbody>");
        for (Map.Entry<String, Long> c : r.checks().entrySet()) {
            String first = r.firstViolations().get(c.getKey());
            row(esc(c.getKey()), c.getValue() == 0 ? "<span class=\"badge pass\">pass</span>"
                    : "<span class=\"badge fail\">" + c.getValue() + " violations</span> " + esc(first == null ? "" : first));
        }
        a("</tbody></table></div></section>");
        a("</main><footer>Generated by ClockScope simulate. Statistics computed in process from every event; drift "
                + "sampled ").a(Integer.toString(ScaleStats.DRIFT_SAMPLES)).a(" times over the run.</footer></body></html>\n");
    }

    private void row(String name, String value) {
        a("<tr><th>").a(name).a("</th><td>").a(value).a("</td></tr>");
    }

    private static String jumps(ScaleResult r) {
        long[] counts = r.jumpCounts();
        int last = (int) Math.max(5, Math.min(counts.length - 1, r.jumps().p99()));
        return new HistogramGrid("Jump sizes over all machines: clock step between consecutive events, % of all steps",
                "jump size (Lamport units)", List.of(new HistogramGrid.Panel("all machines · mean "
                + String.format(Locale.ROOT, "%.2f", r.jumps().mean()), counts, r.jumps().count(), 0)), 1, last).render();
    }

    private static String drift(ScaleResult r) {
        double[] spread = new double[r.driftSpread().length];
        for (int k = 0; k < spread.length; k++) {
            spread[k] = r.driftSpread()[k];
        }
        return new XyChart("Spread of the Lamport clocks (max − min of the ticking machines) and mean lag behind the "
                + "fastest", "seconds since the first tick", "Lamport units")
                .add(XyChart.Series.line("spread", r.driftSeconds(), spread, 0))
                .add(XyChart.Series.line("mean lag", r.driftSeconds(), r.driftMeanLag(), 1))
                .render();
    }
}
