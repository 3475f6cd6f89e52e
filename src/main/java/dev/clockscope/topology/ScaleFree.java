package dev.clockscope.topology;

import java.util.SplittableRandom;

/**
 * scale-free:M, Barabási–Albert preferential attachment: machines 0..M form a complete seed graph
 * (m0 = M+1); every later machine links to M distinct earlier machines, each drawn with probability
 * proportional to its degree. The draw uses the repeated-endpoints list: both ends of every link so far,
 * so a machine appears in it as many times as its degree and a uniform pick from it is a degree-weighted
 * pick. That list is also the list of links (pair 2e, 2e+1 is link e), so it is handed straight to the
 * neighbour-array builder. Every machine ends with at least M neighbours; the graph is connected by
 * construction (every machine links to earlier ones).
 */
final class ScaleFree {
    private ScaleFree() {
    }

    static void check(int n, int m) throws TopologyException {
        if (m < 1 || m >= n) {
            throw new TopologyException("M must be from 1 to " + (n - 1) + " (machines - 1) for " + n + " machines");
        }
        Csr.checkSize(links(n, m));
    }

    private static long links(int n, int m) {
        return (long) m * (m + 1) / 2 + (long) (n - m - 1) * m;
    }

    static Csr generate(int n, int m, SplittableRandom random) throws TopologyException {
        check(n, m);
        int links = (int) links(n, m);
        int[] ends = new int[2 * links];
        int count = 0; // ends written so far
        for (int i = 0; i <= m; i++) {
            for (int j = i + 1; j <= m; j++) {
                ends[count++] = i;
                ends[count++] = j;
            }
        }
        int[] chosen = new int[m];
        for (int v = m + 1; v < n; v++) {
            int drawnFrom = count; // draw only among links that existed before v
            for (int c = 0; c < m; c++) {
                int t;
                do {
                    t = ends[random.nextInt(drawnFrom)];
                } while (contains(chosen, c, t));
                chosen[c] = t;
            }
            for (int c = 0; c < m; c++) {
                ends[count++] = v;
                ends[count++] = chosen[c];
            }
        }
        return Csr.fromEdges(n, ends, links);
    }

    private static boolean contains(int[] a, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (a[i] == value) {
                return true;
            }
        }
        return false;
    }
}
