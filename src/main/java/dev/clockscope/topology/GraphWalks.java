package dev.clockscope.topology;

/** Breadth-first searches over compressed sparse rows, with caller-provided arrays (no allocation per walk). */
final class GraphWalks {
    private GraphWalks() {
    }

    /** What a BFS found: how many machines it reached, the farthest one (lowest index on ties) and its distance. */
    record Reach(int reached, int farthest, int distance) {
    }

    /** BFS from {@code source}; fills {@code dist} (-1 = unreached) using {@code queue} as work space. */
    static Reach bfs(int[] offsets, int[] targets, int source, int[] dist, int[] queue) {
        java.util.Arrays.fill(dist, -1);
        int head = 0;
        int tail = 0;
        dist[source] = 0;
        queue[tail++] = source;
        int farthest = source;
        while (head < tail) {
            int u = queue[head++];
            int next = dist[u] + 1;
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                int v = targets[p];
                if (dist[v] < 0) {
                    dist[v] = next;
                    queue[tail++] = v;
                    if (next > dist[farthest] || (next == dist[farthest] && v < farthest)) {
                        farthest = v;
                    }
                }
            }
        }
        return new Reach(tail, farthest, dist[farthest]);
    }

    static Diameter exactDiameter(int[] offsets, int[] targets) {
        int n = offsets.length - 1;
        int[] dist = new int[n];
        int[] queue = new int[n];
        int diameter = 0;
        for (int s = 0; s < n; s++) {
            Reach r = bfs(offsets, targets, s, dist, queue);
            requireConnected(r, n);
            diameter = Math.max(diameter, r.distance());
        }
        return new Diameter(diameter, true);
    }

    /** Lower bound: BFS from 0, then {@code sweeps} times from the farthest machine of the previous BFS. */
    static Diameter doubleSweepDiameter(int[] offsets, int[] targets, int sweeps) {
        int n = offsets.length - 1;
        int[] dist = new int[n];
        int[] queue = new int[n];
        Reach r = bfs(offsets, targets, 0, dist, queue);
        requireConnected(r, n);
        int best = r.distance();
        for (int i = 0; i < sweeps; i++) {
            r = bfs(offsets, targets, r.farthest(), dist, queue);
            best = Math.max(best, r.distance());
        }
        return new Diameter(best, false);
    }

    private static void requireConnected(Reach r, int n) {
        if (r.reached() != n) {
            throw new IllegalStateException("the topology is not connected: no diameter");
        }
    }
}
