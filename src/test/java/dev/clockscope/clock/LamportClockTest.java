package dev.clockscope.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LamportClockTest {
    @Test
    void localEventsCountUpFromZero() {
        LamportClock c = new LamportClock();
        assertEquals(1, c.tick());
        assertEquals(2, c.tick());
        assertEquals(2, c.time());
    }

    @Test
    void receiveTakesMaxPlusOne() {
        LamportClock c = new LamportClock(5);
        assertEquals(10, c.merge(9), "received 9 > local 5: max(5, 9) + 1");
        assertEquals(11, c.merge(3), "received 3 < local 10: max(10, 3) + 1");
        assertEquals(12, c.merge(11), "equal values still advance: max(11, 11) + 1");
    }

    @Test
    void refusesNegativeTimes() {
        assertThrows(IllegalArgumentException.class, () -> new LamportClock(-1));
        assertThrows(IllegalArgumentException.class, () -> new LamportClock().merge(-7));
    }
}
