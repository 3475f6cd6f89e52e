package dev.clockscope.topology;

import java.util.Arrays;

/**
 * Compressed sparse rows of an undirected simple graph: machine {@code i}'s neighbours are
 * {@code targets[offsets[i] .. offsets[i+1])}, sorted ascending; every link is stored once from each end.
 * No object per link: 1,000,000 machines of degree 8 are 4 MB of offsets and 32 MB of targets.
 */
record Csr(int[] offsets, int[] targets) {
    /** Java arrays hold at most this many ints. */
    static final long MAX_DIRECTED_LINKS = Integer.MAX_VALUE - 8;

    /**
     * The graph of {@code edgeCount} links, link {@code e} joining {@code ends[2e]} and {@code ends[2e+1]}.
     * The links must already be simple (no self-loop, no link twice): generators guarantee it and file
     * readers check it first with messages that name the file's field; here a violation is a bug.
     */
    static Csr fromEdges(int machines, int[] ends, int edgeCount) {
        if (2L * edgeCount > MAX_DIRECTED_LINKS) {
            throw new IllegalArgumentException(edgeCount + " links do not fit in one array");
        }
        int[] offsets = new int[machines + 1];
        for (int i = 0; i < 2 * edgeCount; i++) {
            offsets[ends[i] + 1]++;
        }
        for (int i = 0; i < machines; i++) {
            offsets[i + 1] += offsets[i];
        }
        int[] cursor = Arrays.copyOf(offsets, machines);
        int[] targets = new int[2 * edgeCount];
        for (int e = 0; e < edgeCount; e++) {
            int u = ends[2 * e];
            int v = ends[2 * e + 1];
            targets[cursor[u]++] = v;
            targets[cursor[v]++] = u;
        }
        return sorted(offsets, targets);
    }

    /** Sorts each machine's neighbours and checks the graph is simple. */
    static Csr sorted(int[] offsets, int[] targets) {
        int machines = offsets.length - 1;
        for (int i = 0; i < machines; i++) {
            Arrays.sort(targets, offsets[i], offsets[i + 1]);
            for (int p = offsets[i]; p < offsets[i + 1]; p++) {
                if (targets[p] == i || (p > offsets[i] && targets[p] == targets[p - 1])) {
                    throw new IllegalStateException("not a simple graph at machine " + i + ": neighbour " + targets[p]);
                }
            }
        }
        return new Csr(offsets, targets);
    }

    /** Offsets of a graph in which every machine has exactly {@code degree} neighbours. */
    static int[] regularOffsets(int machines, int degree) {
        int[] offsets = new int[machines + 1];
        for (int i = 0; i <= machines; i++) {
            offsets[i] = i * degree;
        }
        return offsets;
    }

    /** Checks before allocating that {@code links} undirected links fit in one array of both directions. */
    static void checkSize(long links) throws TopologyException {
        if (2 * links > MAX_DIRECTED_LINKS) {
            throw new TopologyException(String.format(java.util.Locale.ROOT, "%,d links are too many (at most %,d)",
                    links, MAX_DIRECTED_LINKS / 2));
        }
    }
}
