package dev.clockscope.topology;

import java.util.SplittableRandom;

/**
 * small-world:K,P, Watts–Strogatz: a ring lattice in which every machine is linked to its K nearest
 * machines (K/2 on each side), then every lattice link (i, i+j) is rewired with probability P to (i, w),
 * w drawn uniformly among the machines that are neither i nor already linked to i (skipped when i is
 * linked to every machine). Links are visited in the order of the original paper and networkx: all
 * (i, i+1) first, then all (i, i+2), and so on. P = 0 is the lattice itself.
 *
 * <p>The links live in one array of pairs: link {@code i·K/2 + j-1} starts as (i, i+j). "Are u and w
 * linked?" is answered without adjacency lists: a lattice link is still there if its slot still holds its
 * lattice end, and rewired links sit in a hash set of (min, max) pairs (P·n·K/2 entries: 8 MB at
 * 1,000,000 machines, K = 8, P = 0.1). Rewiring can disconnect the graph (rarely, for small K and large
 * P); such a draw is replaced by a fresh one from the same random stream, up to {@value #DRAWS} draws.
 */
final class SmallWorld {
    static final int DRAWS = 20;

    private SmallWorld() {
    }

    static void check(int n, int k, double p) throws TopologyException {
        if (k < 2 || k % 2 != 0 || k >= n) {
            throw new TopologyException("K must be even, at least 2 and less than the number of machines (" + n + ")");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new TopologyException("P must be a probability between 0 and 1");
        }
        Csr.checkSize((long) n * k / 2);
    }

    static Csr generate(int n, int k, double p, SplittableRandom random) throws TopologyException {
        check(n, k, p);
        for (int draw = 0; draw < DRAWS; draw++) {
            Csr csr = draw(n, k / 2, p, random);
            if (GraphWalks.bfs(csr.offsets(), csr.targets(), 0, new int[n], new int[n]).reached() == n) {
                return csr;
            }
        }
        throw new TopologyException("no connected graph in " + DRAWS + " random draws (try a larger K or a smaller P)");
    }

    private static Csr draw(int n, int half, double p, SplittableRandom random) {
        int links = n * half;
        int[] ends = new int[2 * links];
        int[] degree = new int[n];
        for (int i = 0; i < n; i++) {
            degree[i] = 2 * half;
            for (int j = 1; j <= half; j++) {
                int link = i * half + j - 1;
                ends[2 * link] = i;
                ends[2 * link + 1] = (i + j) % n;
            }
        }
        LongHashSet rewired = new LongHashSet((int) Math.min(Integer.MAX_VALUE / 4, (long) (p * links) + 16));
        for (int j = 1; j <= half; j++) {
            for (int u = 0; u < n; u++) {
                if (random.nextDouble() >= p || degree[u] >= n - 1) {
                    continue;
                }
                int w;
                do {
                    w = random.nextInt(n);
                } while (w == u || linked(ends, n, half, rewired, u, w));
                int link = u * half + j - 1;
                int old = ends[2 * link + 1];
                ends[2 * link + 1] = w;
                degree[old]--;
                degree[w]++;
                rewired.add(key(n, u, w));
            }
        }
        return Csr.fromEdges(n, ends, links);
    }

    private static boolean linked(int[] ends, int n, int half, LongHashSet rewired, int u, int w) {
        int ahead = Math.floorMod(w - u, n); // w = u + ahead (mod n)
        if (ahead <= half && ends[2 * (u * half + ahead - 1) + 1] == w) {
            return true; // u's lattice link to w, still in place
        }
        int behind = n - ahead; // u = w + behind (mod n)
        if (behind <= half && ends[2 * (w * half + behind - 1) + 1] == u) {
            return true; // w's lattice link to u, still in place
        }
        return rewired.contains(key(n, u, w));
    }

    private static long key(int n, int u, int w) {
        return (long) Math.min(u, w) * n + Math.max(u, w);
    }
}
