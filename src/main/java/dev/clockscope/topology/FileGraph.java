package dev.clockscope.topology;

import dev.clockscope.config.NetworkFaults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The links of a topology file as they are read: refuses self-links and links given twice (naming both
 * entries), keeps each link's delay, then builds the {@link Topology} and refuses a graph that is not
 * connected (a machine without neighbours cannot act).
 */
final class FileGraph {
    /** What to do with a link that repeats an earlier one in the other direction with the same delay. */
    enum Reverse { REFUSE, SAME_LINK }

    private final FileFields fields;
    private final String[] ids;
    private final String machinesField;
    private final Map<Long, Integer> linkByPair = new HashMap<>();
    private final Map<NetworkFaults.Delay, Integer> delayNumbers = new HashMap<>();
    private final List<NetworkFaults.Delay> delays = new ArrayList<>();
    private final Lattices.Edges edges;
    private int[] linkDelay = new int[16];
    private int[] entry = new int[16]; // each link's position in the file's "links" list
    private int count;

    FileGraph(FileFields fields, String[] ids, String machinesField, int expectedLinks) {
        this.fields = fields;
        this.ids = ids;
        this.machinesField = machinesField;
        this.edges = new Lattices.Edges(expectedLinks);
    }

    /** Adds entry {@code links[position]}, from u to v with {@code delay} (null: none). */
    void add(int position, int u, int v, NetworkFaults.Delay delay, Reverse reverse) throws TopologyException {
        String path = "links[" + position + "]";
        if (u == v) {
            throw fields.error(path, "links \"" + ids[u] + "\" to itself");
        }
        long pair = (long) Math.min(u, v) * ids.length + Math.max(u, v);
        Integer earlier = linkByPair.get(pair);
        int number = delay == null ? -1 : delayNumbers.computeIfAbsent(delay, d -> {
            delays.add(d);
            return delays.size() - 1;
        });
        if (earlier != null) {
            boolean back = edges.first(earlier) == v;
            if (reverse == Reverse.SAME_LINK && back && linkDelay[earlier] == number) {
                return; // CloudScope's own generator writes every link in both directions
            }
            throw fields.error(path, "\"" + ids[u] + "\"-\"" + ids[v] + "\" is already links[" + entry[earlier] + "]"
                    + (reverse == Reverse.SAME_LINK && back ? " with another connection or latency" : ""));
        }
        if (count == linkDelay.length) {
            linkDelay = Arrays.copyOf(linkDelay, 2 * count);
            entry = Arrays.copyOf(entry, 2 * count);
        }
        linkByPair.put(pair, count);
        linkDelay[count] = number;
        entry[count] = position;
        edges.add(u, v);
        count++;
    }

    Topology build(String description, OptionalLong seed) throws TopologyException {
        int n = ids.length;
        Csr csr = edges.build(n);
        Topology withoutDelays = new Topology(description, csr, ids, null, null, seed);
        for (int i = 0; i < n; i++) {
            if (withoutDelays.degree(i) == 0) {
                throw fields.error(machinesField + "[" + i + "]", "\"" + ids[i]
                        + "\" has no links (a machine without neighbours cannot act)");
            }
        }
        int[] dist = new int[n];
        GraphWalks.Reach reach = GraphWalks.bfs(csr.offsets(), csr.targets(), 0, dist, new int[n]);
        if (reach.reached() != n) {
            int cut = 0;
            while (dist[cut] >= 0) {
                cut++;
            }
            throw fields.error("links", "not connected: \"" + ids[cut] + "\" cannot reach \"" + ids[0] + "\" ("
                    + reach.reached() + " of " + n + " machines reach \"" + ids[0] + "\")");
        }
        if (delays.isEmpty()) {
            return withoutDelays;
        }
        int[] delayIndex = new int[csr.targets().length];
        Arrays.fill(delayIndex, -1);
        for (int e = 0; e < count; e++) {
            int u = edges.first(e);
            int v = edges.second(e);
            delayIndex[withoutDelays.linkIndex(u, withoutDelays.slotOf(u, v))] = linkDelay[e];
            delayIndex[withoutDelays.linkIndex(v, withoutDelays.slotOf(v, u))] = linkDelay[e];
        }
        return new Topology(description, csr, ids, delays.toArray(new NetworkFaults.Delay[0]), delayIndex, seed);
    }
}
