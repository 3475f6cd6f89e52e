package dev.clockscope.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The range a machine draws its tick rate from, in ticks per second, both ends inclusive. */
public record RateRange(int min, int max) {
    public static final int MAX_TICKS_PER_SECOND = 1_000_000;
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,9})\\s*(?:\\.\\.\\s*(\\d{1,9})\\s*)?");

    /** Parses {@code N} or {@code MIN..MAX}; {@code what} names the field or option in the error. */
    public static RateRange parse(String text, String what) throws ConfigException {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new ConfigException(what + ": \"" + text + "\" is not N or MIN..MAX (ticks per second)");
        }
        int min = Integer.parseInt(m.group(1));
        int max = m.group(2) == null ? min : Integer.parseInt(m.group(2));
        return of(min, max, what, text);
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

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + ".." + max;
    }
}
