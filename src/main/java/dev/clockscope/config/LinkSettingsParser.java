package dev.clockscope.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config.json fields "secret", "handshakeTimeout", "heartbeatInterval", "heartbeatTimeout", "tls" and
 * "network", and the CLI's --net-* texts.
 */
public final class LinkSettingsParser {
    static final Set<String> FIELDS = Set.of("secret", "handshakeTimeout", "heartbeatInterval", "heartbeatTimeout",
            "tls", "network");
    private static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(10);
    private static final Pattern UNIFORM = Keywords.pattern("uniform:(.+)\\.\\.(.+)");
    private static final Pattern EXPONENTIAL = Keywords.pattern("exp(?:onential)?:(.+)");
    private static final Pattern WINDOW = Pattern.compile("(.+)\\.\\.(.+)");

    private LinkSettingsParser() {
    }

    static LinkSettings parse(JsonNode root, String name, Path configDir, List<String> ids) throws ConfigException {
        String secret = null;
        JsonNode s = root.get("secret");
        if (s != null && !s.isNull()) {
            if (!s.isTextual() || s.asText().isEmpty()) {
                // never echo the value: it may be a real secret typed in the wrong place
                throw new ConfigException(name + ": secret: must be a non-empty string (value not shown)");
            }
            secret = s.asText();
        }
        Duration handshake = LinkSettings.DEFAULT_HANDSHAKE_TIMEOUT;
        JsonNode h = root.get("handshakeTimeout");
        if (h != null) {
            handshake = DurationText.parse(h.asText(), name + ": handshakeTimeout");
            if (handshake.toMillis() < 100) {
                throw new ConfigException(name + ": handshakeTimeout: \"" + h.asText() + "\" is shorter than 100ms");
            }
        }
        Duration beat = duration(root, "heartbeatInterval", name, LinkSettings.DEFAULT_HEARTBEAT_INTERVAL);
        if (beat.compareTo(MIN_HEARTBEAT_INTERVAL) < 0) {
            throw new ConfigException(name + ": heartbeatInterval: \"" + root.get("heartbeatInterval").asText()
                    + "\" is shorter than 10ms");
        }
        Duration dead = duration(root, "heartbeatTimeout", name, LinkSettings.DEFAULT_HEARTBEAT_TIMEOUT);
        if (dead.compareTo(beat.multipliedBy(3)) < 0) {
            // a live peer's frames may be two intervals apart: the timeout must leave room for that and more
            String given = root.has("heartbeatTimeout") ? "\"" + root.get("heartbeatTimeout").asText() + "\""
                    : "\"" + DurationText.format(dead) + "\" (the default)";
            throw new ConfigException(name + ": heartbeatTimeout: " + given + " is shorter than 3 x heartbeatInterval ("
                    + DurationText.format(beat.multipliedBy(3)) + ")");
        }
        LinkSettings.Tls tls = null;
        JsonNode t = root.get("tls");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                throw new ConfigException(name + ": tls: must be an object {\"ca\", \"cert\", \"key\"}");
            }
            known(t, Set.of("ca", "cert", "key"), name + ": tls.");
            tls = new LinkSettings.Tls(configDir, text(t, "ca", name + ": tls"), text(t, "cert", name + ": tls"),
                    text(t, "key", name + ": tls"));
        }
        NetworkFaults network = NetworkFaults.NONE;
        JsonNode n = root.get("network");
        if (n != null && !n.isNull()) {
            if (!n.isObject()) {
                throw new ConfigException(name + ": network: must be an object {\"links\": [...]}");
            }
            known(n, Set.of("links"), name + ": network.");
            JsonNode links = n.get("links");
            if (links == null || !links.isArray()) {
                throw new ConfigException(name + ": network.links: must be a list of rules");
            }
            List<NetworkFaults.Rule> rules = new ArrayList<>();
            for (int i = 0; i < links.size(); i++) {
                rules.add(rule(links.get(i), name + ": network.links[" + i + "]", ids));
            }
            network = new NetworkFaults(rules);
        }
        return new LinkSettings(secret, handshake, tls, network, beat, dead);
    }

    private static Duration duration(JsonNode root, String field, String name, Duration otherwise) throws ConfigException {
        JsonNode value = root.get(field);
        return value == null ? otherwise : DurationText.parse(value.asText(), name + ": " + field);
    }

    private static NetworkFaults.Rule rule(JsonNode r, String at, List<String> ids) throws ConfigException {
        if (!r.isObject()) {
            throw new ConfigException(at + ": must be an object");
        }
        known(r, Set.of("from", "to", "bothWays", "delay", "loss", "partitions"), at + ".");
        String from = r.has("from") ? machine(r.get("from"), at + ".from", ids) : NetworkFaults.ANY;
        String to = r.has("to") ? machine(r.get("to"), at + ".to", ids) : NetworkFaults.ANY;
        JsonNode b = r.get("bothWays");
        if (b != null && !b.isBoolean()) {
            // asBoolean() read "yes" (or 1) as false without a word
            throw new ConfigException(at + ".bothWays: " + b + " is not true or false");
        }
        boolean both = b != null && b.booleanValue();
        JsonNode d = r.get("delay");
        if (d != null && !d.isTextual() && !d.isNumber()) {
            // asText() of an object or a list is "": the error showed "" instead of the value
            throw new ConfigException(at + ".delay: " + d + " is not a delay such as 20ms, uniform:5ms..50ms or exp:20ms");
        }
        NetworkFaults.Delay delay = d != null ? delay(d.asText(), at + ".delay") : null;
        double loss = r.has("loss") ? loss(r.get("loss").asText(), at + ".loss") : 0;
        List<NetworkFaults.Window> windows = new ArrayList<>();
        JsonNode p = r.get("partitions");
        if (p != null) {
            if (!p.isArray()) {
                throw new ConfigException(at + ".partitions: must be a list such as [\"5s..10s\"]");
            }
            for (int i = 0; i < p.size(); i++) {
                windows.add(window(p.get(i).asText(), at + ".partitions[" + i + "]"));
            }
        }
        return new NetworkFaults.Rule(from, to, both, delay, loss, windows);
    }

    private static String machine(JsonNode node, String at, List<String> ids) throws ConfigException {
        String id = node.asText();
        if (!NetworkFaults.ANY.equals(id) && !ids.contains(id)) {
            throw new ConfigException(at + ": \"" + id + "\" is not a machine id or \"*\"");
        }
        return id;
    }

    /** {@code 20ms} (constant), {@code uniform:5ms..50ms}, {@code exp:20ms} (exponential with that mean). */
    public static NetworkFaults.Delay delay(String text, String what) throws ConfigException {
        Matcher u = UNIFORM.matcher(text);
        if (u.matches()) {
            double a = millis(DurationText.parse(u.group(1), what));
            double b = millis(DurationText.parse(u.group(2), what));
            if (b < a) {
                throw new ConfigException(what + ": \"" + text + "\" has its bounds reversed");
            }
            return new NetworkFaults.Delay("uniform", a, b);
        }
        Matcher e = EXPONENTIAL.matcher(text);
        if (e.matches()) {
            return new NetworkFaults.Delay("exponential", millis(DurationText.parse(e.group(1), what)), 0);
        }
        if (!DurationText.isDuration(text)) {
            throw new ConfigException(what + ": \"" + text + "\" is not a delay such as 20ms, uniform:5ms..50ms or exp:20ms");
        }
        return new NetworkFaults.Delay("constant", millis(DurationText.parse(text, what)), 0);
    }

    /** Delays keep microseconds (a simulated loopback link is a few hundred µs). */
    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    public static double loss(String text, String what) throws ConfigException {
        try {
            double p = Double.parseDouble(text);
            if (p >= 0 && p <= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(what + ": \"" + text + "\" is not a probability between 0 and 1");
    }

    /** {@code 5s..10s}: from 5 s to 10 s after the machine starts ticking. */
    public static NetworkFaults.Window window(String text, String what) throws ConfigException {
        Matcher w = WINDOW.matcher(text);
        if (!w.matches()) {
            throw new ConfigException(what + ": \"" + text + "\" is not a time window such as 5s..10s");
        }
        Duration from = DurationText.parse(w.group(1), what);
        Duration to = DurationText.parse(w.group(2), what);
        if (from.toNanos() % 1_000_000 != 0 || to.toNanos() % 1_000_000 != 0) {
            // cut to whole milliseconds without a word: "500us..2500us" was the window 0..2ms
            throw new ConfigException(what + ": \"" + text + "\" is not in whole milliseconds (windows count"
                    + " milliseconds)");
        }
        long start = from.toMillis();
        long end = to.toMillis();
        if (end < start) {
            throw new ConfigException(what + ": \"" + text + "\" ends before it starts");
        }
        if (end == start) {
            // "1s..1s" was said to end before it starts
            throw new ConfigException(what + ": \"" + text + "\" is empty: it ends when it starts");
        }
        return new NetworkFaults.Window(start, end);
    }

    private static String text(JsonNode node, String field, String at) throws ConfigException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new ConfigException(at + "." + field + ": missing or not a file name");
        }
        return v.asText();
    }

    private static void known(JsonNode node, Set<String> fields, String prefix) throws ConfigException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!fields.contains(f)) {
                throw new ConfigException(prefix + "unknown field \"" + f + "\" (known: "
                        + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
    }
}
