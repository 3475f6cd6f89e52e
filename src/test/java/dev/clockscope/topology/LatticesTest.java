package dev.clockscope.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The deterministic generators against neighbour lists written out by hand. */
class LatticesTest {
    private static Topology make(String spec, int n) throws TopologyException {
        Topology t = Generators.generate(spec, n, 1);
        Invariants.assertSimple(t, spec + " of " + n);
        assertTrue(t.connected(), spec + " of " + n + " connected");
        return t;
    }

    @Test
    void ringOfFive() throws Exception {
        // 0-1-2-3-4-0: each machine's neighbours are i-1 and i+1 mod 5, sorted
        Topology t = make("ring", 5);
        assertArrayEquals(new int[][] {{1, 4}, {0, 2}, {1, 3}, {2, 4}, {0, 3}}, Invariants.adjacency(t));
        assertEquals(5, t.linkCount());
        assertEquals("ring", t.description());
        // farthest pair on a 5-cycle: 2 hops
        assertEquals(new Diameter(2, true), t.diameter());
    }

    @Test
    void starOfFour() throws Exception {
        // hub 0 linked to 1, 2, 3; leaves only to the hub
        Topology t = make("star", 4);
        assertArrayEquals(new int[][] {{1, 2, 3}, {0}, {0}, {0}}, Invariants.adjacency(t));
        assertEquals(3, t.linkCount());
        assertEquals(new Diameter(2, true), t.diameter()); // leaf - hub - leaf
        assertEquals(new DegreeStats(1, 3, 1.5), t.degreeStats()); // 2·3 links / 4 machines
    }

    @Test
    void gridOfThreeColumnsAndSevenMachines() throws Exception {
        // rows of 3, the last row partial:   0 1 2
        //                                     3 4 5
        //                                     6
        // right links 0-1 1-2 3-4 4-5, down links 0-3 1-4 2-5 3-6: 8 links
        Topology t = make("grid:3", 7);
        assertArrayEquals(new int[][] {{1, 3}, {0, 2, 4}, {1, 5}, {0, 4, 6}, {1, 3, 5}, {2, 4}, {3}},
                Invariants.adjacency(t));
        assertEquals(8, t.linkCount());
        assertEquals("grid:3", t.description());
        // 6 -> 3 -> 4 -> 5 -> 2 (or via 0-1-2): 4 hops, nothing farther
        assertEquals(new Diameter(4, true), t.diameter());
    }

    @Test
    void torusOfThreeColumnsAndNineMachines() throws Exception {
        // 3 × 3 with wrap-around: machine 3r+c links to its row's other two and its column's other two
        Topology t = make("torus:3", 9);
        assertArrayEquals(new int[][] {
            {1, 2, 3, 6}, {0, 2, 4, 7}, {0, 1, 5, 8},
            {0, 4, 5, 6}, {1, 3, 5, 7}, {2, 3, 4, 8},
            {0, 3, 7, 8}, {1, 4, 6, 8}, {2, 5, 6, 7}}, Invariants.adjacency(t));
        assertEquals(18, t.linkCount()); // 9 machines × 4 / 2
        assertEquals(new Diameter(2, true), t.diameter()); // one hop along the row, one along the column
    }

    @Test
    void torusWithAPartialLastRowStaysSimple() throws Exception {
        // torus:3 of 7:  0 1 2 / 3 4 5 / 6
        // rows: cycle 0-1-2, cycle 3-4-5, row {6} has no link
        // columns: {0,3,6} a cycle (0-3, 3-6, 6-0); {1,4} and {2,5} are two-machine cycles: one link each
        Topology t = make("torus:3", 7);
        assertArrayEquals(new int[][] {{1, 2, 3, 6}, {0, 2, 4}, {0, 1, 5}, {0, 4, 5, 6}, {1, 3, 5}, {2, 3, 4}, {0, 3}},
                Invariants.adjacency(t));
        assertEquals(11, t.linkCount()); // 3 + 3 row links, 3 + 1 + 1 column links
    }

    @Test
    void narrowGridsAndToriAreRingsAndPaths() throws Exception {
        // one column: a path down the column (grid) or a cycle (torus)
        assertArrayEquals(new int[][] {{1}, {0, 2}, {1, 3}, {2}}, Invariants.adjacency(make("grid:1", 4)));
        assertTrue(Invariants.sameGraph(make("torus:1", 6), make("ring", 6)));
        // more columns than machines: one partial row
        assertArrayEquals(new int[][] {{1}, {0, 2}, {1}}, Invariants.adjacency(make("grid:10", 3)));
        // two machines: one link, whatever the shape
        assertEquals(1, make("torus:2", 2).linkCount());
    }

    @Test
    void completeLinksEveryPair() throws Exception {
        Topology t = make("complete", 4);
        assertArrayEquals(new int[][] {{1, 2, 3}, {0, 2, 3}, {0, 1, 3}, {0, 1, 2}}, Invariants.adjacency(t));
        assertEquals(6, t.linkCount()); // 4·3/2
        assertEquals(new Diameter(1, true), t.diameter());
        Topology big = make("complete", 1500); // 1,500 × 2.2 M directed links: above the exact-diameter work budget, still 1 hop
        assertEquals(new Diameter(1, true), big.diameter());
        assertEquals(1500L * 1499 / 2, big.linkCount());
    }
}
