package dev.clockscope.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The config.json fields "clocks", "hlcMaxOffset", "clockSkew" and "clockDrift", and the same CLI texts. */
public final class ClockSettingsParser {
    static final Set<String> FIELDS = Set.of("clocks", "hlcMaxOffset", "clockSkew", "clockDrift");

    private ClockSettingsParser() {
    }

    static ClockSettings parse(JsonNode root, String name, List<String> ids) throws ConfigException {
        ClockSettings s = ClockSettings.DEFAULT;
        JsonNode clocks = root.get("clocks");
        if (clocks != null) {
            if (!clocks.isTextual()) {
                throw new ConfigException(name + ": clocks: " + clocks + " is not a string such as \"lamport,vector,hlc\"");
            }
            s = s.withHlc(hlc(clocks.asText(), name + ": clocks"));
        }
        JsonNode max = root.get("hlcMaxOffset");
        if (max != null) {
            s = s.withHlcMaxOffset(maxOffset(max.asText(), name + ": hlcMaxOffset"));
        }
        s = s.withSkew(spec(root, "clockSkew", ClockErrorSpec.Unit.OFFSET, name))
                .withDrift(spec(root, "clockDrift", ClockErrorSpec.Unit.DRIFT, name));
        s.skew().check(ids, name + ": clockSkew");
        s.drift().check(ids, name + ": clockDrift");
        return s;
    }

    private static ClockErrorSpec spec(JsonNode root, String field, ClockErrorSpec.Unit unit, String name)
            throws ConfigException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return ClockErrorSpec.none(unit);
        }
        List<String> texts = new ArrayList<>();
        if (node.isTextual()) {
            texts.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode t : node) {
                if (!t.isTextual()) {
                    throw new ConfigException(name + ": " + field + ": " + t + " is not a string such as \""
                            + (unit == ClockErrorSpec.Unit.OFFSET ? "machine_2=+150ms" : "machine_3=+200ppm") + "\"");
                }
                texts.add(t.asText());
            }
        } else {
            throw new ConfigException(name + ": " + field + ": " + node + " is not a list of strings");
        }
        return ClockErrorSpec.parse(unit, texts, name + ": " + field);
    }

    /**
     * Whether {@code text} ({@code lamport,vector} or {@code lamport,vector,hlc}) asks for an HLC. A real machine
     * always keeps Lamport and (dense) vector clocks: they are on the wire.
     */
    public static boolean hlc(String text, String what) throws ConfigException {
        List<String> names = clockNames(text, what, List.of("lamport", "vector", "vector:dense", "hlc"));
        boolean lamport = names.contains("lamport");
        boolean vector = names.contains("vector") || names.contains("vector:dense");
        if (!lamport || !vector) {
            throw new ConfigException(what + ": \"" + text + "\" leaves out " + (lamport ? "vector" : "lamport")
                    + ", which a real cluster always keeps (give lamport,vector or lamport,vector,hlc)");
        }
        return names.contains("hlc");
    }

    /**
     * The clocks a list such as {@code lamport,vector,hlc} names, in lower case, each one of {@code known}. A clock
     * named twice is refused, and so are two vector clocks ({@code vector,vector:dense}): "lamport,lamport" was
     * accepted without a word, and a repeated name may be a typo.
     */
    public static List<String> clockNames(String text, String what, List<String> known) throws ConfigException {
        List<String> names = new ArrayList<>();
        for (String c : Keywords.of(text).split(",")) {
            String name = c.trim();
            if (!known.contains(name)) {
                throw new ConfigException(what + ": \"" + name + "\" is not "
                        + String.join(", ", known.subList(0, known.size() - 1)) + " or " + known.get(known.size() - 1));
            }
            if (names.contains(name)) {
                throw new ConfigException(what + ": \"" + text + "\" names " + name + " twice");
            }
            for (String before : names) {
                if (before.startsWith("vector") && name.startsWith("vector")) {
                    // one vector clock per run: "lamport,vector:dense,vector:sparse" ran sparse without a word
                    throw new ConfigException(what + ": \"" + text + "\" names two vector clocks (" + before + ", "
                            + name + ")");
                }
            }
            names.add(name);
        }
        return names;
    }

    /** A max offset: a positive duration, at most an hour. */
    public static Duration maxOffset(String text, String what) throws ConfigException {
        Duration d = DurationText.parse(text, what);
        if (d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException(what + ": \"" + text + "\" is not between 1us and 1h");
        }
        return d;
    }
}
