package dev.clockscope.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clockscope.eventlog.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnePeerNameTest {
    private final MachineIds ids = MachineIds.numbered(5);

    /** A send event keeps the list (copying would read the name, the miss it exists to avoid) and equals List.of's. */
    @Test
    void aSendEventKeepsTheListAsItIsAndEqualsOneBuiltFromTheName() {
        OnePeerName to = new OnePeerName(ids, 2);
        Event.Send kept = new Event.Send(1_000, 1, 1, null, 0, to, 1);
        Event.Send copied = new Event.Send(1_000, 1, 1, null, 0, List.of("machine_3"), 1);
        assertSame(to, kept.to());
        assertEquals(copied, kept);
        assertEquals(kept, copied);
        assertEquals(copied.hashCode(), kept.hashCode());
        assertEquals("[machine_3]", to.toString());
    }

    @Test
    void itIsAnImmutableListOfOne() {
        OnePeerName to = new OnePeerName(ids, 4);
        assertEquals(1, to.size());
        assertEquals("machine_5", to.get(0));
        assertEquals(List.of("machine_5"), List.copyOf(to));
        assertThrows(IndexOutOfBoundsException.class, () -> to.get(1));
        assertThrows(UnsupportedOperationException.class, () -> to.add("machine_1"));
        assertThrows(UnsupportedOperationException.class, () -> to.set(0, "machine_1"));
    }
}
