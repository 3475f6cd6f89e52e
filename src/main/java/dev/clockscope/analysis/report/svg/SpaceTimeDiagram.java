package dev.clockscope.analysis.report.svg;

import dev.clockscope.analysis.CriticalPath;
import dev.clockscope.analysis.SpaceTimeWindow;
import java.util.List;
import java.util.Locale;

/**
 * Lamport's space-time diagram: one horizontal line per machine, a dot per event, an arrow per message
 * from its send to its receive. The x axis is wall time, or the Lamport clock (then every arrow points
 * right: the clock condition made visible). Clock values label the dots when there is room. The longest causal
 * chain, when given, is drawn underneath in gold: its events ringed, its messages widened.
 */
public final class SpaceTimeDiagram {
    public enum XAxis { WALL_TIME, LAMPORT }

    private final String id;
    private final String title;
    private final List<String> machines;
    private final SpaceTimeWindow window;
    private final XAxis xAxis;
    private CriticalPath chain = CriticalPath.NONE;
    static final String CHAIN_COLOR = "#e0a100";

    /** {@code id} must be unique in the page: it prefixes the arrowhead markers. */
    public SpaceTimeDiagram(String id, String title, List<String> machines, SpaceTimeWindow window, XAxis xAxis) {
        this.id = id;
        this.title = title;
        this.machines = machines;
        this.window = window;
        this.xAxis = xAxis;
    }

    /** Highlights the chain's events and messages that fall in the window (by their log lines). */
    public SpaceTimeDiagram chain(CriticalPath path) {
        this.chain = path;
        return this;
    }

    public String render() {
        int n = machines.size();
        int width = 960;
        int left = 120;
        int right = 24;
        int rowH = n <= 4 ? 80 : n <= 6 ? 56 : 44;
        int top = 62;
        int height = top + (n - 1) * rowH + 70;
        double x0 = left;
        double x1 = width - right;
        Axis xa;
        if (xAxis == XAxis.WALL_TIME) {
            xa = Axis.exact(window.fromSeconds(), Math.max(window.toSeconds(), window.fromSeconds() + 1e-3), 10);
        } else {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (SpaceTimeWindow.Dot d : window.dots()) {
                lo = Math.min(lo, d.lamport());
                hi = Math.max(hi, d.lamport());
            }
            xa = lo > hi ? Axis.nice(0, 1, 10) : Axis.exact(Math.max(0, lo - 1), hi + 1, 10);
        }
        Svg svg = new Svg(width, height, title, "chart spacetime");
        svg.text(20, 22, title, "start", Svg.INK, " font-size=\"15\" font-weight=\"600\"");
        legend(svg, 20, 44);
        svg.raw("<defs>");
        for (int i = 0; i < n; i++) {
            svg.raw("<marker id=\"" + id + "-ah" + i + "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                    + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\""
                    + Palette.color(i) + "\"/></marker>");
        }
        svg.raw("</defs>");
        for (double t : xa.ticks()) {
            double x = xa.map(t, x0, x1);
            svg.line(x, top - 10, x, top + (n - 1) * rowH + 10, Svg.GRID, 1, "");
            svg.text(x, top + (n - 1) * rowH + 28, xa.label(t), "middle", Svg.MUTED, "");
        }
        svg.text((x0 + x1) / 2, height - 10, xAxis == XAxis.WALL_TIME ? "wall time (s since the run started)"
                : "Lamport clock", "middle", Svg.INK, "");
        for (int i = 0; i < n; i++) {
            double y = top + i * rowH;
            svg.line(x0, y, x1, y, Palette.color(i), 2, " stroke-opacity=\"0.45\"");
            svg.text(x0 - 10, y + 4, machines.get(i), "end", Svg.INK, " font-weight=\"600\"");
        }
        double perEvent = window.dots().isEmpty() ? 0 : (x1 - x0) * n / window.dots().size();
        double radius = perEvent >= 10 ? 4 : perEvent >= 5 ? 3 : 2;
        boolean labels = perEvent >= 18;
        svg.raw("<g class=\"arrows\">");
        for (SpaceTimeWindow.Arrow a : window.arrows()) {
            double sx = xAxis == XAxis.WALL_TIME ? xa.map(a.sentAtSeconds(), x0, x1) : xa.map(a.sentLamport(), x0, x1);
            double rx = xAxis == XAxis.WALL_TIME ? xa.map(a.receivedAtSeconds(), x0, x1) : xa.map(a.receivedLamport(), x0, x1);
            double sy = top + a.from() * rowH;
            double ry = top + a.to() * rowH;
            String extra = " stroke-opacity=\"0.8\" marker-end=\"url(#" + id + "-ah" + a.from() + ")\"";
            if (sx < x0) {
                // sent before the window: start at the edge, dashed
                sy = sy + (ry - sy) * (x0 - sx) / (rx - sx);
                sx = x0;
                extra += " stroke-dasharray=\"4 3\"";
            }
            // stop short of the dot so the arrowhead stays visible
            double dx = rx - sx;
            double dy = ry - sy;
            double len = Math.max(1e-6, Math.hypot(dx, dy));
            double ex = rx - dx / len * (radius + 1);
            double ey = ry - dy / len * (radius + 1);
            if (chain.carries(a.from(), a.sendLine(), a.to(), a.receiveLine())) {
                svg.line(sx, sy, ex, ey, CHAIN_COLOR, 5, " stroke-opacity=\"0.55\" class=\"chain\"");
            }
            svg.line(sx, sy, ex, ey, Palette.color(a.from()), 1.3, extra);
        }
        svg.raw("</g><g class=\"events\">");
        for (SpaceTimeWindow.Dot d : window.dots()) {
            double x = xAxis == XAxis.WALL_TIME ? xa.map(d.atSeconds(), x0, x1) : xa.map(d.lamport(), x0, x1);
            double y = top + d.machine() * rowH;
            String color = Palette.color(d.machine());
            boolean onChain = chain.contains(d.machine(), d.line());
            String tip = String.format(Locale.ROOT, "%s %s: L=%d at %.3f s%s", machines.get(d.machine()), d.kind(),
                    d.lamport(), d.atSeconds(), onChain ? " (on the longest causal chain)" : "");
            if (onChain) {
                svg.circle(x, y, radius + 3, "none", " stroke=\"" + CHAIN_COLOR + "\" stroke-width=\"2.5\" class=\"chain\"",
                        null);
            }
            switch (d.kind()) {
                case "send" -> svg.circle(x, y, radius, color, " stroke=\"#222\" stroke-width=\"0.8\"", tip);
                case "receive" -> svg.circle(x, y, radius, "#fff", " stroke=\"" + color + "\" stroke-width=\"2\"", tip);
                default -> svg.circle(x, y, radius * 0.7, "#888", "", tip);
            }
            if (labels) {
                svg.text(x, y - radius - 4, Long.toString(d.lamport()), "middle", Svg.MUTED, " font-size=\"9\"");
            }
        }
        svg.raw("</g>");
        if (window.dots().isEmpty()) {
            svg.text((x0 + x1) / 2, top + (n - 1) * rowH / 2.0, "no events in this window", "middle", Svg.MUTED, "");
        }
        return svg.end();
    }

    private void legend(Svg svg, double x, double y) {
        svg.circle(x + 5, y - 4, 4, Palette.color(0), " stroke=\"#222\" stroke-width=\"0.8\"", null);
        svg.text(x + 14, y, "send", "start", Svg.INK, "");
        svg.circle(x + 60, y - 4, 4, "#fff", " stroke=\"" + Palette.color(0) + "\" stroke-width=\"2\"", null);
        svg.text(x + 69, y, "receive", "start", Svg.INK, "");
        svg.circle(x + 130, y - 4, 2.8, "#888", "", null);
        svg.text(x + 138, y, "internal", "start", Svg.INK, "");
        svg.line(x + 200, y - 4, x + 230, y - 4, Svg.MUTED, 1.3, "");
        svg.text(x + 236, y, "message (send → receive; dashed: sent before the window)", "start", Svg.INK, "");
        if (window.truncated()) {
            svg.text(x + 620, y, "window cut to the first events shown", "start", "#b00", "");
        }
        if (chain.events() > 0) {
            svg.circle(x + 745, y - 22, 6, "none", " stroke=\"" + CHAIN_COLOR + "\" stroke-width=\"2.5\"", null);
            svg.text(x + 756, y - 18, "longest causal chain", "start", Svg.INK, "");
        }
    }
}
