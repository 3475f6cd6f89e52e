package dev.clockscope.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * A JSON file that does not parse, as the one-line text after the file's name: {@code not valid JSON at line
 * L, column C: <Jackson's reason>}. Jackson's own message ends with its location, and inside the reason it
 * may note where an enclosing array or object started, as {@code (start marker at [Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 13])} or {@code (for Array
 * starting at [Source: ...])}: Jackson's internals, not the user's. The reason is taken without the
 * location ({@link JsonProcessingException#getOriginalMessage()}) and those notes are cut; the position
 * of the error itself is kept. Used for config.json and topology files.
 */
public final class JsonErrors {
    /** A parenthesised note that holds a Jackson source location, e.g. "(start marker at [Source: ...])". */
    private static final Pattern SOURCE_NOTE = Pattern.compile("\\s*\\([^()\\[]*\\[Source:.*?\\]\\)");
    /** A bare Jackson source location, should one appear outside such a note. */
    private static final Pattern SOURCE = Pattern.compile("\\s*\\[Source:.*?\\]");

    private JsonErrors() {
    }

    /** {@code not valid JSON at line L, column C: reason}, on one line. */
    public static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "not valid JSON" + where + ": " + reason(e.getOriginalMessage());
    }

    static String reason(String originalMessage) {
        if (String.valueOf(originalMessage).startsWith("Trailing token")) {
            // FAIL_ON_TRAILING_TOKENS: Jackson names its own classes and features here
            return "more after the end of the top-level value (one JSON object per file)";
        }
        String reason = SOURCE_NOTE.matcher(String.valueOf(originalMessage)).replaceAll("");
        reason = SOURCE.matcher(reason).replaceAll("");
        return reason.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
