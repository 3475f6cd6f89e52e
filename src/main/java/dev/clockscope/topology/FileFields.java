package dev.clockscope.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clockscope.config.DurationText;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Reads fields of one topology file; every error names the file, the JSON path and the value. */
final class FileFields {
    /** The rule for machine ids in config.json (dev.clockscope.config.ConfigLoader): they go into logs and on the wire. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int SHOWN_CHARS = 40;

    private final String file;

    FileFields(String file) {
        this.file = file;
    }

    TopologyException error(String path, String message) {
        return new TopologyException(file + ": " + path + ": " + message);
    }

    /** The value as it appears in the file, cut to a readable length. */
    static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS - 3) + "...";
    }

    JsonNode required(JsonNode object, String field, String path) throws TopologyException {
        JsonNode value = object.get(field);
        if (value == null) {
            throw error(path, "missing");
        }
        return value;
    }

    JsonNode array(JsonNode object, String field) throws TopologyException {
        JsonNode value = required(object, field, field);
        if (!value.isArray()) {
            throw error(field, shown(value) + " is not a list");
        }
        return value;
    }

    void object(JsonNode value, String path) throws TopologyException {
        if (!value.isObject()) {
            throw error(path, shown(value) + " is not an object");
        }
    }

    /** A machine id: a string (or whole number) by config.json's rule. */
    String id(JsonNode value, String path) throws TopologyException {
        if (!value.isTextual() && !value.isIntegralNumber()) {
            throw error(path, shown(value) + " is not an id (a string)");
        }
        String id = value.asText();
        if (!ID.matcher(id).matches()) {
            throw error(path, shown(value) + " is not an id (1-64 of A-Z a-z 0-9 _ . -)");
        }
        return id;
    }

    /** An index into a list of {@code size} entries. */
    int index(JsonNode value, String path, int size, String listName) throws TopologyException {
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw error(path, shown(value) + " is not an index into " + listName);
        }
        int i = value.intValue();
        if (i < 0 || i >= size) {
            throw error(path, i + " is not an index into " + listName + " (0.." + (size - 1) + ")");
        }
        return i;
    }

    /** A number of milliseconds, at least 0 and at most {@link DurationText#MAX}, as any delay. */
    double millis(JsonNode value, String path, String what) throws TopologyException {
        if (!value.isNumber() || value.doubleValue() < 0 || !Double.isFinite(value.doubleValue())) {
            throw error(path, shown(value) + " is not " + what);
        }
        if (value.doubleValue() > DurationText.MAX.toMillis()) {
            // 1e300 ms made a message due before it was sent (the sum overflowed)
            throw error(path, shown(value) + " ms is longer than " + DurationText.format(DurationText.MAX));
        }
        return value.doubleValue();
    }

    /** An optional seed: absent, null or a whole number. */
    OptionalLong seed(JsonNode value, String path) throws TopologyException {
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw error(path, shown(value) + " is not a whole number");
        }
        return OptionalLong.of(value.longValue());
    }
}
