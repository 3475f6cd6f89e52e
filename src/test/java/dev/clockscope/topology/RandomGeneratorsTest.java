package dev.clockscope.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** random-regular, small-world and scale-free: the cases with a known answer, at fixed seeds. */
class RandomGeneratorsTest {
    private static Topology make(String spec, int n, long seed) throws TopologyException {
        Topology t = Generators.generate(spec, n, seed);
        Invariants.assertSimple(t, spec + " of " + n);
        assertTrue(t.connected(), spec + " of " + n + " connected");
        return t;
    }

    @Test
    void randomRegularIsExactlyRegularAtScale() throws Exception {
        Topology t = make("random-regular:8", 50_000, 42);
        Invariants.assertRegular(t, 8, "random-regular:8");
        assertEquals(200_000, t.linkCount()); // 50,000 × 8 / 2
        assertEquals(new DegreeStats(8, 8, 8.0), t.degreeStats());
        Topology odd = make("random-regular:3", 1_000, 7); // odd K needs an even number of machines
        Invariants.assertRegular(odd, 3, "random-regular:3");
    }

    @Test
    void randomRegularSpecialCases() throws Exception {
        // K = n-1 is the complete graph
        assertTrue(Invariants.sameGraph(make("random-regular:5", 6, 1), make("complete", 6, 1)));
        // K = 1 on two machines: the one link
        assertArrayEquals(new int[][] {{1}, {0}}, Invariants.adjacency(make("random-regular:1", 2, 1)));
        // K = 2: a single cycle through all machines in a random order, so not the ring 0-1-2-...
        Topology cycle = make("random-regular:2", 30, 3);
        Invariants.assertRegular(cycle, 2, "random-regular:2");
        assertFalse(Invariants.sameGraph(cycle, make("ring", 30, 3)));
        // dense: K > (n-1)/2 is drawn as the complement of a sparse regular graph
        for (long seed = 0; seed < 20; seed++) {
            Topology dense = make("random-regular:15", 20, seed);
            Invariants.assertRegular(dense, 15, "random-regular:15 of 20, seed " + seed);
        }
        Invariants.assertRegular(make("random-regular:9", 12, 5), 9, "random-regular:9 of 12");
    }

    @Test
    void smallWorldWithoutRewiringIsTheRingLattice() throws Exception {
        // 7 machines, K = 4: each linked to the 2 before and the 2 after it (mod 7)
        Topology t = make("small-world:4,0", 7, 99);
        assertArrayEquals(new int[][] {
            {1, 2, 5, 6}, {0, 2, 3, 6}, {0, 1, 3, 4}, {1, 2, 4, 5}, {2, 3, 5, 6}, {0, 3, 4, 6}, {0, 1, 4, 5}},
                Invariants.adjacency(t));
        assertEquals("small-world:4,0", t.description());
        // and at any size: machine i's neighbours are i±1..i±K/2 mod n
        int n = 1_000;
        Topology big = make("small-world:8,0", n, 5);
        for (int i = 0; i < n; i++) {
            for (int d = 1; d <= 4; d++) {
                assertTrue(big.slotOf(i, (i + d) % n) >= 0 && big.slotOf(i, (i - d + n) % n) >= 0, "lattice at " + i);
            }
        }
        Invariants.assertRegular(big, 8, "small-world:8,0");
    }

    @Test
    void smallWorldRewiresAboutPOfItsLinks() throws Exception {
        int n = 10_000;
        Topology t = make("small-world:6,0.2", n, 11);
        assertEquals(30_000, t.linkCount()); // n·K/2, whatever was rewired
        long lattice = 0;
        for (int i = 0; i < n; i++) {
            for (int d = 1; d <= 3; d++) {
                if (t.slotOf(i, (i + d) % n) >= 0) {
                    lattice++;
                }
            }
        }
        // each of the 30,000 lattice links is rewired with probability 0.2: about 24,000 stay (sd ~ 70);
        // a rewired link can land back on a lattice position only rarely (a handful out of 6,000)
        assertTrue(lattice > 23_500 && lattice < 24_500, "lattice links left: " + lattice);
    }

    @Test
    void smallWorldCannotRewireACompleteLattice() throws Exception {
        // 5 machines, K = 4: the lattice is already complete; every machine has degree n-1, nothing moves
        assertTrue(Invariants.sameGraph(make("small-world:4,1", 5, 2), make("complete", 5, 2)));
    }

    @Test
    void scaleFreeGrowsFromACompleteSeed() throws Exception {
        int n = 10_000;
        int m = 3;
        Topology t = make("scale-free:" + m, n, 2026);
        // the seed graph: machines 0..M all linked
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= m; j++) {
                assertEquals(i != j, t.slotOf(i, j) >= 0, i + "-" + j);
            }
        }
        // every later machine has exactly M neighbours older than itself (the ones it attached to)
        long degreeSum = 0;
        for (int v = 0; v < n; v++) {
            degreeSum += t.degree(v);
            if (v > m) {
                int older = t.slotOf(v, v) < 0 ? -(java.util.Arrays.binarySearch(t.neighbours(v), v) + 1) : -1;
                assertEquals(m, older, "older neighbours of " + v);
            }
        }
        long links = (long) m * (m + 1) / 2 + (long) (n - m - 1) * m; // 6 + 9,996 × 3 = 29,994
        assertEquals(29_994, links);
        assertEquals(links, t.linkCount());
        assertEquals(2 * links, degreeSum);
        assertEquals(m, t.degreeStats().min());
        // preferential attachment makes hubs: the largest degree is far above the mean of 6 (about M·sqrt(n) = 300)
        assertTrue(t.degreeStats().max() > 100, "max degree " + t.degreeStats().max());
    }
}
