package dev.clockscope.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: {@code 0}, {@code 90} (seconds), {@code 250us}, {@code 500ms}, {@code 60s},
 * {@code 2m}, {@code 1h}, and with a decimal fraction, {@code 1.5s} or {@code 0.25ms}, to the nanosecond.
 */
public final class DurationText {
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,9}(?:\\.\\d{1,9})?)\\s*(us|µs|ms|s|m|h)?\\s*");
    /**
     * The longest duration anything takes (about 11 years): times are added up in nanoseconds (a run's length,
     * a crash's start, a message's delay), and 999999999h would not even fit in one long.
     */
    public static final Duration MAX = Duration.ofHours(100_000);

    private DurationText() {
    }

    /** Whether {@code text} is written as a duration (it may still be longer than {@link #MAX}). */
    public static boolean isDuration(String text) {
        return DURATION.matcher(text).matches();
    }

    public static Duration parse(String text, String what) throws ConfigException {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new ConfigException(what + ": \"" + text + "\" is not a duration such as 0, 90, 500ms, 1.5s, 60s, 2m"
                    + " or 1h");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        long unitNanos = switch (unit) {
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1_000_000_000L;
        };
        // exact decimal arithmetic: 0.1s is 100,000,000 ns, not what a double makes of it
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos));
        if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
            throw new ConfigException(what + ": \"" + text + "\" is longer than " + format(MAX));
        }
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw new ConfigException(what + ": \"" + text + "\" is finer than a nanosecond");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** The shortest text that {@link #parse} reads back to the same duration. */
    public static String format(Duration d) {
        if (d.toNanos() % 1_000_000 != 0) {
            return d.toNanos() / 1_000 + "us";
        }
        long millis = d.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
