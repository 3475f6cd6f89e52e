package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.config.NetworkFaults;
import dev.clockscope.node.ActionProbabilities;
import dev.clockscope.node.MachineIds;
import dev.clockscope.topology.Generators;
import dev.clockscope.topology.Topology;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plain run keeps messages in their receivers' inboxes and takes them in late, just before something next
 * happens to the receiver; a live run keeps every message an agenda event of its own. Both must give the same
 * events in the same order: the fingerprint, the agenda's event count and the message books agree, in runs
 * where crashes, pauses, stops and ties at the same nanosecond meet messages in flight.
 */
class DeliveryPathsTest {
    private static final long S = 1_000_000_000L;

    private static void assertSamePaths(SimRun run) throws Exception {
        Fingerprint inboxes = new Fingerprint();
        Simulation.Result a = new Simulation(run.options(), new RunSinks(run.ids, null, inboxes, null)).run(null);
        Fingerprint agenda = new Fingerprint();
        Simulation.Result b = new Simulation(run.options(), new RunSinks(run.ids, null, agenda, null))
                .live((virtualNanos, controlWaiting) -> virtualNanos).run(null);
        assertTrue(inboxes.events() > 100, "a run with something in it: " + inboxes.events() + " events");
        assertEquals(agenda.hex(), inboxes.hex(), "the same events in the same order");
        assertEquals(agenda.events(), inboxes.events());
        assertEquals(b.agendaEvents(), a.agendaEvents(), "a message taken from an inbox counts as the event it was");
        assertEquals(b.messagesSent(), a.messagesSent());
        assertEquals(b.messagesLostInFlight(), a.messagesLostInFlight());
        assertArrayEquals(b.finalLamport(), a.finalLamport());
        assertArrayEquals(b.messagesPerLink(), a.messagesPerLink());
    }

    @Test
    void crashesRestartsAndPausesWithMessagesInFlight() throws Exception {
        SimRun run = new SimRun().machines(6);
        run.duration = Duration.ofSeconds(20);
        run.linkDelays = LinkDelays.of(new NetworkFaults.Delay("uniform", 50, 900)); // ms: long enough to be in flight
        run.crashes.add(new Outage(1, 3 * S, 5 * S));
        run.crashes.add(new Outage(2, 7 * S, Long.MAX_VALUE));
        run.crashes.add(new Outage(1, 19_900_000_000L, Long.MAX_VALUE)); // while stopping, messages still coming
        run.pauses.add(new Outage(3, 2 * S, 9 * S));
        run.pauses.add(new Outage(4, 4 * S, 4_100_000_000L));
        run.pauses.add(new Outage(5, 19 * S, 30 * S)); // paused across its stop
        assertSamePaths(run);
    }

    /**
     * Links of 5-8 s: a life restarted just before the end, and a machine paused past the heartbeat timeout until
     * the end, each stop while messages to their earlier connection are still on the wire. Both paths wait for
     * those too before the machine's stop (a stop that did not wait would come seconds earlier on one path).
     */
    @Test
    void aStopWhileMessagesToAnEarlierConnectionAreOnTheWire() throws Exception {
        SimRun run = new SimRun().machines(5);
        run.duration = Duration.ofSeconds(10);
        run.linkDelays = LinkDelays.of(new NetworkFaults.Delay("uniform", 5000, 8000));
        run.crashes.add(new Outage(2, 9 * S, 9_500_000_000L));
        run.pauses.add(new Outage(1, 8 * S, 30 * S));
        assertSamePaths(run);
    }

    @Test
    void tiesAtTheSameNanosecondKeepTheAgendasOrder() throws Exception {
        // fixed rates at phase 0 and a constant delay: arrivals land exactly on ticks
        SimRun run = new SimRun().machines(5).rates(2, 4, 4, 1, 2);
        run.randomPhase = false;
        run.duration = Duration.ofSeconds(15);
        run.linkDelays = LinkDelays.of(new NetworkFaults.Delay("constant", 250, 250));
        run.crashes.add(new Outage(0, 5 * S, 6 * S));
        run.pauses.add(new Outage(2, 3 * S, 4 * S));
        assertSamePaths(run);
        run.linkDelays = LinkDelays.of(new NetworkFaults.Delay("constant", 0, 0)); // due the instant it is sent
        assertSamePaths(run);
    }

    @Test
    void aSparseTopologyWithSilentLoss() throws Exception {
        SimRun run = new SimRun();
        Topology ring = Generators.generate("ring", 40, 5);
        run.ids = MachineIds.numbered(40);
        run.neighbours = ring::neighbours;
        run.policy = new ActionProbabilities(0.3, 0.2);
        run.silentLoss = 0.1;
        run.duration = Duration.ofSeconds(10);
        run.crashes.add(new Outage(7, 2 * S, 3 * S));
        run.pauses.add(new Outage(8, 1 * S, 6 * S));
        assertSamePaths(run);
    }

    @Test
    void theAssignmentsRunsAtSeveralSeeds() throws Exception {
        for (long seed : List.of(1L, 2L, 3L)) {
            SimRun run = new SimRun();
            run.seed = seed;
            run.duration = Duration.ofSeconds(60);
            assertSamePaths(run);
        }
    }
}
