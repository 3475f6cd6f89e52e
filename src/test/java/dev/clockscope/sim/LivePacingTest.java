package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import dev.clockscope.faults.LinkControl;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A live run is paced for the eye until its end; what the agenda still holds after that (a message that a
 * live delay control holds back for a minute, goodbyes) is not waited for: the run is over.
 */
class LivePacingTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aLongLiveDelayDoesNotKeepTheRunWaitingAfterItsEnd() throws Exception {
        SimRun run = new SimRun();
        run.duration = Duration.ofSeconds(5);
        AtomicReference<String> held = new AtomicReference<>();
        RunSinks sinks = new RunSinks(run.ids, null, new Fingerprint(), (m, e) -> {
            if (m == 0 && e instanceof Event.Undelivered u && u.reason().contains("injected delay")) {
                held.set(u.reason());
            }
        });
        AtomicLong latestPaced = new AtomicLong(-1);
        Simulation sim = new Simulation(run.options(), sinks).live((t, controlWaiting) -> latestPaced.accumulateAndGet(t, Math::max));
        // as the page's "delay" button: machine_1's messages to machine_2 take a minute more
        sim.control(0, 1, new LinkControl(LinkControl.Kind.DELAY, "machine_2", 60_000, 0));
        sim.run(null);
        sinks.closeAll();

        assertTrue(held.get() != null, "a message was still held by the delay when machine_1 stopped");
        assertTrue(latestPaced.get() >= sim.endNanos() - 2 * S, "the run was paced: " + latestPaced.get());
        assertTrue(latestPaced.get() <= sim.endNanos(), "nothing is paced after the run's end ("
                + sim.endNanos() + " ns), but the pacer was asked to wait until " + latestPaced.get() + " ns");
    }

    @Test
    void aLiveRunEndedFromOutsideStopsEveryMachineThereAndRestartsNone() throws Exception {
        SimRun run = new SimRun();
        run.duration = Duration.ofSeconds(60);
        run.crashes.add(new Outage(1, 2 * S, 10 * S)); // down when the run is ended, due back later
        java.util.Map<Integer, java.util.List<Event>> logs = new java.util.concurrent.ConcurrentHashMap<>();
        RunSinks sinks = new RunSinks(run.ids, null, new Fingerprint(),
                (m, e) -> logs.computeIfAbsent(m, k -> new java.util.ArrayList<>()).add(e));
        Simulation[] sim = new Simulation[1];
        AtomicLong latestPaced = new AtomicLong(-1);
        sim[0] = new Simulation(run.options(), sinks).live((t, controlWaiting) -> {
            latestPaced.accumulateAndGet(t, Math::max);
            if (t >= 5 * S) {
                sim[0].endNow("signal"); // as Ctrl-C of vm simulate --live does, from its signal handler
            }
            return t;
        });
        Simulation.Result result = sim[0].run(null);
        sinks.closeAll();

        assertTrue(result.endNanos() < 7 * S, "the run's virtual time ends soon after 5 s, not at 61 s: " + result.endNanos());
        assertTrue(latestPaced.get() < 7 * S, "nothing paced after the end: " + latestPaced.get());
        for (int m = 0; m < 3; m++) {
            java.util.List<Event> log = logs.get(m);
            Event last = log.get(log.size() - 1);
            if (m == 1) {
                assertTrue(log.stream().filter(e -> e instanceof Event.Start).count() == 1,
                        "machine_2, down since 2 s, is not restarted at 10 s after the end");
                assertTrue(log.stream().noneMatch(e -> e instanceof Event.Stop), "its one life ended in the crash");
                continue;
            }
            assertTrue(last instanceof Event.Stop s && s.reason().equals("signal"),
                    "machine_" + (m + 1) + "'s log ends with a stop line (signal): " + last);
            assertTrue(SimRun.at(last) < 7, "stopped soon after 5 s, not at 61 s: " + SimRun.at(last));
        }
    }
}
