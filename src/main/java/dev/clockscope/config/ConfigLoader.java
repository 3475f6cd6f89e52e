package dev.clockscope.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates config.json. Every error is one line: the file, the field path and the bad value,
 * e.g. {@code config.json: machines[1].port: 70000 is outside 1..65535}.
 */
public final class ConfigLoader {
    private static final Set<String> TOP_FIELDS = union(
            union(Set.of("machines", "ticksPerSecond", "die", "duration", "seed", "queueHighWaterMark"),
                    ClockSettingsParser.FIELDS),
            LinkSettingsParser.FIELDS);
    private static final Set<String> MACHINE_FIELDS = Set.of("id", "host", "port", "ticksPerSecond");
    /** Ids become file names and JSON keys: keep them to a safe alphabet. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // "{...} garbage" is not a config

    public ClusterConfig load(Path file) throws ConfigException {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + ": file not found (use --config FILE)");
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ConfigException(name + ": " + JsonErrors.describe(e));
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage());
        }
        ClusterConfig config = parse(root, name, file.toAbsolutePath().getParent());
        String envSecret = System.getenv(LinkSettings.SECRET_ENV);
        if (envSecret != null && !envSecret.isEmpty()) {
            config = config.withLink(config.link().withSecret(envSecret));
        }
        return config;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    ClusterConfig parse(JsonNode root, String name) throws ConfigException {
        return parse(root, name, Path.of("."));
    }

    ClusterConfig parse(JsonNode root, String name, Path configDir) throws ConfigException {
        if (root == null || !root.isObject()) {
            throw new ConfigException(name + ": top level must be a JSON object, got " + describe(root));
        }
        checkKnownFields((ObjectNode) root, TOP_FIELDS, name + ": ");

        JsonNode machinesNode = root.get("machines");
        if (machinesNode == null) {
            throw new ConfigException(name + ": machines: missing (a list of {\"id\", \"host\", \"port\"})");
        }
        if (!machinesNode.isArray()) {
            throw new ConfigException(name + ": machines: must be a list, got " + describe(machinesNode));
        }
        List<MachineSpec> machines = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> endpoints = new HashMap<>();
        for (int i = 0; i < machinesNode.size(); i++) {
            String at = name + ": machines[" + i + "]";
            JsonNode m = machinesNode.get(i);
            if (!m.isObject()) {
                throw new ConfigException(at + ": must be an object, got " + describe(m));
            }
            checkKnownFields((ObjectNode) m, MACHINE_FIELDS, at + ".");
            String id = requiredText(m, "id", at);
            if (!ID.matcher(id).matches()) {
                throw new ConfigException(at + ".id: \"" + id + "\" must be 1-64 of A-Z a-z 0-9 _ . -");
            }
            String host = requiredText(m, "host", at);
            if (host.isBlank()) {
                throw new ConfigException(at + ".host: must not be empty");
            }
            JsonNode portNode = m.get("port");
            if (portNode == null) {
                throw new ConfigException(at + ".port: missing");
            }
            if (!portNode.isIntegralNumber()) {
                throw new ConfigException(at + ".port: " + describe(portNode) + " is not an integer");
            }
            long port = portNode.asLong();
            if (port < 1 || port > 65535 || !portNode.canConvertToInt()) {
                throw new ConfigException(at + ".port: " + portNode.asText() + " is outside 1..65535");
            }
            Integer previous = ids.putIfAbsent(id, i);
            if (previous != null) {
                throw new ConfigException(at + ".id: \"" + id + "\" duplicates machines[" + previous + "].id");
            }
            Integer samePort = endpoints.putIfAbsent(host + ":" + port, i);
            if (samePort != null) {
                throw new ConfigException(at + ".port: " + port + " on host " + host
                        + " duplicates machines[" + samePort + "].port");
            }
            OptionalInt fixedRate = OptionalInt.empty();
            JsonNode rateNode = m.get("ticksPerSecond");
            if (rateNode != null && !rateNode.isNull()) {
                if (!rateNode.isIntegralNumber() || !rateNode.canConvertToInt() || rateNode.asInt() < 1
                        || rateNode.asInt() > RateRange.MAX_TICKS_PER_SECOND) {
                    throw new ConfigException(at + ".ticksPerSecond: " + describe(rateNode) + " is not an integer in 1.."
                            + RateRange.MAX_TICKS_PER_SECOND);
                }
                fixedRate = OptionalInt.of(rateNode.asInt());
            }
            machines.add(new MachineSpec(id, host, (int) port, fixedRate));
        }
        if (machines.size() < 2) {
            throw new ConfigException(name + ": machines: needs at least 2 machines, got " + machines.size());
        }

        RateRange rates = ClusterConfig.DEFAULT_TICKS_PER_SECOND;
        JsonNode rateNode = root.get("ticksPerSecond");
        if (rateNode != null) {
            if (rateNode.isIntegralNumber() && rateNode.canConvertToInt()) {
                rates = RateRange.of(rateNode.asInt(), rateNode.asInt(), name + ": ticksPerSecond", rateNode.asText());
            } else if (rateNode.isTextual()) {
                rates = RateRange.parse(rateNode.asText(), name + ": ticksPerSecond");
            } else {
                throw new ConfigException(name + ": ticksPerSecond: " + describe(rateNode)
                        + " is not an integer, \"MIN..MAX\" or \"max\"");
            }
        }

        int die = ClusterConfig.DEFAULT_DIE;
        JsonNode dieNode = root.get("die");
        if (dieNode != null) {
            if (!dieNode.isIntegralNumber() || !dieNode.canConvertToInt()) {
                throw new ConfigException(name + ": die: " + describe(dieNode) + " is not an integer");
            }
            die = dieNode.asInt();
        }
        checkDie(die, machines.size(), name + ": die");

        Duration duration = ClusterConfig.DEFAULT_DURATION;
        JsonNode durationNode = root.get("duration");
        if (durationNode != null) {
            if (durationNode.isNumber()) {
                // seconds, as the option's bare number: 90, or 1.5 (the same rules and limits)
                duration = DurationText.parse(durationNode.asText(), name + ": duration");
            } else if (durationNode.isTextual()) {
                duration = DurationText.parse(durationNode.asText(), name + ": duration");
            } else {
                throw new ConfigException(name + ": duration: " + describe(durationNode)
                        + " is not a duration such as \"60s\", \"2m\" or 0");
            }
        }

        OptionalLong seed = OptionalLong.empty();
        JsonNode seedNode = root.get("seed");
        if (seedNode != null && !seedNode.isNull()) {
            if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
                throw new ConfigException(name + ": seed: " + describe(seedNode) + " is not a 64-bit integer");
            }
            seed = OptionalLong.of(seedNode.asLong());
        }

        int highWater = ClusterConfig.DEFAULT_QUEUE_HIGH_WATER_MARK;
        JsonNode hwNode = root.get("queueHighWaterMark");
        if (hwNode != null) {
            if (!hwNode.isIntegralNumber() || !hwNode.canConvertToInt() || hwNode.asInt() < 16) {
                throw new ConfigException(name + ": queueHighWaterMark: " + describe(hwNode)
                        + " is not an integer >= 16");
            }
            highWater = hwNode.asInt();
        }
        LinkSettings link = LinkSettingsParser.parse(root, name, configDir,
                machines.stream().map(MachineSpec::id).toList());
        ClockSettings clocks = ClockSettingsParser.parse(root, name, machines.stream().map(MachineSpec::id).toList());
        return new ClusterConfig(machines, rates, die, duration, seed, highWater, link, clocks);
    }

    /**
     * A die has at least 2 sides (checked first: below 2 the machine count is not what is wrong), one per
     * machine at least (faces 1..N choose the send targets), and at most 1,000,000.
     */
    static void checkDie(int die, int machineCount, String what) throws ConfigException {
        if (die < 2) {
            throw new ConfigException(what + ": must be at least 2 sides, got " + die);
        }
        if (die < machineCount) {
            throw new ConfigException(what + ": " + die + " is smaller than the machine count " + machineCount
                    + " (faces 1.." + machineCount + " choose the send targets)");
        }
        if (die > 1_000_000) {
            throw new ConfigException(what + ": " + die + " is larger than 1000000");
        }
    }

    private static String requiredText(JsonNode m, String field, String at) throws ConfigException {
        JsonNode node = m.get(field);
        if (node == null) {
            throw new ConfigException(at + "." + field + ": missing");
        }
        if (!node.isTextual()) {
            throw new ConfigException(at + "." + field + ": " + describe(node) + " is not a string");
        }
        return node.asText();
    }

    private static void checkKnownFields(ObjectNode node, Set<String> known, String prefix) throws ConfigException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!known.contains(field)) {
                throw new ConfigException(prefix + "unknown field \"" + field + "\" (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
