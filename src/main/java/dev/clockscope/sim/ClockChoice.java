package dev.clockscope.sim;

import dev.clockscope.config.ClockSettings;
import dev.clockscope.config.ClockSettingsParser;
import dev.clockscope.config.ConfigException;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.VectorMode;
import java.util.List;

/**
 * Which clocks a simulation's machines keep, from {@code --clocks} ({@code lamport}, {@code lamport,vector},
 * {@code lamport,vector:sparse}, {@code lamport,vector:dense}, each optionally with {@code hlc}) and
 * config.json; by default chosen by the number of machines.
 */
final class ClockChoice {
    private static final List<String> KNOWN = List.of("lamport", "vector", "vector:dense", "vector:sparse", "hlc");

    private ClockChoice() {
    }

    /**
     * The vector clocks of {@code n} machines; {@code clocks} (the --clocks text) null: dense up to
     * {@link SimPlanBuilder#VECTOR_DEFAULT_MAX} machines, else none.
     */
    static VectorMode vectors(String clocks, int n) throws ConfigException {
        VectorMode mode;
        if (clocks == null) {
            mode = n <= SimPlanBuilder.VECTOR_DEFAULT_MAX ? VectorMode.DENSE : VectorMode.OFF;
        } else {
            List<String> names = ClockSettingsParser.clockNames(clocks, "--clocks", KNOWN);
            String vector = null;
            for (String c : names) {
                if (c.startsWith("vector")) {
                    vector = c; // the only one: clockNames refuses two
                }
            }
            if (!names.contains("lamport")) {
                throw new ConfigException("--clocks: \"" + clocks + "\" leaves out lamport, which every run keeps");
            }
            mode = vector == null ? VectorMode.OFF : switch (vector) {
                case "vector:dense" -> VectorMode.DENSE;
                case "vector:sparse" -> VectorMode.SPARSE;
                default -> n <= SimPlanBuilder.VECTOR_DEFAULT_MAX ? VectorMode.DENSE : VectorMode.SPARSE;
            };
        }
        if (mode != VectorMode.OFF) {
            // every machine's current vector, at worst dense: n x n entries
            long worstBytes = (long) n * n * (mode == VectorMode.DENSE ? Long.BYTES : Integer.BYTES + Long.BYTES);
            long heap = Runtime.getRuntime().maxMemory();
            if (worstBytes > heap / 2) {
                throw new ConfigException("--clocks: vector clocks for " + n + " machines need up to "
                        + worstBytes / (1 << 20) + " MiB (" + n + " x " + n + " entries), more than half of this JVM's "
                        + heap / (1 << 20) + " MiB heap; use --clocks lamport");
            }
        }
        return mode;
    }

    /**
     * Whether machines keep an HLC (with --clocks, only if it names hlc; else {@code given}'s: config.json's
     * "clocks", on by default), and their physical clocks; a skew naming a machine that is not in this run is
     * refused.
     */
    static ClockSettings settings(String clocks, ClockSettings given, MachineIds ids) throws ConfigException {
        ClockSettings s = given;
        if (clocks != null) {
            s = s.withHlc(ClockSettingsParser.clockNames(clocks, "--clocks", KNOWN).contains("hlc"));
        }
        if (!s.skew().perMachine().isEmpty() || !s.drift().perMachine().isEmpty()) {
            s.check(ids.asList());
        }
        return s;
    }

    /**
     * The logical clocks kept by {@code n} machines, as the plan shows them (e.g. "lamport,vector"), and as --clocks
     * would choose them again for a rerun from simulation.json: above {@link SimPlanBuilder#VECTOR_DEFAULT_MAX}
     * machines plain "vector" is sparse, so dense vectors say so.
     */
    static String text(VectorMode mode, int n) {
        return switch (mode) {
            case DENSE -> n <= SimPlanBuilder.VECTOR_DEFAULT_MAX ? "lamport,vector" : "lamport,vector:dense";
            case SPARSE -> "lamport,vector:sparse";
            case OFF -> "lamport";
        };
    }
}
