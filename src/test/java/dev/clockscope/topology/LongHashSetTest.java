package dev.clockscope.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The small-world generator's set of rewired links, against java.util.HashSet. */
class LongHashSetTest {
    @Test
    void agreesWithHashSetWellPastItsExpectedSize() {
        LongHashSet set = new LongHashSet(4); // grows several times below
        Set<Long> reference = new HashSet<>();
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 20_000; i++) {
            long key = random.nextLong(50_000); // about a third repeat
            set.add(key);
            reference.add(key);
        }
        assertEquals(reference.size(), set.size());
        for (long key = 0; key < 50_000; key++) {
            assertEquals(reference.contains(key), set.contains(key), "key " + key);
        }
        set.add(0);
        assertTrue(set.contains(0));
        assertFalse(set.contains(Long.MAX_VALUE));
    }
}
