package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
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
        RunSinks sinks = new RunSinks(run.ids, null, new Fingerprint(), m -> m != 0 ? null : (EventLog) e -> {
            if (e instanceof Event.Undelivered u && u.reason().contains("injected delay")) {
                held.set(u.reason());
            }
        });
        AtomicLong latestPaced = new AtomicLong(-1);
        Simulation sim = new Simulation(run.options(), sinks).live(t -> latestPaced.accumulateAndGet(t, Math::max));
        // as the page's "delay" button: machine_1's messages to machine_2 take a minute more
        sim.control(0, 1, new LinkControl(LinkControl.Kind.DELAY, "machine_2", 60_000, 0));
        sim.run(null);
        sinks.closeAll();

        assertTrue(held.get() != null, "a message was still held by the delay when machine_1 stopped");
        assertTrue(latestPaced.get() >= sim.endNanos() - 2 * S, "the run was paced: " + latestPaced.get());
        assertTrue(latestPaced.get() <= sim.endNanos(), "nothing is paced after the run's end ("
                + sim.endNanos() + " ns), but the pacer was asked to wait until " + latestPaced.get() + " ns");
    }
}
