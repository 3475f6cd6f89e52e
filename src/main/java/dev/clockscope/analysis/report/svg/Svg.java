package dev.clockscope.analysis.report.svg;

import java.util.Locale;

/**
 * A minimal SVG writer: standalone-valid documents (xmlns, fonts set on the root) so the same text can be
 * inlined in the HTML report or saved as a .svg file. Coordinates are rounded to 0.1 px to keep files small.
 */
public final class Svg {
    public static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
    public static final String INK = "#222";
    public static final String MUTED = "#666";
    public static final String GRID = "#e6e6e6";

    private final StringBuilder b = new StringBuilder(16 * 1024);

    public Svg(int width, int height, String title, String cssClass) {
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(cssClass).append("\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\" font-family=\"").append(attr(FONT))
                .append("\" font-size=\"12\" role=\"img\">");
        b.append("<title>").append(text(title)).append("</title>");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
    }

    public static String n(double v) {
        if (Math.abs(v - Math.rint(v)) < 0.05) {
            return Long.toString(Math.round(v));
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    public static String attr(String s) {
        return text(s).replace("\"", "&quot;");
    }

    public Svg raw(String s) {
        b.append(s);
        return this;
    }

    public Svg line(double x1, double y1, double x2, double y2, String stroke, double width, String extra) {
        b.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(width)).append('"').append(extra).append("/>");
        return this;
    }

    public Svg rect(double x, double y, double w, double h, String fill, String extra) {
        b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append('"').append(extra).append("/>");
        return this;
    }

    /** Text; anchor is start, middle or end. */
    public Svg text(double x, double y, String s, String anchor, String fill, String extra) {
        b.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"").append(fill).append('"').append(extra).append('>').append(text(s)).append("</text>");
        return this;
    }

    public Svg polyline(double[] xs, double[] ys, String stroke, double width, String extra) {
        b.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width))
                .append("\" stroke-linejoin=\"round\"").append(extra).append(" points=\"");
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(n(xs[i])).append(',').append(n(ys[i]));
        }
        b.append("\"/>");
        return this;
    }

    public Svg circle(double cx, double cy, double r, String fill, String extra, String tooltip) {
        b.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill).append('"').append(extra);
        if (tooltip == null) {
            b.append("/>");
        } else {
            b.append("><title>").append(text(tooltip)).append("</title></circle>");
        }
        return this;
    }

    public String end() {
        return b.append("</svg>").toString();
    }
}
