package dev.clockscope.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link ClusterConfig} as config.json, in the format {@link ConfigLoader} reads. */
public final class ConfigWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigWriter() {
    }

    public static String toJson(ClusterConfig config) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode machines = root.putArray("machines");
        for (MachineSpec m : config.machines()) {
            ObjectNode node = machines.addObject().put("id", m.id()).put("host", m.host()).put("port", m.port());
            m.ticksPerSecond().ifPresent(rate -> node.put("ticksPerSecond", rate));
        }
        root.put("ticksPerSecond", config.ticksPerSecond().toString());
        root.put("die", config.die());
        root.put("duration", DurationText.format(config.duration()));
        if (config.seed().isPresent()) {
            root.put("seed", config.seed().getAsLong());
        } else {
            root.putNull("seed");
        }
        root.put("queueHighWaterMark", config.queueHighWaterMark());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a config tree", e);
        }
    }

    public static void write(ClusterConfig config, Path file) throws IOException {
        Files.writeString(file, toJson(config));
    }
}
