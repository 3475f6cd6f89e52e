package dev.clockscope.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start lines without {@code machines} (the original schema): the config order derived from peers lists. */
class MachineOrderTest {
    @TempDir
    Path dir;

    @Test
    void oneLogAlonePlacesItsMachineWhereItsIdSorts() {
        // peers are in config order; only the machine's own place is open: natural order, machine_2 < machine_10
        assertEquals(List.of("machine_1", "machine_2", "machine_10"),
                MachineOrder.guess("machine_2", List.of("machine_1", "machine_10")));
        assertEquals(List.of("a", "b", "c"), MachineOrder.guess("c", List.of("a", "b")));
        assertEquals(List.of("a", "b", "c"), MachineOrder.guess("a", List.of("b", "c")));
    }

    @Test
    void theOtherLogsOfTheRunFixAnOrderThatIsNotTheNaturalOne() {
        // config order z, a, m. z's peers [a, m], a's [z, m], m's [z, a]: a's list says z < m, m's says z < a,
        // z's says a < m, so z, a, m, though natural order (a, m, z) would put z last
        MachineOrder.Derived d = MachineOrder.ofRun(List.of(
                new MachineOrder.View("z", List.of("a", "m"), null),
                new MachineOrder.View("a", List.of("z", "m"), null),
                new MachineOrder.View("m", List.of("z", "a"), null)));
        assertEquals(List.of("z", "a", "m"), d.order());
        assertEquals(List.of(), d.assumed());
        // alone, z's log would be guessed wrong: that is why the analyzer derives it from the whole run
        assertEquals(List.of("a", "m", "z"), MachineOrder.guess("z", List.of("a", "m")));
    }

    @Test
    void twoMachinesCannotBeOrderedByTheirLogsAndSaySo() {
        // each names only the other: nothing fixes which comes first; natural order decides, reported
        MachineOrder.Derived d = MachineOrder.ofRun(List.of(
                new MachineOrder.View("b", List.of("a"), null), new MachineOrder.View("a", List.of("b"), null)));
        assertEquals(List.of("a", "b"), d.order());
        assertEquals(List.of("a before b"), d.assumed());
        // a log that has a machines list settles it
        assertEquals(List.of("b", "a"), MachineOrder.ofRun(List.of(new MachineOrder.View("b", List.of("a"), null),
                new MachineOrder.View("a", List.of("b"), List.of("b", "a")))).order());
    }

    @Test
    void contradictionsAndStrangersAreRefused() {
        // a's peers say c < b, d's say b < c
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MachineOrder.ofRun(List.of(
                new MachineOrder.View("a", List.of("c", "b", "d"), null),
                new MachineOrder.View("d", List.of("a", "b", "c"), null))));
        assertTrue(e.getMessage().contains("contradictory"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MachineOrder.ofRun(List.of(
                new MachineOrder.View("a", List.of("b"), null), new MachineOrder.View("b", List.of("c"), null))));
        assertTrue(e.getMessage().contains("machine a has peers [b]"), e.getMessage());
    }

    @Test
    void fits() {
        assertTrue(MachineOrder.fits(List.of("a", "b", "c"), "b", List.of("a", "c")));
        assertFalse(MachineOrder.fits(List.of("a", "b", "c"), "b", List.of("c", "a")));
        assertFalse(MachineOrder.fits(List.of("a", "b", "c"), "d", List.of("a", "b")));
    }

    @Test
    void theReaderTakesAStartLineWithoutMachines() throws Exception {
        Path log = dir.resolve("c.log");
        Files.writeString(log, """
                {"event":"start","format":1,"machine":"c","peers":["a","b"],"ticksPerSecond":1,"die":10,"seed":3,"wallMicros":1000000}
                {"event":"internal","wallMicros":2000000,"tick":1,"lamport":1,"vector":{"a":0,"b":0,"c":1},"queue":0}
                """);
        try (EventLogReader r = EventLogReader.open(log)) {
            Event.Start s = (Event.Start) r.next();
            assertEquals(List.of("a", "b", "c"), s.machines());
            assertFalse(r.machinesLogged());
            Event.Internal i = (Event.Internal) r.next();
            assertEquals(1, i.vector().get(2)); // c's entry, at c's derived index
        }
        // the run's order wins over the guess: here c comes first
        try (EventLogReader r = EventLogReader.open(log).cluster(List.of("c", "a", "b"))) {
            assertEquals(List.of("c", "a", "b"), ((Event.Start) r.next()).machines());
            assertEquals(1, ((Event.Internal) r.next()).vector().get(0));
        }
        // a run order the line does not fit is an error naming the line
        try (EventLogReader r = EventLogReader.open(log).cluster(List.of("a", "c", "d"))) {
            EventLogFormatException e = assertThrows(EventLogFormatException.class, r::next);
            assertTrue(e.getMessage().contains("c.log:1:") && e.getMessage().contains("does not fit"), e.getMessage());
        }
    }
}
