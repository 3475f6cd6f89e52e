package dev.clockscope.analysis.report.svg;

import java.util.List;

/**
 * Small multiples of bar histograms (one panel per machine) sharing both axes, so panels compare at a
 * glance. Bars are shares of the panel's total in percent; the last bar collects everything above the range.
 */
public final class HistogramGrid {
    /** counts[v] = occurrences of value v; total may exceed the sum (the rest goes into the overflow bar). */
    public record Panel(String title, long[] counts, long total, int colorIndex) {
    }

    private final String title;
    private final String xLabel;
    private final List<Panel> panels;
    private final int firstValue;
    private final int lastValue;

    /** Bars for values firstValue..lastValue, then one "> lastValue" bar. */
    public HistogramGrid(String title, String xLabel, List<Panel> panels, int firstValue, int lastValue) {
        this.title = title;
        this.xLabel = xLabel;
        this.panels = panels;
        this.firstValue = firstValue;
        this.lastValue = lastValue;
    }

    public String render() {
        int width = 960;
        int cols = panels.size() <= 3 ? Math.max(1, panels.size()) : panels.size() <= 4 ? 2 : panels.size() <= 9 ? 3 : 5;
        int rows = (panels.size() + cols - 1) / cols;
        int panelW = (width - 20) / cols;
        int panelH = cols >= 5 ? 170 : 200;
        int top = 36;
        int height = top + rows * panelH + 28;
        int bars = lastValue - firstValue + 2;
        double[][] share = new double[panels.size()][bars];
        double maxShare = 0;
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            long inRange = 0;
            for (int v = firstValue; v <= lastValue; v++) {
                long c = v < panel.counts().length ? panel.counts()[v] : 0;
                inRange += c;
                share[p][v - firstValue] = panel.total() == 0 ? 0 : 100.0 * c / panel.total();
            }
            share[p][bars - 1] = panel.total() == 0 ? 0 : 100.0 * (panel.total() - inRange - below(panel)) / panel.total();
            for (double s : share[p]) {
                maxShare = Math.max(maxShare, s);
            }
        }
        Axis ya = Axis.nice(0, Math.min(100, maxShare * 1.05), 4);
        Svg svg = new Svg(width, height, title, "chart");
        svg.text(20, 22, title, "start", Svg.INK, " font-size=\"15\" font-weight=\"600\"");
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            int col = p % cols;
            int row = p / cols;
            double px0 = 10 + col * panelW + 44;
            double px1 = 10 + (col + 1) * panelW - 10;
            double py1 = top + row * panelH + 22;
            double py0 = top + (row + 1) * panelH - 34;
            svg.text(10 + col * panelW + 6, py1 - 8, panel.title(), "start", Svg.INK,
                    cols >= 4 ? " font-size=\"11\" font-weight=\"600\"" : " font-weight=\"600\"");
            for (double t : ya.ticks()) {
                double y = ya.map(t, py0, py1);
                svg.line(px0, y, px1, y, Svg.GRID, 1, "");
                svg.text(px0 - 5, y + 4, ya.label(t) + "%", "end", Svg.MUTED, " font-size=\"10\"");
            }
            double slot = (px1 - px0) / bars;
            String color = Palette.color(panel.colorIndex());
            int labelEvery = Math.max(1, (int) Math.ceil(22 / slot));
            for (int i = 0; i < bars; i++) {
                double x = px0 + i * slot;
                double y = ya.map(share[p][i], py0, py1);
                boolean overflow = i == bars - 1;
                if (share[p][i] > 0) {
                    String label = overflow ? "> " + lastValue : String.valueOf(firstValue + i);
                    svg.raw("<rect x=\"" + Svg.n(x + slot * 0.1) + "\" y=\"" + Svg.n(y) + "\" width=\""
                            + Svg.n(Math.max(1, slot * 0.8)) + "\" height=\"" + Svg.n(Math.max(0.5, py0 - y))
                            + "\" fill=\"" + color + "\"" + (overflow ? " fill-opacity=\"0.55\"" : "") + "><title>"
                            + Svg.text(panel.title() + ": jump " + label + ": " + String.format(java.util.Locale.ROOT, "%.2f", share[p][i]) + " % of steps")
                            + "</title></rect>");
                }
                boolean roomBeforeOverflow = i <= bars - 1 - labelEvery;
                if (overflow || i == 0 || ((firstValue + i) % labelEvery == 0 && roomBeforeOverflow)) {
                    svg.text(x + slot / 2, py0 + 13, overflow ? ">" + lastValue : String.valueOf(firstValue + i),
                            "middle", Svg.MUTED, " font-size=\"10\"");
                }
            }
            svg.line(px0, py0, px1, py0, Svg.MUTED, 1, "");
        }
        svg.text(width / 2.0, height - 8, xLabel, "middle", Svg.INK, "");
        return svg.end();
    }

    private long below(Panel panel) {
        long c = 0;
        for (int v = 0; v < firstValue && v < panel.counts().length; v++) {
            c += panel.counts()[v];
        }
        return c;
    }
}
