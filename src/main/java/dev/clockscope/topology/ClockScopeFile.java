package dev.clockscope.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clockscope.config.ConfigException;
import dev.clockscope.config.LinkSettingsParser;
import dev.clockscope.config.NetworkFaults;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * ClockScope's own topology format (docs/SIMULATOR.md, "Topologies"):
 * <pre>{"machines": ["a", "b", "c"],
 *  "links": [{"from": "a", "to": "b", "delay": "20ms"}, {"from": "b", "to": "c"}],
 *  "seed": 42}</pre>
 * Links are bidirectional; {@code delay} (optional) uses config.json's syntax ({@code 20ms},
 * {@code uniform:5ms..50ms}, {@code exp:20ms}); {@code seed} is optional. Unknown fields are errors, as in
 * config.json.
 */
final class ClockScopeFile {
    private static final Set<String> TOP_FIELDS = Set.of("machines", "links", "seed");
    private static final Set<String> LINK_FIELDS = Set.of("from", "to", "delay");

    private ClockScopeFile() {
    }

    static Topology read(JsonNode root, FileFields fields, String description) throws TopologyException {
        known(root, TOP_FIELDS, "", fields);
        JsonNode machines = fields.array(root, "machines");
        JsonNode links = fields.array(root, "links");
        if (machines.size() < 2) {
            throw fields.error("machines", "needs at least 2 machines, has " + machines.size());
        }
        String[] ids = new String[machines.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < machines.size(); i++) {
            ids[i] = fields.id(machines.get(i), "machines[" + i + "]");
            Integer before = index.putIfAbsent(ids[i], i);
            if (before != null) {
                throw fields.error("machines[" + i + "]", "\"" + ids[i] + "\" is already machines[" + before + "]");
            }
        }
        FileGraph graph = new FileGraph(fields, ids, "machines", links.size());
        for (int i = 0; i < links.size(); i++) {
            String path = "links[" + i + "]";
            JsonNode link = links.get(i);
            fields.object(link, path);
            known(link, LINK_FIELDS, path + ".", fields);
            int from = machine(fields.required(link, "from", path + ".from"), path + ".from", index, fields);
            int to = machine(fields.required(link, "to", path + ".to"), path + ".to", index, fields);
            graph.add(i, from, to, delay(link.get("delay"), path + ".delay", fields), FileGraph.Reverse.REFUSE);
        }
        return graph.build(description, fields.seed(root.get("seed"), "seed"));
    }

    private static int machine(JsonNode value, String path, Map<String, Integer> index, FileFields fields)
            throws TopologyException {
        Integer i = value.isTextual() ? index.get(value.asText()) : null;
        if (i == null) {
            throw fields.error(path, FileFields.shown(value) + " is not one of \"machines\"");
        }
        return i;
    }

    private static NetworkFaults.Delay delay(JsonNode value, String path, FileFields fields) throws TopologyException {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw fields.error(path, FileFields.shown(value) + " is not a delay such as \"20ms\", \"uniform:5ms..50ms\" or \"exp:20ms\"");
        }
        try {
            return LinkSettingsParser.delay(value.asText(), path);
        } catch (ConfigException e) {
            String reason = e.getMessage();
            throw fields.error(path, reason.startsWith(path + ": ") ? reason.substring(path.length() + 2) : reason);
        }
    }

    private static void known(JsonNode object, Set<String> names, String prefix, FileFields fields) throws TopologyException {
        if (!object.isObject()) {
            throw fields.error(prefix.isEmpty() ? "(top level)" : prefix, FileFields.shown(object) + " is not an object");
        }
        Iterator<String> it = object.fieldNames();
        while (it.hasNext()) {
            String name = it.next();
            if (!names.contains(name)) {
                throw fields.error(prefix + name, "unknown field (known: " + String.join(", ", names.stream().sorted().toList()) + ")");
            }
        }
    }
}
