package dev.clockscope.analysis;

/**
 * Which part of a run the space-time diagram shows: seconds counted from the run's first tick event.
 * Parsed from {@code 10s} (the first 10 s), {@code 20..30} or {@code 20s..30s}.
 */
public record WindowSpec(double fromSeconds, double toSeconds) {
    public static final WindowSpec DEFAULT = new WindowSpec(0, 10);

    public WindowSpec {
        if (!(fromSeconds >= 0) || !(toSeconds > fromSeconds)) {
            throw new IllegalArgumentException("window must satisfy 0 <= from < to, got " + fromSeconds + ".." + toSeconds);
        }
    }

    public static WindowSpec parse(String text) {
        String t = text.trim();
        int dots = t.indexOf("..");
        try {
            if (dots < 0) {
                return new WindowSpec(0, seconds(t));
            }
            return new WindowSpec(seconds(t.substring(0, dots)), seconds(t.substring(dots + 2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected e.g. 10s or 20s..30s, got \"" + text + "\"");
        }
    }

    private static double seconds(String s) {
        String t = s.trim();
        if (t.endsWith("ms")) {
            return Double.parseDouble(t.substring(0, t.length() - 2)) / 1000;
        }
        if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        }
        return Double.parseDouble(t);
    }
}
