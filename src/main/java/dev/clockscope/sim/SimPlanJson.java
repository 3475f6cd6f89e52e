package dev.clockscope.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clockscope.config.ConfigWriter;
import dev.clockscope.config.DurationText;
import dev.clockscope.files.WholeFile;
import dev.clockscope.node.MachineFactory;
import java.io.IOException;
import java.nio.file.Path;

/** A simulated run's {@code simulation.json}: everything needed to run it again, its seed included. */
final class SimPlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Ids are listed up to here; above, machines are machine_1..N. */
    private static final int IDS_LISTED = 1_000;

    private SimPlanJson() {
    }

    static void write(SimPlan plan, SimOptions o, Path file) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("seed", o.seed());
        root.put("seedText", Long.toString(o.seed()));
        int n = o.ids().size();
        root.put("machines", n);
        if (n <= IDS_LISTED) {
            ArrayNode ids = root.putArray("ids");
            o.ids().asList().forEach(ids::add);
        }
        root.put("topology", plan.topology().description());
        // run i of a batch has seed + i - 1 but its batch's graph: this seed reruns it (--topology-seed)
        root.put("topologySeed", plan.topologySeed());
        root.put("actions", plan.policy());
        root.put("clocks", plan.clocks());
        root.put("ticksPerSecond", o.minRate() == o.maxRate() ? Integer.toString(o.minRate()) : o.minRate() + ".." + o.maxRate());
        // by machine: config.json may fix the rate of some machines only, and the others draw theirs
        ObjectNode fixed = null;
        for (int i = 0; i < n && i <= IDS_LISTED; i++) {
            int r = o.fixedRate().applyAsInt(i);
            if (r != MachineFactory.DRAW) {
                if (fixed == null) {
                    fixed = root.putObject("rates");
                }
                fixed.put(o.ids().id(i), r);
            }
        }
        root.put("duration", DurationText.format(o.duration()));
        root.put("phase", o.randomPhase() ? "random" : "0");
        root.put("linkDelay", plan.linkDelay());
        root.put("linkLoss", o.links().silentLoss());
        root.put("heartbeatTimeout", DurationText.format(o.links().heartbeatTimeout()));
        ConfigWriter.writeClockErrors(root, o.clocks());
        if (!o.faults().isEmpty()) {
            ConfigWriter.writeNetwork(root, o.faults());
        }
        outages(root.putArray("crashes"), plan, o, true);
        outages(root.putArray("pauses"), plan, o, false);
        root.put("log", plan.fullLogs() ? "full" : "none");
        root.put("version", o.version());
        WholeFile.writeString(file, MAPPER.writeValueAsString(root) + "\n");
    }

    private static void outages(ArrayNode out, SimPlan plan, SimOptions o, boolean crashes) {
        for (Outage x : crashes ? o.crashes() : o.pauses()) {
            String to = x.toNanos() == Long.MAX_VALUE ? ""
                    : ".." + DurationText.format(java.time.Duration.ofNanos(x.toNanos()));
            out.add(o.ids().id(x.machine()) + "@" + DurationText.format(java.time.Duration.ofNanos(x.fromNanos())) + to);
        }
    }
}
