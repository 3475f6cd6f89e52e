package dev.clockscope.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clockscope.files.WholeFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a {@link ClusterConfig} as config.json, in the format {@link ConfigLoader} reads. The cluster
 * secret is never written (pass it through {@link LinkSettings#SECRET_ENV}); TLS file names are written as
 * absolute paths so the file works from any directory.
 */
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
        writeLink(root, config.link());
        writeClocks(root, config.clocks());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a config tree", e);
        }
    }

    private static void writeLink(ObjectNode root, LinkSettings link) {
        root.put("handshakeTimeout", DurationText.format(link.handshakeTimeout()));
        root.put("heartbeatInterval", DurationText.format(link.heartbeatInterval()));
        root.put("heartbeatTimeout", DurationText.format(link.heartbeatTimeout()));
        if (link.tls() != null) {
            root.putObject("tls")
                    .put("ca", link.tls().caFile().toAbsolutePath().toString())
                    .put("cert", link.tls().base().resolve(link.tls().cert()).toAbsolutePath().toString())
                    .put("key", link.tls().base().resolve(link.tls().key()).toAbsolutePath().toString());
        }
        if (!link.network().isEmpty()) {
            writeNetwork(root, link.network());
        }
    }

    private static void writeClocks(ObjectNode root, ClockSettings clocks) {
        root.put("clocks", clocks.clocksText());
        writeClockErrors(root, clocks);
    }

    /** The HLC's max offset and the clocks' skew and drift, as config.json has them. */
    public static void writeClockErrors(ObjectNode root, ClockSettings clocks) {
        root.put("hlcMaxOffset", DurationText.format(clocks.hlcMaxOffset()));
        if (!clocks.skew().isNone()) {
            clocks.skew().texts().forEach(root.putArray("clockSkew")::add);
        }
        if (!clocks.drift().isNone()) {
            clocks.drift().texts().forEach(root.putArray("clockDrift")::add);
        }
    }

    /** The {@code network} section, as config.json has it. */
    public static void writeNetwork(ObjectNode root, NetworkFaults network) {
        ArrayNode rules = root.putObject("network").putArray("links");
        for (NetworkFaults.Rule r : network.rules()) {
            ObjectNode rule = rules.addObject().put("from", r.from()).put("to", r.to()).put("bothWays", r.bothWays());
            if (r.delay() != null) {
                rule.put("delay", delayText(r.delay()));
            }
            rule.put("loss", Double.toString(r.loss()));
            ArrayNode windows = rule.putArray("partitions");
            for (NetworkFaults.Window w : r.partitions()) {
                windows.add(w.startMillis() + "ms.." + w.endMillis() + "ms");
            }
        }
    }

    /** The text {@link LinkSettingsParser#delay} reads back to the same delay. */
    public static String delayText(NetworkFaults.Delay d) {
        return switch (d.kind()) {
            case "uniform" -> "uniform:" + time(d.aMillis()) + ".." + time(d.bMillis());
            case "exponential" -> "exp:" + time(d.aMillis());
            // from topology files only (no config.json syntax): shown, not read back
            case "normal" -> "normal:" + time(d.aMillis()) + "," + time(d.bMillis());
            default -> time(d.aMillis());
        };
    }

    /** Milliseconds as a duration text, in µs when not whole (delays keep microseconds). */
    private static String time(double millis) {
        return DurationText.format(java.time.Duration.ofNanos(Math.round(millis * 1_000_000)));
    }

    public static void write(ClusterConfig config, Path file) throws IOException {
        WholeFile.writeString(file, toJson(config));
    }
}
