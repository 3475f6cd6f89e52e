package dev.clockscope.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Iterator;
import java.util.Set;

/**
 * One control line for a machine's outgoing link to {@code peer}, as the cluster runner writes it to the
 * machine's standard input (one JSON object a line; docs/LIVE.md "Control lines"):
 * <pre>
 * {"control":"cut","to":"machine_2"}                      drop every send to the peer (undelivered, "partition")
 * {"control":"heal","to":"machine_2"}                     undo cut, delay and loss on that link
 * {"control":"delay","to":"machine_2","delayMillis":50}   hold each message 50 ms (the link stays FIFO)
 * {"control":"loss","to":"machine_2","probability":0.1}   drop each message with probability 0.1
 * </pre>
 * This class only parses and formats; a machine applies them with {@link FaultyTransport#control}.
 */
public record LinkControl(Kind kind, String peer, long delayMillis, double lossProbability) {
    public enum Kind {
        CUT("cut"), HEAL("heal"), DELAY("delay"), LOSS("loss");

        public final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    /** A line that is not a valid control: the message names the field and the value. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    public static final long MAX_DELAY_MILLIS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("control", "to", "delayMillis", "probability");

    /** Parses one line; {@code peers} are the machine's peers (the only valid {@code to}). */
    public static LinkControl parse(String line, Collection<String> peers) throws Invalid {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new Invalid("control line is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("control line is not a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new Invalid("control line: unknown field \"" + f + "\"");
            }
        }
        JsonNode c = root.get("control");
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (c != null && c.isTextual() && k.word.equals(c.asText())) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new Invalid("control: " + (c == null ? "missing" : c.toString()) + " is not cut, heal, delay or loss");
        }
        JsonNode to = root.get("to");
        if (to == null || !to.isTextual() || !peers.contains(to.asText())) {
            throw new Invalid("to: " + (to == null ? "missing" : to.toString()) + " is not a peer of this machine");
        }
        JsonNode d = root.get("delayMillis");
        JsonNode p = root.get("probability");
        if (kind == Kind.DELAY) {
            if (d == null || !d.isIntegralNumber() || d.asLong() < 0 || d.asLong() > MAX_DELAY_MILLIS) {
                throw new Invalid("delayMillis: " + (d == null ? "missing" : d.toString()) + " is not 0.." + MAX_DELAY_MILLIS);
            }
        } else if (d != null) {
            throw new Invalid("delayMillis: only with \"delay\"");
        }
        if (kind == Kind.LOSS) {
            if (p == null || !p.isNumber() || !(p.asDouble() >= 0 && p.asDouble() <= 1)) {
                throw new Invalid("probability: " + (p == null ? "missing" : p.toString()) + " is not 0..1");
            }
        } else if (p != null) {
            throw new Invalid("probability: only with \"loss\"");
        }
        return new LinkControl(kind, to.asText(), kind == Kind.DELAY ? d.asLong() : 0,
                kind == Kind.LOSS ? p.asDouble() : 0);
    }

    /** The line for this control (what {@link #parse} reads back). */
    public String format() {
        ObjectNode o = JSON.createObjectNode();
        o.put("control", kind.word);
        o.put("to", peer);
        if (kind == Kind.DELAY) {
            o.put("delayMillis", delayMillis);
        }
        if (kind == Kind.LOSS) {
            o.put("probability", lossProbability);
        }
        return o.toString();
    }
}
