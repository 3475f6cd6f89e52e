package dev.clockscope.topology;

import dev.clockscope.config.NetworkFaults;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Who is whose neighbour: an undirected simple graph over machine indices {@code 0..size()-1}, stored as
 * compressed sparse rows (no object per link). A machine's neighbours are sorted ascending and addressed by
 * slot {@code 0..degree-1}; {@link #linkIndex} numbers the directed links {@code 0..directedLinkCount()-1}
 * in the same order, so a simulator can keep per-link state (queues, counters) in flat arrays.
 *
 * <p>Immutable. Built by the generators ({@link Generators}) or read from a file ({@link TopologyFiles});
 * {@link Topologies#parse} takes either.
 */
public final class Topology {
    static final String GENERATED_ID_PREFIX = "machine_";
    /** Exact diameters are computed by a BFS from every machine up to this many machines. */
    static final int EXACT_DIAMETER_MAX_MACHINES = 10_000;
    /** ... and up to this much work (machines × directed links), so a dense graph cannot take minutes. */
    static final long EXACT_DIAMETER_MAX_WORK = 2_000_000_000L;
    private static final int ESTIMATE_SWEEPS = 4;

    private final String description;
    private final int[] offsets;
    private final int[] targets;
    private final String[] ids; // null: machine_<i+1>
    private final Map<String, Integer> indexById; // null when ids are generated
    private final NetworkFaults.Delay[] delays; // distinct delays; null when the topology has none
    private final int[] delayIndex; // per directed link into delays, -1 = none; null when no delays
    private final OptionalLong seed;

    Topology(String description, Csr csr) {
        this(description, csr, null, null, null, OptionalLong.empty());
    }

    Topology(String description, Csr csr, String[] ids, NetworkFaults.Delay[] delays, int[] delayIndex,
            OptionalLong seed) {
        this.description = description;
        this.offsets = csr.offsets();
        this.targets = csr.targets();
        this.ids = ids;
        this.delays = delays;
        this.delayIndex = delayIndex;
        this.seed = seed;
        if (ids != null) {
            indexById = new HashMap<>(ids.length * 2);
            for (int i = 0; i < ids.length; i++) {
                indexById.put(ids[i], i);
            }
        } else {
            indexById = null;
        }
    }

    /** Number of machines. */
    public int size() {
        return offsets.length - 1;
    }

    public int degree(int machine) {
        return offsets[machine + 1] - offsets[machine];
    }

    /** The neighbour in {@code slot} (0 = the smallest index). */
    public int neighbour(int machine, int slot) {
        if (slot < 0 || slot >= degree(machine)) {
            throw new IndexOutOfBoundsException("machine " + machine + " has no slot " + slot);
        }
        return targets[offsets[machine] + slot];
    }

    /** A fresh sorted copy of the machine's neighbours. */
    public int[] neighbours(int machine) {
        return Arrays.copyOfRange(targets, offsets[machine], offsets[machine + 1]);
    }

    /** The slot of {@code other} among {@code machine}'s neighbours, or -1 if they are not linked. */
    public int slotOf(int machine, int other) {
        int p = Arrays.binarySearch(targets, offsets[machine], offsets[machine + 1], other);
        return p < 0 ? -1 : p - offsets[machine];
    }

    /**
     * The directed link from {@code machine} to its neighbour in {@code slot}, numbered
     * {@code 0..directedLinkCount()-1} machine by machine: the index into per-link arrays such as the
     * message counts of {@link GraphExport}.
     */
    public int linkIndex(int machine, int slot) {
        if (slot < 0 || slot >= degree(machine)) {
            throw new IndexOutOfBoundsException("machine " + machine + " has no slot " + slot);
        }
        return offsets[machine] + slot;
    }

    /** Links counted once per direction (2 × {@link #linkCount()}). */
    public int directedLinkCount() {
        return targets.length;
    }

    /** Undirected links. */
    public long linkCount() {
        return targets.length / 2;
    }

    /** What it is, e.g. {@code random-regular:8} or {@code file:topo.json (cloudscope)}. */
    public String description() {
        return description;
    }

    /** The machine's id: from the topology file, else {@code machine_<i+1>} (as {@code vm cluster} names them). */
    public String id(int machine) {
        if (machine < 0 || machine >= size()) {
            throw new IndexOutOfBoundsException("no machine " + machine);
        }
        return ids != null ? ids[machine] : GENERATED_ID_PREFIX + (machine + 1);
    }

    /** The index of the machine with this id, or -1. */
    public int indexOf(String id) {
        if (indexById != null) {
            return indexById.getOrDefault(id, -1);
        }
        if (!id.startsWith(GENERATED_ID_PREFIX)) {
            return -1;
        }
        String digits = id.substring(GENERATED_ID_PREFIX.length());
        if (digits.isEmpty() || digits.length() > 10 || digits.charAt(0) == '0' || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        long number = Long.parseLong(digits);
        return number <= size() ? (int) number - 1 : -1;
    }

    /** The delay the topology file sets on this link (the same in both directions), or null if none. */
    public NetworkFaults.Delay linkDelay(int machine, int slot) {
        if (delayIndex == null) {
            return null;
        }
        int d = delayIndex[linkIndex(machine, slot)];
        return d < 0 ? null : delays[d];
    }

    /** Whether any link has its own delay ({@link #linkDelay}). */
    public boolean hasLinkDelays() {
        return delayIndex != null;
    }

    /** The seed the topology file suggests ({@code meta.seed} / {@code seed}); empty for generated topologies. */
    public OptionalLong seed() {
        return seed;
    }

    /** Whether every machine can reach every other (one BFS). */
    public boolean connected() {
        return size() > 0 && GraphWalks.bfs(offsets, targets, 0, new int[size()], new int[size()]).reached() == size();
    }

    /**
     * The diameter in hops of a connected topology. Exact (a BFS from every machine) up to
     * {@value #EXACT_DIAMETER_MAX_MACHINES} machines and {@value #EXACT_DIAMETER_MAX_WORK} machine × link
     * steps, and for complete graphs; above that a lower bound from four double sweeps (BFS from machine 0,
     * then repeatedly from the farthest machine found; the largest eccentricity seen), which is exact on
     * rings, full grids and trees and on random graphs typically exact or one short.
     *
     * @throws IllegalStateException if the topology is not connected
     */
    public Diameter diameter() {
        int n = size();
        if (linkCount() == (long) n * (n - 1) / 2) {
            return new Diameter(n > 1 ? 1 : 0, true);
        }
        boolean exact = n <= EXACT_DIAMETER_MAX_MACHINES && (long) n * targets.length <= EXACT_DIAMETER_MAX_WORK;
        return exact ? GraphWalks.exactDiameter(offsets, targets)
                : GraphWalks.doubleSweepDiameter(offsets, targets, ESTIMATE_SWEEPS);
    }

    public DegreeStats degreeStats() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < size(); i++) {
            min = Math.min(min, degree(i));
            max = Math.max(max, degree(i));
        }
        return new DegreeStats(size() == 0 ? 0 : min, max, size() == 0 ? 0 : (double) targets.length / size());
    }

    /** Approximate heap held by this object's arrays (headers included, the id map of a file counted roughly). */
    public long memoryBytes() {
        long bytes = 16 + 4L * offsets.length + 16 + 4L * targets.length;
        if (delayIndex != null) {
            bytes += 16 + 4L * delayIndex.length;
        }
        if (ids != null) {
            bytes += 16 + 8L * ids.length + 100L * ids.length; // the strings and their map entries, roughly
        }
        return bytes;
    }

    @Override
    public String toString() {
        return description + " (" + size() + " machines, " + linkCount() + " links)";
    }
}
