package dev.clockscope.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.random.SeededRandom;
import dev.clockscope.testing.ScriptedRandom;
import dev.clockscope.testing.Seeds;
import org.junit.jupiter.api.Test;

class DieTest {
    private static final int INTERNAL = ActionPolicy.INTERNAL;
    private static final int ALL = ActionPolicy.ALL;

    @Test
    void threeMachinesAndTenSidesIsTheAssignment() {
        Die die = new Die(10);
        // two neighbours in config order: slot 0 and slot 1
        assertEquals(0, die.actionFor(1, 2));
        assertEquals(1, die.actionFor(2, 2));
        assertEquals(ALL, die.actionFor(3, 2));
        for (int face = 4; face <= 10; face++) {
            assertEquals(INTERNAL, die.actionFor(face, 2), "face " + face);
        }
    }

    @Test
    void oneNeighbourFaceOneAndTwoBothReachIt() {
        Die die = new Die(6);
        assertEquals(0, die.actionFor(1, 1));
        assertEquals(ALL, die.actionFor(2, 1), "all of one neighbour is that neighbour");
        assertEquals(INTERNAL, die.actionFor(3, 1));
        assertEquals(INTERNAL, die.actionFor(6, 1));
    }

    @Test
    void fourNeighboursGiveFourSingleTargetsThenAll() {
        Die die = new Die(8);
        assertEquals(0, die.actionFor(1, 4));
        assertEquals(3, die.actionFor(4, 4));
        assertEquals(ALL, die.actionFor(5, 4));
        assertEquals(INTERNAL, die.actionFor(6, 4));
        assertEquals(INTERNAL, die.actionFor(8, 4));
    }

    @Test
    void dieMustCoverEveryTargetAndFacesAreOneBased() {
        assertNotNull(new Die(2).refuse(2), "2 faces cannot address 2 neighbours and both");
        assertNull(new Die(3).refuse(2));
        assertNotNull(new Die(3).refuse(0), "a machine without neighbours cannot act");
        Die die = new Die(3);
        assertThrows(IllegalArgumentException.class, () -> die.actionFor(0, 2));
        assertThrows(IllegalArgumentException.class, () -> die.actionFor(4, 2));
        assertThrows(IllegalArgumentException.class, () -> new Die(1));
    }

    @Test
    void chooseUsesEveryFaceOfTheRandomSource() {
        // nextInt(10) = 0 is face 1, 9 is face 10
        assertEquals(0, new Die(10).choose(new ScriptedRandom(1), 2));
        assertEquals(INTERNAL, new Die(10).choose(new ScriptedRandom(10), 2));
    }

    /**
     * For 3 machines the action probabilities one 0.2 / all 0.1 are the assignment's die: each neighbour
     * 1/10, both 1/10, internal 7/10. A chi-square test over 200,000 draws of each policy against those
     * expected frequencies (3 degrees of freedom; 16.27 is the 0.1 % critical value), seed printed and
     * replayable with -Dclockscope.seed=N.
     */
    @Test
    void actionProbabilitiesForThreeMachinesAreTheAssignmentsDie() {
        long seed = Seeds.printed("DieTest");
        double[] expected = {0.1, 0.1, 0.1, 0.7}; // slot 0, slot 1, all, internal
        int draws = 200_000;
        for (ActionPolicy policy : new ActionPolicy[] {new Die(10), ActionProbabilities.ASSIGNMENT}) {
            SeededRandom random = new SeededRandom(seed);
            long[] counts = new long[4];
            for (int i = 0; i < draws; i++) {
                int a = policy.choose(random, 2);
                counts[a == ALL ? 2 : a == INTERNAL ? 3 : a]++;
            }
            double chi2 = 0;
            for (int k = 0; k < 4; k++) {
                double e = expected[k] * draws;
                chi2 += (counts[k] - e) * (counts[k] - e) / e;
            }
            assertTrue(chi2 < 16.27, policy + ": chi-square " + chi2 + " for counts "
                    + java.util.Arrays.toString(counts) + ", seed " + seed);
        }
    }

    @Test
    void actionProbabilitiesPickAUniformNeighbourAndRefuseBadValues() {
        ActionProbabilities p = new ActionProbabilities(1.0, 0.0);
        long[] counts = new long[8];
        SeededRandom random = new SeededRandom(42);
        for (int i = 0; i < 80_000; i++) {
            counts[p.choose(random, 8)]++;
        }
        for (long c : counts) {
            assertTrue(c > 9_500 && c < 10_500, java.util.Arrays.toString(counts));
        }
        assertThrows(IllegalArgumentException.class, () -> new ActionProbabilities(0.8, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new ActionProbabilities(-0.1, 0.3));
        assertEquals(0.7, ActionProbabilities.ASSIGNMENT.internal(), 1e-12);
    }
}
