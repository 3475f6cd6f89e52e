package dev.clockscope.topology;

import dev.clockscope.config.Keywords;
import java.util.SplittableRandom;

/**
 * Topologies from a spec string: {@code complete}, {@code ring}, {@code star}, {@code grid:W},
 * {@code torus:W}, {@code random-regular:K}, {@code small-world:K,P}, {@code scale-free:M}. The random ones
 * draw from one {@code SplittableRandom(seed)}: the same spec, size and seed give the same graph on any
 * machine. All are O(n·K) in time and memory except {@code complete} (n², refused above
 * {@value Lattices#COMPLETE_MAX_MACHINES} machines).
 */
public final class Generators {
    /** What the error for an unknown name lists. */
    public static final String KNOWN = "complete, ring, star, grid:W, torus:W, random-regular:K, small-world:K,P, scale-free:M";

    private Generators() {
    }

    /**
     * Builds the topology {@code spec} describes over {@code machines} machines.
     *
     * @throws TopologyException one line: {@code "spec": what is wrong}
     */
    public static Topology generate(String spec, int machines, long seed) throws TopologyException {
        String text = spec.strip();
        int colon = text.indexOf(':');
        String given = colon < 0 ? text : text.substring(0, colon);
        String name = Keywords.of(given);
        String[] args = colon < 0 ? new String[0] : text.substring(colon + 1).split(",", -1);
        try {
            if (machines < 2) {
                throw new TopologyException("needs at least 2 machines, got " + machines);
            }
            SplittableRandom random = new SplittableRandom(seed);
            return switch (name) {
                case "complete" -> {
                    arguments(name, args, 0, "");
                    if (machines > Lattices.COMPLETE_MAX_MACHINES) {
                        throw new TopologyException("at most " + Lattices.COMPLETE_MAX_MACHINES
                                + " machines (n² links), got " + machines);
                    }
                    yield new Topology("complete", Lattices.complete(machines));
                }
                case "ring" -> {
                    arguments(name, args, 0, "");
                    if (machines < 3) {
                        throw new TopologyException("needs at least 3 machines, got " + machines);
                    }
                    yield new Topology("ring", Lattices.ring(machines));
                }
                case "star" -> {
                    arguments(name, args, 0, "");
                    yield new Topology("star", Lattices.star(machines));
                }
                case "grid", "torus" -> {
                    arguments(name, args, 1, ":W (columns)");
                    int columns = whole(args[0], "W");
                    if (columns < 1) {
                        throw new TopologyException("W must be at least 1, got " + columns);
                    }
                    Csr csr = name.equals("grid") ? Lattices.grid(machines, columns) : Lattices.torus(machines, columns);
                    yield new Topology(name + ":" + columns, csr);
                }
                case "random-regular" -> {
                    arguments(name, args, 1, ":K (neighbours per machine)");
                    int k = whole(args[0], "K");
                    yield new Topology(name + ":" + k, RandomRegular.generate(machines, k, random));
                }
                case "small-world" -> {
                    arguments(name, args, 2, ":K,P (K nearest neighbours, rewiring probability P)");
                    int k = whole(args[0], "K");
                    double p = probability(args[1]);
                    yield new Topology(name + ":" + k + "," + args[1].strip(), SmallWorld.generate(machines, k, p, random));
                }
                case "scale-free" -> {
                    arguments(name, args, 1, ":M (links per new machine)");
                    int m = whole(args[0], "M");
                    yield new Topology(name + ":" + m, ScaleFree.generate(machines, m, random));
                }
                default -> throw new TopologyException("unknown topology \"" + given + "\" (known: " + KNOWN
                        + ", or a .json file)");
            };
        } catch (TopologyException e) {
            throw new TopologyException("\"" + text + "\": " + e.getMessage());
        }
    }

    private static void arguments(String name, String[] args, int expected, String form) throws TopologyException {
        if (args.length != expected) {
            throw new TopologyException(expected == 0 ? "takes no arguments"
                    : "takes " + (expected == 1 ? "one argument" : expected + " arguments") + ", as in " + name + form);
        }
    }

    private static int whole(String text, String what) throws TopologyException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new TopologyException(what + " must be a whole number");
        }
    }

    private static double probability(String text) throws TopologyException {
        try {
            double p = Double.parseDouble(text.strip());
            if (p >= 0 && p <= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TopologyException("P must be a probability between 0 and 1");
    }
}
