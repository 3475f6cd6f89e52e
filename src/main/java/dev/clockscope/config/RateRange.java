package dev.clockscope.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The range a machine draws its tick rate from, in ticks per second, both ends inclusive.
 * {@link #UNTHROTTLED} ({@code "max"}, stored as 0..0) runs ticks back-to-back.
 */
public record RateRange(int min, int max) {
    public static final int MAX_TICKS_PER_SECOND = 1_000_000;
    /** {@code "max"}: no tick rate, ticks run back-to-back (the drawn rate is 0). */
    public static final RateRange UNTHROTTLED = new RateRange(0, 0);
    public static final String UNTHROTTLED_TEXT = "max";
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,9})\\s*(?:\\.\\.\\s*(\\d{1,9})\\s*)?");

    /** Parses {@code N} or {@code MIN..MAX}; {@code what} names the field or option in the error. */
    public static RateRange parse(String text, String what) throws ConfigException {
        if (Keywords.of(text.strip()).equals(UNTHROTTLED_TEXT)) {
            return UNTHROTTLED;
        }
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new ConfigException(what + ": \"" + text + "\" is not N or MIN..MAX (ticks per second), or \"max\" (unthrottled)");
        }
        int min = Integer.parseInt(m.group(1));
        int max = m.group(2) == null ? min : Integer.parseInt(m.group(2));
        return of(min, max, what, text);
    }

    /**
     * Refuses {@code --rates} (a fixed rate per machine) with {@code --ticks-per-second} (the range rates are drawn
     * from): --rates won without a word. A preset's range yields to --rates, as presets yield to every option.
     */
    public static void refuseWithFixedRates(String ticksPerSecond, List<Integer> fixedRates) throws ConfigException {
        if (ticksPerSecond != null && fixedRates != null) {
            throw new ConfigException("--rates: give either --rates or --ticks-per-second, not both");
        }
    }

    static RateRange of(int min, int max, String what, String text) throws ConfigException {
        if (min < 1 || max > MAX_TICKS_PER_SECOND) {
            throw new ConfigException(what + ": \"" + text + "\" must lie within 1.." + MAX_TICKS_PER_SECOND);
        }
        if (min > max) {
            throw new ConfigException(what + ": \"" + text + "\" has min " + min + " > max " + max);
        }
        return new RateRange(min, max);
    }

    /** Ticks back-to-back, as fast as the machine can go. */
    public boolean unthrottled() {
        return max == 0;
    }

    @Override
    public String toString() {
        if (unthrottled()) {
            return UNTHROTTLED_TEXT;
        }
        return min == max ? Integer.toString(min) : min + ".." + max;
    }
}
