package dev.clockscope.sim;

import dev.clockscope.config.ClockSettings;
import dev.clockscope.config.ConfigException;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.VectorMode;
import java.util.Locale;

/**
 * Which clocks a simulation's machines keep, from {@code --clocks} ({@code lamport}, {@code lamport,vector},
 * {@code lamport,vector:sparse}, {@code lamport,vector:dense}, each optionally with {@code hlc}) and
 * config.json; by default chosen by the number of machines.
 */
final class ClockChoice {
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
            mode = null;
            boolean lamport = false;
            String vector = null;
            for (String c : clocks.toLowerCase(Locale.ROOT).split(",")) {
                if (c.trim().startsWith("vector")) {
                    if (vector != null && !vector.equals(c.trim())) {
                        // the last one won without a word: "lamport,vector:dense,vector:sparse" ran sparse
                        throw new ConfigException("--clocks: \"" + clocks + "\" names two kinds of vector clock ("
                                + vector + ", " + c.trim() + ")");
                    }
                    vector = c.trim();
                }
                switch (c.trim()) {
                    case "lamport" -> lamport = true;
                    case "hlc" -> { } // read by settings
                    case "vector" -> mode = n <= SimPlanBuilder.VECTOR_DEFAULT_MAX
                            ? VectorMode.DENSE : VectorMode.SPARSE;
                    case "vector:dense" -> mode = VectorMode.DENSE;
                    case "vector:sparse" -> mode = VectorMode.SPARSE;
                    default -> throw new ConfigException("--clocks: \"" + c.trim() + "\" is not lamport, vector,"
                            + " vector:dense, vector:sparse or hlc");
                }
            }
            if (!lamport) {
                throw new ConfigException("--clocks: \"" + clocks + "\" leaves out lamport, which every run keeps");
            }
            mode = mode == null ? VectorMode.OFF : mode;
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
            boolean hlc = false;
            for (String c : clocks.toLowerCase(Locale.ROOT).split(",")) {
                hlc |= c.trim().equals("hlc");
            }
            s = s.withHlc(hlc);
        }
        if (!s.skew().perMachine().isEmpty() || !s.drift().perMachine().isEmpty()) {
            s.check(ids.asList());
        }
        return s;
    }

    /** The logical clocks kept, as the plan shows them (e.g. "lamport,vector"). */
    static String text(VectorMode mode) {
        return switch (mode) {
            case DENSE -> "lamport,vector";
            case SPARSE -> "lamport,vector:sparse";
            case OFF -> "lamport";
        };
    }
}
