package dev.clockscope.analysis.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A linear axis with "nice" bounds and ticks (steps of 1, 2 or 5 × 10^k). */
public final class Axis {
    private final double min;
    private final double max;
    private final double step;

    private Axis(double min, double max, double step) {
        this.min = min;
        this.max = max;
        this.step = step;
    }

    /** An axis covering [lo, hi] with about {@code ticks} ticks; {@code lo} is kept at 0 when it is 0. */
    public static Axis nice(double lo, double hi, int ticks) {
        if (!(hi > lo)) {
            hi = lo + (lo == 0 ? 1 : Math.abs(lo) * 0.1);
        }
        double raw = (hi - lo) / Math.max(1, ticks);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / magnitude;
        double step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude;
        return new Axis(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step);
    }

    /** Exactly [lo, hi] (e.g. a zoom window) with nice ticks inside. */
    public static Axis exact(double lo, double hi, int ticks) {
        Axis a = nice(lo, hi, ticks);
        return new Axis(lo, hi > lo ? hi : lo + 1, a.step);
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Maps v to [from, to] pixels. */
    public double map(double v, double from, double to) {
        return from + (v - min) / (max - min) * (to - from);
    }

    public List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        double first = Math.ceil(min / step - 1e-9) * step;
        for (double v = first; v <= max + step * 1e-9; v += step) {
            out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return out;
    }

    public String label(double v) {
        double abs = Math.abs(v);
        if (abs >= 1e6 && step >= 1e5) {
            return trim(v / 1e6) + "M";
        }
        if (abs >= 1e4 && step >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
