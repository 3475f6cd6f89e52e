package dev.clockscope.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clockscope.config.NetworkFaults;

/**
 * CloudScope's topology files (github.com/bbengfort/cloudscope, {@code deploy/data/*.json}), read as
 * CloudScope reads them ({@code cloudscope/simulation/main.py}, {@code simulation/network.py}):
 * {@code nodes} is a list of objects with an {@code id}; {@code links[i].source} and {@code .target} are
 * indices into {@code nodes}, and each link is bidirectional; {@code connection} is {@code "constant"}
 * (the default), {@code "variable"} or {@code "normal"}; {@code latency} is milliseconds: a number for
 * constant, {@code [min, max]} for variable (uniform), {@code [mean, stddev]} for normal;
 * {@code meta.seed} is null or a whole number. Every other field (labels, locations, consistency, "area",
 * the rest of "meta") is ignored. CloudScope's own generator ({@code scope.py generate}) writes each link in
 * both directions with the same settings: such a link back is the same link. A missing latency is an error
 * here (CloudScope would take the 800 ms default of its settings file, which a reader of the file cannot see).
 */
final class CloudScopeFile {
    private CloudScopeFile() {
    }

    static Topology read(JsonNode root, FileFields fields, String description) throws TopologyException {
        JsonNode nodes = fields.array(root, "nodes");
        JsonNode links = fields.array(root, "links");
        JsonNode meta = root.get("meta");
        if (meta != null && !meta.isNull()) {
            fields.object(meta, "meta");
        }
        if (nodes.size() < 2) {
            throw fields.error("nodes", "needs at least 2 machines, has " + nodes.size());
        }
        String[] ids = new String[nodes.size()];
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = "nodes[" + i + "]";
            fields.object(nodes.get(i), path);
            ids[i] = fields.id(fields.required(nodes.get(i), "id", path + ".id"), path + ".id");
            Integer before = seen.putIfAbsent(ids[i], i);
            if (before != null) {
                throw fields.error(path + ".id", "\"" + ids[i] + "\" is already nodes[" + before + "].id");
            }
        }
        FileGraph graph = new FileGraph(fields, ids, "nodes", links.size());
        for (int i = 0; i < links.size(); i++) {
            String path = "links[" + i + "]";
            JsonNode link = links.get(i);
            fields.object(link, path);
            int source = fields.index(fields.required(link, "source", path + ".source"), path + ".source", ids.length, "nodes");
            int target = fields.index(fields.required(link, "target", path + ".target"), path + ".target", ids.length, "nodes");
            graph.add(i, source, target, delay(link, path, fields), FileGraph.Reverse.SAME_LINK);
        }
        return graph.build(description, fields.seed(meta == null ? null : meta.get("seed"), "meta.seed"));
    }

    private static NetworkFaults.Delay delay(JsonNode link, String path, FileFields fields) throws TopologyException {
        JsonNode c = link.get("connection");
        String connection = c == null ? "constant" : c.asText();
        if (c != null && !c.isTextual()) {
            throw fields.error(path + ".connection", FileFields.shown(c) + " is not \"constant\", \"variable\" or \"normal\"");
        }
        JsonNode latency = fields.required(link, "latency", path + ".latency");
        String at = path + ".latency";
        return switch (connection) {
            case "constant" -> new NetworkFaults.Delay("constant",
                    fields.millis(latency, at, "a number of milliseconds (connection \"constant\")"), 0);
            case "variable" -> {
                double[] pair = pair(latency, at, fields, "[min, max] in milliseconds (connection \"variable\")");
                if (pair[1] < pair[0]) {
                    throw fields.error(at, FileFields.shown(latency) + " has its bounds reversed");
                }
                yield new NetworkFaults.Delay("uniform", pair[0], pair[1]);
            }
            case "normal" -> {
                double[] pair = pair(latency, at, fields, "[mean, stddev] in milliseconds (connection \"normal\")");
                yield new NetworkFaults.Delay("normal", pair[0], pair[1]);
            }
            default -> throw fields.error(path + ".connection", FileFields.shown(c) + " is not \"constant\", \"variable\" or \"normal\"");
        };
    }

    private static double[] pair(JsonNode latency, String at, FileFields fields, String what) throws TopologyException {
        if (!latency.isArray() || latency.size() != 2) {
            throw fields.error(at, FileFields.shown(latency) + " is not " + what);
        }
        return new double[] {fields.millis(latency.get(0), at + "[0]", "a number of milliseconds"),
            fields.millis(latency.get(1), at + "[1]", "a number of milliseconds")};
    }
}
