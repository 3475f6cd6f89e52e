package dev.clockscope.analysis.report.svg;

import java.util.ArrayList;
import java.util.List;

/** A line or scatter chart: nice axes, grid, axis titles, a legend that wraps; one colour per series. */
public final class XyChart {
    /** A series; {@code line} draws a polyline, {@code markers} a dot per point. */
    public record Series(String name, double[] x, double[] y, String color, String dash, boolean line, boolean markers) {
        public static Series line(String name, double[] x, double[] y, int colorIndex) {
            return new Series(name, x, y, Palette.color(colorIndex), Palette.dash(colorIndex), true, false);
        }

        public static Series dots(String name, double[] x, double[] y, int colorIndex) {
            return new Series(name, x, y, Palette.color(colorIndex), "", false, true);
        }
    }

    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int BOTTOM = 46;
    private static final int LEGEND_ROW = 18;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private int width = 960;
    private int plotHeight = 260;
    private boolean yFromZero = true;
    private Double xMinFixed;
    private Double xMaxFixed;

    public XyChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public XyChart add(Series s) {
        series.add(s);
        return this;
    }

    public XyChart size(int width, int plotHeight) {
        this.width = width;
        this.plotHeight = plotHeight;
        return this;
    }

    public XyChart xRange(double min, double max) {
        this.xMinFixed = min;
        this.xMaxFixed = max;
        return this;
    }

    public XyChart yFromZero(boolean fromZero) {
        this.yFromZero = fromZero;
        return this;
    }

    public String render() {
        List<double[]> legendPos = legendLayout();
        int legendRows = legendPos.isEmpty() ? 0 : (int) legendPos.get(legendPos.size() - 1)[1] + 1;
        int top = 40 + legendRows * LEGEND_ROW;
        int height = top + plotHeight + BOTTOM;
        double x0 = LEFT;
        double x1 = width - RIGHT;
        double y0 = top + plotHeight;
        double y1 = top;

        double xlo = Double.POSITIVE_INFINITY;
        double xhi = Double.NEGATIVE_INFINITY;
        double ylo = yFromZero ? 0 : Double.POSITIVE_INFINITY;
        double yhi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                xlo = Math.min(xlo, s.x()[i]);
                xhi = Math.max(xhi, s.x()[i]);
                ylo = Math.min(ylo, s.y()[i]);
                yhi = Math.max(yhi, s.y()[i]);
            }
        }
        if (xlo > xhi) {
            xlo = 0;
            xhi = 1;
        }
        if (ylo > yhi) {
            ylo = 0;
            yhi = 1;
        }
        // x spans exactly the data (or the fixed range): a time axis should end where the run ends
        Axis xa = xMinFixed != null ? Axis.exact(xMinFixed, xMaxFixed, 10) : Axis.exact(xlo, xhi, 10);
        Axis ya = Axis.nice(ylo, yhi + (yhi - ylo) * 0.04, 6);

        Svg svg = new Svg(width, height, title, "chart");
        svg.text(LEFT, 22, title, "start", Svg.INK, " font-size=\"15\" font-weight=\"600\"");
        for (int i = 0; i < series.size(); i++) {
            double[] p = legendPos.get(i);
            double lx = LEFT + p[0];
            double ly = 40 + p[1] * LEGEND_ROW - 4;
            Series s = series.get(i);
            if (s.line()) {
                svg.line(lx, ly - 4, lx + 18, ly - 4, s.color(), 2.5, s.dash());
            } else {
                svg.circle(lx + 9, ly - 4, 4, s.color(), "", null);
            }
            svg.text(lx + 24, ly, s.name(), "start", Svg.INK, "");
        }
        for (double t : ya.ticks()) {
            double y = ya.map(t, y0, y1);
            svg.line(x0, y, x1, y, Svg.GRID, 1, "");
            svg.text(x0 - 6, y + 4, ya.label(t), "end", Svg.MUTED, "");
        }
        for (double t : xa.ticks()) {
            double x = xa.map(t, x0, x1);
            svg.line(x, y0, x, y0 + 5, Svg.MUTED, 1, "");
            svg.text(x, y0 + 18, xa.label(t), "middle", Svg.MUTED, "");
        }
        svg.line(x0, y0, x1, y0, Svg.MUTED, 1, "");
        svg.line(x0, y0, x0, y1, Svg.MUTED, 1, "");
        svg.text((x0 + x1) / 2, height - 8, xLabel, "middle", Svg.INK, "");
        svg.text(16, (y0 + y1) / 2, yLabel, "middle", Svg.INK,
                " transform=\"rotate(-90 16 " + Svg.n((y0 + y1) / 2) + ")\"");
        svg.raw("<g class=\"series\">");
        for (Series s : series) {
            int n = s.x().length;
            double[] px = new double[n];
            double[] py = new double[n];
            for (int i = 0; i < n; i++) {
                px[i] = Math.max(x0, Math.min(x1, xa.map(s.x()[i], x0, x1)));
                py[i] = ya.map(s.y()[i], y0, y1);
            }
            if (s.line() && n > 0) {
                svg.polyline(px, py, s.color(), 1.8, s.dash());
            }
            if (s.markers() || (s.line() && n == 1)) {
                for (int i = 0; i < n; i++) {
                    svg.circle(px[i], py[i], 4.5, s.color(), " fill-opacity=\"0.85\" stroke=\"#fff\" stroke-width=\"1\"",
                            s.name() + ": (" + xa.label(s.x()[i]) + ", " + Svg.n(s.y()[i]) + ")");
                }
            }
        }
        svg.raw("</g>");
        return svg.end();
    }

    /** Legend items left to right, wrapping: {x offset, row} per series. */
    private List<double[]> legendLayout() {
        List<double[]> out = new ArrayList<>();
        double x = 0;
        int row = 0;
        double max = width - LEFT - RIGHT;
        for (Series s : series) {
            double w = 24 + s.name().length() * 7.2 + 18;
            if (x > 0 && x + w > max) {
                x = 0;
                row++;
            }
            out.add(new double[] {x, row});
            x += w;
        }
        return out;
    }
}
