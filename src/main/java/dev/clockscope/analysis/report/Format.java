package dev.clockscope.analysis.report;

import java.util.Locale;

/** Number formatting shared by the terminal table and the report (locale-independent). */
public final class Format {
    private Format() {
    }

    public static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    public static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    /** Microseconds in a readable unit: µs, ms or s. */
    public static String micros(long us) {
        if (us < 1_000) {
            return us + " µs";
        }
        if (us < 999_950) {
            return num(us / 1e3, us < 10_000 ? 2 : 1) + " ms";
        }
        return num(us / 1e6, 2) + " s";
    }
}
