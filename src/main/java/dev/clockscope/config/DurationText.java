package dev.clockscope.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: {@code 0}, {@code 90} (seconds), {@code 250us}, {@code 500ms}, {@code 60s},
 * {@code 2m}, {@code 1h}.
 */
public final class DurationText {
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,9})\\s*(us|µs|ms|s|m|h)?\\s*");
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
            throw new ConfigException(what + ": \"" + text + "\" is not a duration such as 0, 90, 500ms, 60s, 2m or 1h");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "us", "µs" -> Duration.ofNanos(amount * 1_000);
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (d.compareTo(MAX) > 0) {
            throw new ConfigException(what + ": \"" + text + "\" is longer than " + format(MAX));
        }
        return d;
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
