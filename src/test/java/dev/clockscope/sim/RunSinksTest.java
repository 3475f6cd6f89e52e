package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import dev.clockscope.node.MachineIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSinksTest {
    @TempDir
    Path dir;

    /**
     * A life's log, once closed, refuses a line, and the next life's file gets none of the old life's: the log a life
     * was given keeps its own file, whatever file the machine has by then.
     */
    @Test
    void aClosedLifesLogRefusesALineAndTheNextLifesFileKeepsOnlyItsOwn() throws Exception {
        RunSinks sinks = new RunSinks(MachineIds.numbered(1), dir, new Fingerprint(), null);
        EventLog first = sinks.open(0, 0);
        first.append(new Event.Stall(1, 1));
        sinks.close(0);
        EventLog second = sinks.open(0, 1);
        second.append(new Event.Stall(2, 2));

        assertThrows(IllegalStateException.class, () -> first.append(new Event.Stall(3, 3)));
        sinks.closeAll();
        List<String> lines = Files.readAllLines(dir.resolve("machine_1.log"));
        assertEquals(1, lines.size(), "only the second life's stall: " + lines);
        assertTrue(lines.get(0).contains("\"missedTicks\":2"), lines.get(0));
    }

    /**
     * The consumer gets every event with its machine's index, in the same order, whether the events come through each
     * life's log (the simulation's thread) or by index from the sinks' thread; a crash and a restart in between.
     */
    @Test
    void theConsumerGetsTheSameEventsByIndexAsThroughEachLifesLog() throws Exception {
        SimRun run = new SimRun().machines(4);
        run.duration = Duration.ofSeconds(120);
        run.minRate = 20;
        run.maxRate = 40;
        run.crashes.add(new Outage(2, 5_000_000_000L, 9_000_000_000L));
        List<String> direct = new ArrayList<>();
        new Simulation(run.options(), new RunSinks(run.ids, null, new Fingerprint(),
                (m, e) -> direct.add(m + " " + e))).run(null);

        List<String> byIndex = new ArrayList<>();
        AsyncSinks async = new AsyncSinks(new RunSinks(run.ids, null, new Fingerprint(),
                (m, e) -> byIndex.add(m + " " + e)), run.ids.size());
        new Simulation(run.options(), async).run(null);
        async.finish();

        assertTrue(direct.size() > 2 * AsyncSinks.BATCH, "several batches: " + direct.size() + " events");
        assertTrue(direct.stream().anyMatch(s -> s.startsWith("2 Start")), "machine_3's lives start: " + direct.get(0));
        assertEquals(direct, byIndex);
    }
}
