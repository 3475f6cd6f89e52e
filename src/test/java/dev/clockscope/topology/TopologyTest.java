package dev.clockscope.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The queries a simulator makes of a topology. */
class TopologyTest {
    @Test
    void slotsAndLinkIndicesFollowTheSortedNeighbours() throws Exception {
        // star of 4: machine 0 has slots 0,1,2 -> 1,2,3 (links 0..2); machines 1..3 have slot 0 -> 0 (links 3..5)
        Topology t = Generators.generate("star", 4, 1);
        assertEquals(6, t.directedLinkCount());
        assertEquals(2, t.linkIndex(0, 2));
        assertEquals(3, t.linkIndex(1, 0));
        assertEquals(5, t.linkIndex(3, 0));
        assertEquals(2, t.slotOf(0, 3));
        assertEquals(0, t.slotOf(3, 0));
        assertEquals(-1, t.slotOf(1, 2)); // leaves are not linked
        assertThrows(IndexOutOfBoundsException.class, () -> t.linkIndex(1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> t.neighbour(0, 3));
        int[] copy = t.neighbours(0);
        copy[0] = 99;
        assertArrayEquals(new int[] {1, 2, 3}, t.neighbours(0), "neighbours() is a copy");
    }

    @Test
    void generatedIdsAreThoseOfVmCluster() throws Exception {
        Topology t = Generators.generate("ring", 12, 1);
        assertEquals("machine_1", t.id(0));
        assertEquals("machine_12", t.id(11));
        assertEquals(11, t.indexOf("machine_12"));
        assertEquals(0, t.indexOf("machine_1"));
        for (String notOne : new String[] {"machine_0", "machine_13", "machine_01", "machine_", "machine_x", "ring_1",
            "machine_99999999999"}) {
            assertEquals(-1, t.indexOf(notOne), notOne);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> t.id(12));
        assertFalse(t.hasLinkDelays());
        assertNull(t.linkDelay(0, 0));
        assertTrue(t.seed().isEmpty());
    }

    @Test
    void exactDiametersOfKnownGraphs() throws Exception {
        // ring of 10: the opposite machine is 5 hops away
        assertEquals(new Diameter(5, true), Generators.generate("ring", 10, 1).diameter());
        // grid 4 × 5 (20 machines, 4 columns): corner to corner is 3 + 4 = 7 hops
        assertEquals(new Diameter(7, true), Generators.generate("grid:4", 20, 1).diameter());
        // torus 4 × 5: at most 2 hops along a row of 4 and 2 along a column of 5
        assertEquals(new Diameter(4, true), Generators.generate("torus:4", 20, 1).diameter());
    }

    @Test
    void largeGraphsGetADoubleSweepLowerBound() throws Exception {
        // ring of 20,001 (above the exact limit): the sweep from 0 finds machine 10,000 at 10,000 hops, which is
        // the true diameter; the estimate says it is a lower bound
        Topology ring = Generators.generate("ring", 20_001, 1);
        assertEquals(new Diameter(10_000, false), ring.diameter());
        // grid 100 × 200: the second sweep goes corner to corner, 99 + 199 = 298
        assertEquals(new Diameter(298, false), Generators.generate("grid:100", 20_000, 1).diameter());
        Topology random = Generators.generate("random-regular:4", 20_000, 1);
        Diameter d = random.diameter();
        assertFalse(d.exact());
        // a 4-regular graph reaches at most 1 + 4 + 12 + 36 + ... machines in h hops: 20,000 needs h >= 8
        assertTrue(d.hops() >= 8, "lower bound " + d.hops());
    }

    @Test
    void exactAndEstimateAgreeOnAModerateRandomGraph() throws Exception {
        Topology t = Generators.generate("random-regular:3", 2_000, 5);
        int exact = t.diameter().hops();
        int estimate = GraphWalks.doubleSweepDiameter(offsets(t), targets(t), 4).hops();
        assertTrue(estimate <= exact && estimate >= exact - 1, "estimate " + estimate + " vs exact " + exact);
    }

    @Test
    void memoryIsTheArraysAndNothingPerLink() throws Exception {
        Topology t = Generators.generate("random-regular:8", 100_000, 1);
        // offsets (n+1 ints) + targets (2·400,000 ints) + two array headers
        assertEquals(16 + 4L * 100_001 + 16 + 4L * 800_000, t.memoryBytes());
    }

    private static int[] offsets(Topology t) {
        int[] o = new int[t.size() + 1];
        for (int i = 0; i < t.size(); i++) {
            o[i + 1] = o[i] + t.degree(i);
        }
        return o;
    }

    private static int[] targets(Topology t) {
        int[] all = new int[t.directedLinkCount()];
        for (int i = 0, p = 0; i < t.size(); i++) {
            for (int v : t.neighbours(i)) {
                all[p++] = v;
            }
        }
        return all;
    }
}
