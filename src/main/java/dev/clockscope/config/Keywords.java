package dev.clockscope.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keywords in option values and config.json ({@code ring}, {@code full}, {@code none}, {@code random},
 * {@code exp:}, {@code normal:}, {@code empirical:}, {@code assignment}, {@code lamport}...) are read in any case,
 * as {@code --clocks} always was: a user typing RING means ring. Read as written, because they are not keywords:
 * file paths and machine ids (case-sensitive on disk and in the logs) and unit symbols ({@code ms}, {@code ppm}).
 */
public final class Keywords {
    private Keywords() {
    }

    /** {@code text} in lower case, as keywords are compared (root locale: "FILE" is "file" under a Turkish one too). */
    public static String of(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** {@code regex} with its keywords matched in any case; what a group captures (a duration, an id) is as typed. */
    public static Pattern pattern(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /**
     * What follows the lower-case {@code keyword} (e.g. {@code empirical:}) at the start of {@code text}, as typed (a
     * path); null if {@code text} is null or does not start with it.
     */
    public static String after(String keyword, String text) {
        return text != null && text.regionMatches(true, 0, keyword, 0, keyword.length())
                ? text.substring(keyword.length()) : null;
    }
}
