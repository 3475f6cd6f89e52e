package dev.clockscope.topology;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * random-regular:K: every machine has exactly K neighbours, drawn at random; the result is simple and
 * connected, or generation fails with a message.
 *
 * <p>Method (the configuration model with repair): each machine gets K "stubs" (stub {@code s} belongs to
 * machine {@code s / K}); a shuffle pairs all n·K stubs at once. That gives a K-regular multigraph with a
 * handful of bad pairs (a random 8-regular draw has about 3.5 self-loops and 12 doubled links, whatever n).
 * Each bad pair (u,v) is repaired by a switch with a random good pair (x,y): the two become (u,x) and (v,y)
 * when neither exists yet, which keeps every degree at K. The pairing array doubles as the neighbour array
 * ({@code partner[u·K + j] / K} is u's j-th neighbour), so the only extra memory while building is the
 * shuffled stub array. A draw that cannot be repaired (dense small graphs) or that is not connected is
 * replaced by a fresh draw from the same random stream, up to {@value #DRAWS} draws. The result is close to
 * uniform over K-regular graphs (the switches bias it negligibly).
 *
 * <p>Special cases: K = n-1 is the complete graph; K > (n-1)/2 is the complement of a random
 * (n-1-K)-regular graph (sparse draws repair easily, dense ones do not); K = 2 is a random Hamiltonian cycle
 * (the only connected 2-regular graphs); K = 1 is connected only for 2 machines.
 */
final class RandomRegular {
    static final int DRAWS = 20;
    /** Switch attempts allowed per bad pair before the draw is abandoned. */
    private static final int TRIES_PER_BAD_PAIR = 200;

    private RandomRegular() {
    }

    /** Validates n and K; the caller prefixes the spec. */
    static void check(int n, int k) throws TopologyException {
        if (k < 1 || k >= n) {
            throw new TopologyException("K must be from 1 to " + (n - 1) + " (machines - 1) for " + n + " machines");
        }
        if ((long) n * k % 2 != 0) {
            throw new TopologyException("machines × K must be even (" + n + " × " + k + ")");
        }
        if (k == 1 && n != 2) {
            throw new TopologyException("K = 1 links machines in pairs, which is connected only for 2 machines");
        }
        Csr.checkSize((long) n * k / 2);
    }

    static Csr generate(int n, int k, SplittableRandom random) throws TopologyException {
        check(n, k);
        if (k == n - 1) {
            return Lattices.complete(n);
        }
        if (k == 2) {
            return hamiltonianCycle(n, random);
        }
        for (int draw = 0; draw < DRAWS; draw++) {
            Csr csr;
            if (k > (n - 1) / 2) {
                int[] sparse = simpleDraw(n, n - 1 - k, random);
                csr = sparse == null ? null : complement(n, k, sparse);
            } else {
                int[] targets = simpleDraw(n, k, random);
                csr = targets == null ? null : Csr.sorted(Csr.regularOffsets(n, k), targets);
            }
            if (csr != null && GraphWalks.bfs(csr.offsets(), csr.targets(), 0, new int[n], new int[n]).reached() == n) {
                return csr;
            }
        }
        throw new TopologyException("no simple connected " + k + "-regular graph of " + n + " machines in "
                + DRAWS + " random draws (try a smaller K or more machines)");
    }

    /** Machines in a random order, each linked to the next, the last to the first. */
    private static Csr hamiltonianCycle(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        Lattices.Edges edges = new Lattices.Edges(n);
        for (int i = 0; i < n; i++) {
            edges.add(order[i], order[(i + 1) % n]);
        }
        return edges.build(n);
    }

    /**
     * One configuration-model draw, repaired into a simple graph: returns the unsorted neighbour array
     * (machine u's neighbours at {@code [u·k, u·k+k)}), or null if a bad pair could not be repaired.
     */
    static int[] simpleDraw(int n, int k, SplittableRandom random) {
        int stubs = n * k;
        int[] partner = new int[stubs];
        if (k == 0) {
            return partner;
        }
        int[] order = new int[stubs];
        for (int s = 0; s < stubs; s++) {
            order[s] = s;
        }
        shuffle(order, random);
        for (int p = 0; p < stubs; p += 2) {
            partner[order[p]] = order[p + 1];
            partner[order[p + 1]] = order[p];
        }
        order = null; // let the 4·n·K bytes go before the repair
        int[] bad = badStubs(n, k, partner);
        for (int b : bad) {
            if (!repair(b, k, partner, random)) {
                return null;
            }
        }
        for (int s = 0; s < stubs; s++) {
            partner[s] /= k;
        }
        return partner;
    }

    /**
     * One stub of each bad pair: of each self-loop the stub with the smaller number, of each doubled link
     * every copy after the first (seen from its smaller machine, so each pair is listed once).
     */
    private static int[] badStubs(int n, int k, int[] partner) {
        int[] seenFrom = new int[n];
        Arrays.fill(seenFrom, -1);
        int[] bad = new int[16];
        int count = 0;
        for (int u = 0; u < n; u++) {
            for (int s = u * k; s < u * k + k; s++) {
                int v = partner[s] / k;
                boolean isBad;
                if (v == u) {
                    isBad = s < partner[s];
                } else if (v > u) {
                    isBad = seenFrom[v] == u;
                    seenFrom[v] = u;
                } else {
                    isBad = false;
                }
                if (isBad) {
                    if (count == bad.length) {
                        bad = Arrays.copyOf(bad, 2 * count);
                    }
                    bad[count++] = s;
                }
            }
        }
        return Arrays.copyOf(bad, count);
    }

    /** Switches bad pair (a,b) with a random good pair (c,d) into (a,c) and (b,d). */
    private static boolean repair(int a, int k, int[] partner, SplittableRandom random) {
        int b = partner[a];
        int u = a / k;
        int v = b / k;
        for (int attempt = 0; attempt < TRIES_PER_BAD_PAIR; attempt++) {
            int c = random.nextInt(partner.length);
            int d = partner[c];
            if (c == a || c == b) {
                continue;
            }
            int x = c / k;
            int y = d / k;
            boolean valid = x != y && count(partner, k, x, y) == 1 // (c,d) is a good pair
                    && u != x && v != y // no new self-loop
                    && !(u == y && v == x) // the two new links are not the same link
                    && !linked(partner, k, u, a, x) && !linked(partner, k, v, b, y);
            if (valid) {
                partner[a] = c;
                partner[c] = a;
                partner[b] = d;
                partner[d] = b;
                return true;
            }
        }
        return false;
    }

    /** How many of machine x's stubs are paired with machine y's. */
    private static int count(int[] partner, int k, int x, int y) {
        int n = 0;
        for (int s = x * k; s < x * k + k; s++) {
            if (partner[s] / k == y) {
                n++;
            }
        }
        return n;
    }

    /** Whether a stub of u other than {@code except} is paired with machine x. */
    private static boolean linked(int[] partner, int k, int u, int except, int x) {
        for (int s = u * k; s < u * k + k; s++) {
            if (s != except && partner[s] / k == x) {
                return true;
            }
        }
        return false;
    }

    /** The complement (every machine pair not linked in {@code sparse}, an unsorted (n-1-k)-regular array). */
    private static Csr complement(int n, int k, int[] sparse) {
        int other = n - 1 - k;
        int[] targets = new int[n * k];
        boolean[] linked = new boolean[n];
        int p = 0;
        for (int u = 0; u < n; u++) {
            for (int s = u * other; s < u * other + other; s++) {
                linked[sparse[s]] = true;
            }
            for (int v = 0; v < n; v++) {
                if (v != u && !linked[v]) {
                    targets[p++] = v;
                }
            }
            for (int s = u * other; s < u * other + other; s++) {
                linked[sparse[s]] = false;
            }
        }
        return Csr.sorted(Csr.regularOffsets(n, k), targets);
    }

    /** Fisher–Yates with the given stream (never a global random source). */
    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
