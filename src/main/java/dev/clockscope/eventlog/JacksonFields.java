package dev.clockscope.eventlog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The general path: reads one line's object with Jackson into {@link LineFields}, with exact error messages. */
final class JacksonFields {
    private JacksonFields() {
    }

    /** The parser is positioned on the object's START_OBJECT. */
    static void read(JsonParser parser, LineFields f, LineFields.Errors errors) throws IOException, EventLogFormatException {
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (t != JsonToken.FIELD_NAME) {
                throw errors.error("expected a field name, found " + t);
            }
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            int key = LineFields.keyOf(name);
            if (LineFields.isNumber(key)) {
                f.setNumber(key, number(parser, v, name, errors));
            } else if (key == LineFields.TO) {
                if (v == JsonToken.START_ARRAY) {
                    f.setList(key, strings(parser, v, name, errors));
                } else {
                    f.setText(key, text(parser, v, name, errors));
                }
            } else if (LineFields.isText(key)) {
                f.setText(key, text(parser, v, name, errors));
            } else if (LineFields.isList(key)) {
                f.setList(key, strings(parser, v, name, errors));
            } else if (key == LineFields.VECTOR) {
                f.vectorMap = vector(parser, v, errors);
            } else if (name.equals("seqs")) {
                f.seqs = text(parser, v, name, errors);
            } else if (name.equals("ownEntry")) {
                f.resumedOwnEntry = number(parser, v, name, errors);
            } else if (name.equals("count")) {
                f.count = number(parser, v, name, errors);
            } else if (name.equals("resumedFrom") && v == JsonToken.START_OBJECT) {
                resumedFrom(parser, f, errors);
            } else if (key == LineFields.HLC) {
                hlc(parser, v, f, errors);
            } else {
                parser.skipChildren();
            }
        }
    }

    /** {@code "resumedFrom":{"lamport":L,"ownEntry":E}}; the parser is on its START_OBJECT. */
    private static void resumedFrom(JsonParser parser, LineFields f, LineFields.Errors errors)
            throws IOException, EventLogFormatException {
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (t != JsonToken.FIELD_NAME) {
                throw errors.error("resumedFrom: expected a field name, found " + t);
            }
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            if (name.equals("lamport")) {
                f.resumedLamport = number(parser, v, "resumedFrom.lamport", errors);
            } else if (name.equals("ownEntry")) {
                f.resumedOwnEntry = number(parser, v, "resumedFrom.ownEntry", errors);
            } else {
                parser.skipChildren();
            }
        }
        if (f.resumedLamport < 0 || f.resumedOwnEntry < 0) {
            throw errors.error("resumedFrom needs \"lamport\" and \"ownEntry\" (>= 0)");
        }
    }

    private static String text(JsonParser parser, JsonToken v, String name, LineFields.Errors errors)
            throws IOException, EventLogFormatException {
        if (v != JsonToken.VALUE_STRING) {
            throw errors.error("\"" + name + "\" must be a string");
        }
        return parser.getText();
    }

    private static long number(JsonParser parser, JsonToken v, String name, LineFields.Errors errors)
            throws IOException, EventLogFormatException {
        if (v != JsonToken.VALUE_NUMBER_INT) {
            throw errors.error("\"" + name + "\" must be an integer");
        }
        if (parser.getNumberType() != JsonParser.NumberType.INT && parser.getNumberType() != JsonParser.NumberType.LONG) {
            throw errors.error("\"" + name + "\" is out of range");
        }
        return parser.getLongValue();
    }

    private static List<String> strings(JsonParser parser, JsonToken v, String name, LineFields.Errors errors)
            throws IOException, EventLogFormatException {
        if (v != JsonToken.START_ARRAY) {
            throw errors.error("\"" + name + "\" must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            out.add(text(parser, t, name, errors));
        }
        return List.copyOf(out);
    }

    private static void hlc(JsonParser parser, JsonToken v, LineFields f, LineFields.Errors errors)
            throws IOException, EventLogFormatException {
        if (v != JsonToken.START_ARRAY) {
            throw errors.error("\"hlc\" must be a list [l, c]");
        }
        long l = number(parser, parser.nextToken(), "hlc", errors);
        long c = number(parser, parser.nextToken(), "hlc", errors);
        if (parser.nextToken() != JsonToken.END_ARRAY) {
            throw errors.error("\"hlc\" must be a list of two integers [l, c]");
        }
        f.setHlc(l, c);
    }

    private static Map<String, Long> vector(JsonParser parser, JsonToken v, LineFields.Errors errors)
            throws IOException, EventLogFormatException {
        if (v != JsonToken.START_OBJECT) {
            throw errors.error("\"vector\" must be an object");
        }
        Map<String, Long> out = new HashMap<>();
        while (parser.nextToken() != JsonToken.END_OBJECT) {
            String key = parser.currentName();
            out.put(key, number(parser, parser.nextToken(), "vector." + key, errors));
        }
        return out;
    }
}
