package dev.clockscope.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses a log line in the writer's shape straight from bytes: one flat object whose values are ASCII
 * strings without escapes, integers, lists of such strings, or the vector object. Machine names and
 * event kinds come back as shared String instances, so a line allocates little more than its Event.
 * Returns false, having decided nothing, for anything else; the caller then parses the line with Jackson.
 */
final class FastLineParser extends LineScanner {
    private static final String[] KINDS = {"start", "send", "receive", "internal", "connected", "peer_up",
        "peer_down", "undelivered", "rejected", "partition", "stall", "stop"};
    private static final ShortBytes[] KIND_BYTES = matchers(KINDS);

    private String[] names = new String[0];
    private ShortBytes[] nameBytes = new ShortBytes[0];
    private long[] vector = new long[0];

    private static ShortBytes[] matchers(String[] values) {
        ShortBytes[] out = new ShortBytes[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = new ShortBytes(values[i].getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The run's machines (from the start line): vector keys and peer names. */
    void names(List<String> machines) {
        NameTables tables = NameTables.of(machines);
        names = tables.names;
        nameBytes = tables.nameBytes;
        vector = new long[names.length];
    }

    /**
     * Parses one object starting at {@code from} (leading blanks allowed) and returns the index just past
     * it and any trailing blanks, or -1 if it is not in the writer's shape. Never reads past {@code to} and
     * never crosses a newline, so {@code to} may be the end of the buffer rather than of the line; the
     * caller checks that a newline (or the end of the file) follows. {@code vectorAllowed} is false before
     * the start line (the vector's names are unknown then).
     */
    int parse(byte[] b, int from, int to, LineFields f, boolean vectorAllowed) {
        p = skipWs(b, from, to);
        if (p >= to || b[p] != '{') {
            return -1;
        }
        p = skipWs(b, p + 1, to);
        if (p < to && b[p] == '}') {
            return skipWs(b, p + 1, to);
        }
        while (true) {
            if (p >= to || b[p] != '"') {
                return -1;
            }
            int ks = p + 1;
            int ke = ks;
            while (ke < to && b[ke] != '"') {
                if (b[ke] == '\\' || b[ke] < 0x20) {
                    return -1;
                }
                ke++;
            }
            if (ke >= to) {
                return -1;
            }
            int key = LineFields.keyOf(b, ks, ke - ks);
            p = skipWs(b, ke + 1, to);
            if (p >= to || b[p] != ':') {
                return -1;
            }
            p = skipWs(b, p + 1, to);
            if (p >= to || !value(b, to, key, f, vectorAllowed)) {
                return -1;
            }
            p = skipWs(b, p, to);
            if (p >= to) {
                return -1;
            }
            if (b[p] == ',') {
                p = skipWs(b, p + 1, to);
            } else if (b[p] == '}') {
                return skipWs(b, p + 1, to);
            } else {
                return -1;
            }
        }
    }

    private boolean value(byte[] b, int to, int key, LineFields f, boolean vectorAllowed) {
        if (LineFields.isNumber(key)) {
            if (!isNumberStart(b[p])) {
                return false;
            }
            long v = number(b, to);
            if (p < 0) {
                return false;
            }
            f.setNumber(key, v);
            return true;
        }
        if (key == LineFields.EVENT) {
            String kind = string(b, to, KINDS, KIND_BYTES);
            if (kind == null) {
                return false;
            }
            f.event = kind;
            return true;
        }
        if (LineFields.isText(key) || (key == LineFields.TO && b[p] == '"')) {
            String s = string(b, to, names, nameBytes);
            if (s == null) {
                return false;
            }
            f.setText(key, s);
            return true;
        }
        if (LineFields.isList(key) || key == LineFields.TO) {
            List<String> list = strings(b, to);
            if (list == null) {
                return false;
            }
            f.setList(key, list);
            return true;
        }
        if (key == LineFields.VECTOR && vectorAllowed) {
            return vector(b, to, f);
        }
        if (key == LineFields.HLC) {
            return hlc(b, to, f);
        }
        return false; // unknown key or odd value: Jackson decides
    }

    /** A plain ASCII string (no escapes or control bytes): one of {@code known} when it matches, else a new String. */
    private String string(byte[] b, int to, String[] known, ShortBytes[] knownBytes) {
        if (b[p] != '"') {
            return null;
        }
        int s = p + 1;
        int e = s;
        while (e < to) {
            byte c = b[e];
            if (c == '"') {
                break;
            }
            if (c == '\\' || c < 0x20) { // escapes, control bytes and (negative) non-ASCII bytes
                return null;
            }
            e++;
        }
        if (e >= to) {
            return null;
        }
        p = e + 1;
        int len = e - s;
        int k = find(b, s, len, knownBytes, 0);
        return k >= 0 ? known[k] : new String(b, s, len, StandardCharsets.US_ASCII);
    }

    private List<String> strings(byte[] b, int to) {
        if (b[p] != '[') {
            return null;
        }
        p = skipWs(b, p + 1, to);
        if (p < to && b[p] == ']') {
            p++;
            return List.of();
        }
        String first = null;
        String second = null;
        List<String> more = null;
        while (true) {
            if (p >= to) {
                return null;
            }
            String s = string(b, to, names, nameBytes);
            if (s == null) {
                return null;
            }
            if (first == null) {
                first = s;
            } else if (second == null) {
                second = s;
            } else {
                if (more == null) {
                    more = new ArrayList<>();
                    more.add(first);
                    more.add(second);
                }
                more.add(s);
            }
            p = skipWs(b, p, to);
            if (p >= to) {
                return null;
            }
            if (b[p] == ',') {
                p = skipWs(b, p + 1, to);
            } else if (b[p] == ']') {
                p++;
                return more != null ? List.copyOf(more) : second != null ? List.of(first, second) : List.of(first);
            } else {
                return null;
            }
        }
    }

    /** {@code [l,c]}: two integers (their range is checked when the event is built). */
    private boolean hlc(byte[] b, int to, LineFields f) {
        if (b[p] != '[') {
            return false;
        }
        p = skipWs(b, p + 1, to);
        if (p >= to || !isNumberStart(b[p])) {
            return false;
        }
        long l = number(b, to);
        if (p < 0 || (p = skipWs(b, p, to)) >= to || b[p] != ',') {
            return false;
        }
        p = skipWs(b, p + 1, to);
        if (p >= to || !isNumberStart(b[p])) {
            return false;
        }
        long c = number(b, to);
        if (p < 0 || (p = skipWs(b, p, to)) >= to || b[p] != ']') {
            return false;
        }
        p++;
        f.setHlc(l, c);
        return true;
    }

    /** {"name":n,...} with every name a machine of the start line and every n >= 0. */
    private boolean vector(byte[] b, int to, LineFields f) {
        if (b[p] != '{') {
            return false;
        }
        Arrays.fill(vector, 0);
        int entry = 0;
        p = skipWs(b, p + 1, to);
        if (p < to && b[p] == '}') {
            p++;
            f.vectorCounters = vector;
            return true;
        }
        while (true) {
            if (p >= to || b[p] != '"') {
                return false;
            }
            int s = p + 1;
            int e = s;
            while (e < to && b[e] != '"' && b[e] != '\\') {
                e++;
            }
            if (e >= to || b[e] != '"') {
                return false;
            }
            // the writer lists the machines in order: try the entry's position first
            int machine = find(b, s, e - s, nameBytes, entry++);
            if (machine < 0) {
                return false;
            }
            p = skipWs(b, e + 1, to);
            if (p >= to || b[p] != ':') {
                return false;
            }
            p = skipWs(b, p + 1, to);
            if (p >= to || b[p] < '0' || b[p] > '9') {
                return false;
            }
            long v = number(b, to);
            if (p < 0) {
                return false;
            }
            vector[machine] = v;
            p = skipWs(b, p, to);
            if (p >= to) {
                return false;
            }
            if (b[p] == ',') {
                p = skipWs(b, p + 1, to);
            } else if (b[p] == '}') {
                p++;
                f.vectorCounters = vector;
                return true;
            } else {
                return false;
            }
        }
    }
}
