package dev.clockscope.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeersTest {
    private final MachineIds ids = MachineIds.numbered(5);

    @Test
    void neighboursAreKeptSortedAndBadListsAreRefused() {
        Peers p = new Peers(0, ids, new int[] {4, 2});
        assertArrayEquals(new int[] {2, 4}, p.sorted());
        assertEquals(1, p.slotOf(4));
        assertEquals(-1, p.slotOf(3));
        assertEquals(List.of("machine_3", "machine_5"), p.ids(ids));
        assertThrows(IllegalArgumentException.class, () -> new Peers(0, ids, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Peers(0, ids, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Peers(0, ids, new int[] {5}));
    }

    @Test
    void aPeerIsUpWhenBothDirectionsAreAndConnectedHappensOnce() {
        Peers p = new Peers(0, ids, new int[] {1, 2});
        assertEquals(Peers.UNCHANGED, p.link(0, true, true));
        assertEquals(Peers.CAME_UP, p.link(0, false, true));
        assertFalse(p.connected());
        assertEquals(Peers.UNCHANGED, p.link(1, false, true));
        assertEquals(Peers.CAME_UP_ALL_CONNECTED, p.link(1, true, true));
        assertTrue(p.connected());
        assertEquals(Peers.WENT_DOWN, p.link(0, true, false));
        assertEquals(Peers.UNCHANGED, p.link(0, false, false)); // already down: one down per peer
        assertEquals(Peers.UNCHANGED, p.link(0, true, true));
        assertEquals(Peers.CAME_UP, p.link(0, false, true)); // up again, and connected stays as it was: not again
        assertTrue(p.connected());
        assertTrue(p.up(0));
    }

    @Test
    void aSeqIsTakenOncePerSenderLifeAndANewLifeStartsAgain() {
        Peers p = new Peers(0, ids, new int[] {1});
        assertTrue(p.take(0, 100, 1));
        assertTrue(p.take(0, 100, 2));
        assertFalse(p.take(0, 100, 2)); // a replay
        assertFalse(p.take(0, 100, 1));
        assertTrue(p.take(0, 200, 1)); // the sender's next life numbers from 1 again
        assertFalse(p.take(0, 200, 1));
    }
}
