package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.analysis.MessageOutcomes;
import dev.clockscope.analysis.RunAnalyzer;
import dev.clockscope.analysis.RunInput;
import dev.clockscope.analysis.RunResult;
import dev.clockscope.analysis.WindowSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is on its way to a machine when its connections go: its senders hear of it at once, as a real sender
 * does when its connection closes with messages unacknowledged (protocol 3), not when it would have arrived. With
 * links of seconds a sender has often stopped by then, and the message was in no log.
 */
class ConnectionLossTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /**
     * Three machines at 1 tick/s from 0, links of exactly 2 s, 2 s of ticks. Scripted dice (the first face is the
     * rate draw): machine_1 sends to machine_2 at its tick 0 (face 1) and is internal at 1; the others are internal.
     * machine_2 is killed at 0.5 s for good. Worked out by hand:
     * <pre>
     * 0.0  m1 send #1 to m2, due 2.0
     * 0.5  m2 killed: m1 and m3 log peer_down m2; #1 is on a connection that has gone, so m1 logs it undelivered,
     *      unacknowledged, now
     * 1.0  m1 internal, its last tick: nothing is on its way to it, so it stops; m3 internal, logs peer_down m1, stops
     * 2.0  #1 would have arrived: nothing more happens (before, m1 heard of it only now, had stopped, and #1 was in
     *      no log)
     * </pre>
     */
    @Test
    void aSenderHearsAtOnceOfWhatWasOnItsWayToAMachineThatDied() throws Exception {
        int[][] scripts = {{1, 1, 10}, {1, 10, 10}, {1, 10, 10}};
        SimRun run = SimRun.scripted(scripts, Duration.ofSeconds(2), 2000);
        run.crashes.add(new Outage(1, 500 * MS, Long.MAX_VALUE));
        SimRun.Outcome outcome = run.run(dir);

        assertEquals(List.of("0.0 start", "0.0 peer_up machine_2", "0.0 peer_up machine_3", "0.0 connected",
                "0.0 send 1 to machine_2", "0.5 peer_down machine_2", "0.5 undelivered machine_2#1 unacknowledged",
                "1.0 internal", "1.0 stop"), lines("machine_1"));
        assertEquals(List.of("0.0 start", "0.0 peer_up machine_1", "0.0 peer_up machine_2", "0.0 connected",
                "0.0 internal", "0.5 peer_down machine_2", "1.0 internal", "1.0 peer_down machine_1", "1.0 stop"),
                lines("machine_3"));
        assertEquals(0, outcome.result().messagesLostInFlight());

        RunResult r = new RunAnalyzer(RunInput.open(dir), WindowSpec.DEFAULT, List.of()).analyze();
        assertTrue(r.passed(), r.checks().toString());
        MessageOutcomes o = r.messages().outcomes();
        assertEquals(List.of(1L, Map.of("unacknowledged", 1L), 0L, 0L),
                List.of(o.total(), o.undelivered(), o.lost(), o.inFlightAtEnd()), o.toString());
    }

    /**
     * A sender's goodbye waits for what it sent to be acknowledged, as a real goodbye does: a receiver that dies with
     * the message queued makes it report it. Three machines at 1 tick/s from 0 for 3 s, links of exactly 100 ms;
     * machine_2 is killed at 0.5 s and restarted at 0.6 s (a later life ticks until the run ends, 4 s), then killed
     * for good at 2.3 s. Scripted dice: machine_1 sends to machine_2 at its last tick; everything else is internal.
     * Worked out by hand:
     * <pre>
     * 0.0  all internal
     * 0.5  m2 killed: m1 and m3 log peer_down m2
     * 0.6  m2's new life starts and connects (peer_up on all sides); it ticks at 0.6, 1.6, 2.6, 3.6
     * 2.0  m1 send #1 to m2 (arrives 2.1), its last tick: it says goodbye and waits for #1's acknowledgement;
     *      m3's last tick: nothing to wait for, it stops (m1 and m2 log peer_down m3)
     * 2.1  #1 arrives: queued at m2 (its next tick is at 2.6)
     * 2.3  m2 killed: m1 logs peer_down m2 and #1 undelivered, unacknowledged, and stops
     * </pre>
     * Before, m1 stopped at 2.0, and #1 was in no log.
     */
    @Test
    void aSendersGoodbyeWaitsForWhatItSentToBeAcknowledged() throws Exception {
        int[][] scripts = {{1, 10, 10, 1}, {1, 10, 10, 10, 10, 10}, {1, 10, 10, 10}};
        SimRun run = SimRun.scripted(scripts, Duration.ofSeconds(3), 100);
        run.crashes.add(new Outage(1, 500 * MS, 600 * MS));
        run.crashes.add(new Outage(1, 2300 * MS, Long.MAX_VALUE));
        SimRun.Outcome outcome = run.run(dir);

        assertEquals(List.of("0.0 start", "0.0 peer_up machine_2", "0.0 peer_up machine_3", "0.0 connected",
                "0.0 internal", "0.5 peer_down machine_2", "0.6 peer_up machine_2", "1.0 internal",
                "2.0 send 1 to machine_2", "2.0 peer_down machine_3", "2.3 peer_down machine_2",
                "2.3 undelivered machine_2#1 unacknowledged", "2.3 stop"), lines("machine_1"));
        assertEquals(List.of("0.6 start", "0.6 peer_up machine_1", "0.6 peer_up machine_3", "0.6 connected",
                "0.6 internal", "1.6 internal", "2.0 peer_down machine_3"), lines("machine_2"));
        assertEquals(0, outcome.result().messagesLostInFlight());
        RunResult r = new RunAnalyzer(RunInput.open(dir), WindowSpec.DEFAULT, List.of()).analyze();
        MessageOutcomes o = r.messages().outcomes();
        assertEquals(List.of(1L, Map.of("unacknowledged", 1L), 0L, 0L),
                List.of(o.total(), o.undelivered(), o.lost(), o.inFlightAtEnd()), o.toString());
    }

    /**
     * A restarted machine waits for its peers 3 s at most, then ticks with those that are up, as a restarted real
     * machine does (it cannot know whether another one is down too; it waited forever for a dead one). Three machines
     * at 1 tick/s from 0 for 5 s (a later life ticks what is left until the run ends at 6 s, and stops after its last
     * tick, as a first life does), links of 100 ms; machine_3 is killed at
     * 0.3 s for good, machine_2 killed at 0.5 s and restarted at 1 s. Each life's dice start over: the rate draw, then
     * machine_2's faces 10 (internal) and 2 (its second peer, machine_3). Its new life connects to machine_1 at 1 s,
     * not to machine_3, and ticks at 4 s (internal) and 5 s (a send to machine_3, refused: peer down); machine_1's
     * last tick, at 4 s, comes after machine_2's wait ended and before its tick (the agenda's order of the events of
     * one instant: the wait's end was scheduled at 1 s, machine_1's tick at 3 s, machine_2's tick at 4 s).
     */
    @Test
    void aRestartedMachineTicksWithThePeersThatAreUpAfterThreeSeconds() throws Exception {
        int[][] scripts = {{1, 10, 10, 10, 10, 10}, {1, 10, 2, 10}, {1, 10, 10}};
        SimRun run = SimRun.scripted(scripts, Duration.ofSeconds(5), 100);
        run.crashes.add(new Outage(2, 300 * MS, Long.MAX_VALUE));
        run.crashes.add(new Outage(1, 500 * MS, 1000 * MS));
        run.run(dir);

        assertEquals(List.of("1.0 start", "1.0 peer_up machine_1", "4.0 internal", "4.0 peer_down machine_1",
                "5.0 send 1 to machine_3", "5.0 undelivered machine_3#1 peer down", "5.0 stop"), lines("machine_2"));
        assertEquals(List.of("0.0 start", "0.0 peer_up machine_2", "0.0 peer_up machine_3", "0.0 connected",
                "0.0 internal", "0.3 peer_down machine_3", "0.5 peer_down machine_2", "1.0 peer_up machine_2",
                "1.0 internal", "2.0 internal", "3.0 internal", "4.0 internal", "4.0 stop"), lines("machine_1"));
    }

    private List<String> lines(String machine) throws Exception {
        return SimRun.timeline(dir.resolve(machine + ".log"));
    }
}
