package dev.clockscope.sim;

import dev.clockscope.node.VectorMode;
import dev.clockscope.topology.Topology;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * What {@code vm simulate} will do: {@code runs} runs of {@code template}, run i (from 0) with seed
 * {@code baseSeed + i}, as {@code vm cluster} does.
 *
 * @param fullLogs   every event to {@code <run>/<id>.log} in the real cluster's format (else statistics only)
 * @param watch      machine indices shown in the space-time diagram of a large run
 * @param topology   who is whose neighbour (the same graph for every run of the batch)
 * @param clocks     the clocks kept, as text (e.g. "lamport,vector")
 * @param graphFile  where to write the communication graph (GraphML or GraphJSON), or null for the default
 * @param defaultGraph where the graph goes when no file is named
 * @param linkDelay  how the links' own delay was asked for (e.g. "uniform:100us..300us", "empirical:DIR")
 * @param policy     the action rule, as text (e.g. "die 10", "one 0.2, all 0.1, internal 0.7")
 */
public record SimPlan(String name, int runs, long baseSeed, SimOptions template, boolean fullLogs, int[] watch,
                      Topology topology, String clocks, Path graphFile, DefaultGraph defaultGraph, String linkDelay,
                      String policy, long topologySeed) {
    /** Up to this many machines a run writes its graph by default; a graph of 1,000,000 machines is ~0.8 GB. */
    public static final int DEFAULT_GRAPH_MAX_MACHINES = 100_000;

    /** Where a run's communication graph goes when no {@code --graph} file is named. */
    public enum DefaultGraph {
        /** {@code graph.graphml} in the run's directory. */
        RUN_DIR,
        /** Nowhere: more than {@link #DEFAULT_GRAPH_MAX_MACHINES} machines. */
        TOO_LARGE,
        /** Nowhere: {@code --graph none}. */
        NONE
    }

    /**
     * A floor under the bytes the batch's full logs will take (0 without them), to refuse one that surely cannot fit:
     * every machine ticks at its lowest rate for the whole duration, each tick writes one line of at least
     * {@value #MIN_TICK_LINE_BYTES} bytes plus {@value #MIN_VECTOR_ENTRY_BYTES} per vector entry, and a machine
     * with a crash or pause window counts for nothing.
     */
    public double minimumLogBytes() {
        if (!fullLogs) {
            return 0;
        }
        Set<Integer> interrupted = new HashSet<>();
        template.crashes().forEach(o -> interrupted.add(o.machine()));
        template.pauses().forEach(o -> interrupted.add(o.machine()));
        double ticksPerSecond = 0;
        for (int i = 0; i < machines(); i++) {
            if (!interrupted.contains(i)) {
                int fixed = template.fixedRate() == null ? -1 : template.fixedRate().applyAsInt(i);
                ticksPerSecond += fixed > 0 ? fixed : template.minRate();
            }
        }
        int vectorEntries = template.vectors() == VectorMode.DENSE ? machines() : 0;
        double seconds = template.duration().toNanos() / 1e9;
        return (double) runs * ticksPerSecond * seconds * (MIN_TICK_LINE_BYTES + MIN_VECTOR_ENTRY_BYTES * vectorEntries);
    }

    /** The shortest tick line: {"event":"internal","wallMicros":1767225600000000,"tick":1,"lamport":1,"queue":0}. */
    static final int MIN_TICK_LINE_BYTES = 80;
    /** A vector entry is at least "x":1, (a one-letter id, a one-digit count). */
    static final int MIN_VECTOR_ENTRY_BYTES = 6;

    public SimOptions run(int i) {
        return template.withSeed(baseSeed + i);
    }

    public int machines() {
        return template.ids().size();
    }
}
