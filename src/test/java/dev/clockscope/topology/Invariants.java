package dev.clockscope.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks every topology must pass, whatever made it. */
final class Invariants {
    private Invariants() {
    }

    /** Sorted, no self-loop, no duplicate, symmetric, link count consistent; {@code context} names the case. */
    static void assertSimple(Topology t, String context) {
        long directed = 0;
        for (int u = 0; u < t.size(); u++) {
            int[] ns = t.neighbours(u);
            directed += ns.length;
            assertEquals(ns.length, t.degree(u), context);
            for (int s = 0; s < ns.length; s++) {
                assertTrue(ns[s] >= 0 && ns[s] < t.size(), context + ": machine " + u + " has neighbour " + ns[s]);
                assertTrue(ns[s] != u, context + ": self-loop at " + u);
                assertTrue(s == 0 || ns[s - 1] < ns[s], context + ": neighbours of " + u + " not strictly ascending");
                assertEquals(ns[s], t.neighbour(u, s), context);
                assertTrue(t.slotOf(ns[s], u) >= 0, context + ": " + u + "-" + ns[s] + " missing from the other end");
                assertEquals(s, t.slotOf(u, ns[s]), context);
            }
        }
        assertEquals(directed, t.directedLinkCount(), context);
        assertEquals(directed / 2, t.linkCount(), context);
        assertEquals(0, directed % 2, context);
    }

    static void assertRegular(Topology t, int degree, String context) {
        for (int u = 0; u < t.size(); u++) {
            assertEquals(degree, t.degree(u), context + ": degree of machine " + u);
        }
    }

    /** Same machines and the same neighbours everywhere. */
    static boolean sameGraph(Topology a, Topology b) {
        if (a.size() != b.size() || a.linkCount() != b.linkCount()) {
            return false;
        }
        for (int u = 0; u < a.size(); u++) {
            if (!java.util.Arrays.equals(a.neighbours(u), b.neighbours(u))) {
                return false;
            }
        }
        return true;
    }

    static int[][] adjacency(Topology t) {
        int[][] all = new int[t.size()][];
        for (int u = 0; u < t.size(); u++) {
            all[u] = t.neighbours(u);
        }
        return all;
    }
}
