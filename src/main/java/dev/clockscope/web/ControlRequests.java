package dev.clockscope.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Validates a control message from the page, every field, before anything changes (docs/LIVE.md "Controls"):
 * <pre>
 * {"type":"control","id":7,"token":"...","action":"pause","machine":"machine_2"}
 * {"type":"control","id":8,"token":"...","action":"delay","from":"machine_1","to":"machine_2","delayMillis":50}
 * </pre>
 * A bad message gets one line naming the field and the value (the token is never echoed).
 */
public final class ControlRequests {
    /** Bounds of the link controls: a delay up to a minute. */
    public static final int MAX_DELAY_MILLIS = 60_000;
    /** Strict: a field twice (which one would count?) or anything after the object is a bad message. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> FIELDS = Set.of("type", "id", "token", "action", "machine", "from", "to",
            "delayMillis", "probability");

    private ControlRequests() {
    }

    /** Parses and validates {@code text} against the run's token and machines. */
    public static ControlRequest parse(String text, String token, List<String> machines) throws ControlException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            if (m.startsWith("Trailing token")) {
                throw new ControlException("not a JSON object: more after the JSON object");
            }
            if (m.startsWith("Duplicate field '")) {
                throw new ControlException("duplicate field \"" + clip(m.substring(17, m.length() - 1)) + "\"");
            }
            throw new ControlException("not a JSON object: " + m);
        }
        if (root == null || !root.isObject()) {
            throw new ControlException("not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ControlException("unknown field \"" + clip(name) + "\"");
            }
        }
        if (!"control".equals(text(root, "type"))) {
            throw new ControlException("type: expected \"control\", got " + shown(root.get("type")));
        }
        long id = 0;
        if (root.has("id")) {
            if (!root.get("id").canConvertToLong() || !root.get("id").isIntegralNumber()) {
                throw new ControlException("id: expected an integer, got " + shown(root.get("id")));
            }
            id = root.get("id").asLong();
        }
        String sent = text(root, "token");
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            throw new ControlException("token: missing or wrong");
        }
        String word = text(root, "action");
        ControlRequest.Action action = null;
        for (ControlRequest.Action a : ControlRequest.Action.values()) {
            if (a.word.equals(word)) {
                action = a;
            }
        }
        if (action == null) {
            throw new ControlException("action: " + shown(root.get("action"))
                    + " is not one of pause, resume, kill, restart, cut, heal, delay, loss");
        }
        if (!action.link) {
            refuse(root, action, "from", "to", "delayMillis", "probability");
            return new ControlRequest(id, action, machine(root, "machine", machines), null, null, null, null);
        }
        refuse(root, action, "machine");
        String from = machine(root, "from", machines);
        String to = machine(root, "to", machines);
        if (from.equals(to)) {
            throw new ControlException("to: \"" + to + "\" is the same machine as from");
        }
        Integer delay = null;
        Double loss = null;
        if (action == ControlRequest.Action.DELAY) {
            JsonNode d = root.get("delayMillis");
            // canConvertToInt first: asLong() of an integer beyond 64 bits wraps (2^64 + 50 would read as 50)
            if (d == null || !d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 0
                    || d.asInt() > MAX_DELAY_MILLIS) {
                throw new ControlException("delayMillis: expected an integer 0.." + MAX_DELAY_MILLIS + ", got "
                        + shown(d));
            }
            delay = d.asInt();
        } else {
            refuse(root, action, "delayMillis");
        }
        if (action == ControlRequest.Action.LOSS) {
            JsonNode p = root.get("probability");
            if (p == null || !p.isNumber() || !(p.asDouble() >= 0 && p.asDouble() <= 1)) {
                throw new ControlException("probability: expected a number 0..1, got " + shown(p));
            }
            loss = p.asDouble();
        } else {
            refuse(root, action, "probability");
        }
        return new ControlRequest(id, action, null, from, to, delay, loss);
    }

    /** The request id of {@code text} if it has a readable one, so even a refusal can be matched; else 0. */
    public static long idOf(String text) {
        try {
            JsonNode id = JSON.readTree(text).get("id");
            return id != null && id.isIntegralNumber() && id.canConvertToLong() ? id.asLong() : 0;
        } catch (JsonProcessingException | RuntimeException e) {
            return 0;
        }
    }

    private static void refuse(JsonNode root, ControlRequest.Action action, String... fields) throws ControlException {
        for (String f : fields) {
            if (root.has(f)) {
                throw new ControlException(f + ": not allowed with action \"" + action.word + "\"");
            }
        }
    }

    private static String machine(JsonNode root, String field, List<String> machines) throws ControlException {
        String id = text(root, field);
        if (id == null) {
            throw new ControlException(field + ": expected a machine id, got " + shown(root.get(field)));
        }
        if (!machines.contains(id)) {
            throw new ControlException(field + ": \"" + clip(id) + "\" is not a machine of this run");
        }
        return id;
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static String shown(JsonNode n) {
        return n == null ? "nothing" : clip(n.toString());
    }

    /** Echoed values are cut short so an error line stays one short line. */
    private static String clip(String s) {
        String oneLine = s.replaceAll("[\\r\\n\\t]", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "...";
    }
}
