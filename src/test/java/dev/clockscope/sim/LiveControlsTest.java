package dev.clockscope.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.faults.LinkControl;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The live view's controls of a simulation: done at once by the simulation's thread, even while a slow pace keeps
 * it waiting for the next event, and refused, as the real cluster's are, when they would do nothing.
 */
class LiveControlsTest {
    private static final long S = 1_000_000_000L;
    private static final long FROZEN_AT = 3 * S;

    @Test
    void aControlIsDoneAtOnceAndOneThatWouldDoNothingIsRefused() throws Exception {
        SimRun run = new SimRun();
        run.duration = Duration.ofSeconds(60);
        RunSinks sinks = new RunSinks(run.ids, null, new Fingerprint(), null);
        AtomicBoolean waiting = new AtomicBoolean();
        // the wall clock stops at 3 s of virtual time, as at a speed so slow that the next event is hours away;
        // the pace is a long park, so only the simulation waking its thread for a control ends it
        Simulation sim = new Simulation(run.options(), sinks).live((t, controlWaiting) -> {
            if (t <= FROZEN_AT) {
                return t;
            }
            waiting.set(true);
            while (!controlWaiting.getAsBoolean()) {
                LockSupport.parkNanos(TimeUnit.MINUTES.toNanos(10));
            }
            return FROZEN_AT;
        });
        CompletableFuture<Simulation.Result> result = CompletableFuture.supplyAsync(() -> {
            try {
                return sim.run(null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).untilTrue(waiting);

        assertEquals("machine_2 is not paused", refusal(sim.control(MachineControl.RESUME, 1)));
        assertEquals(FROZEN_AT, done(sim.control(MachineControl.PAUSE, 1)), "done where the wall clock stood");
        assertEquals("machine_2 is already paused", refusal(sim.control(MachineControl.PAUSE, 1)));
        assertEquals("machine_2 is still running (kill it first)", refusal(sim.control(MachineControl.RESTART, 1)));
        assertEquals(FROZEN_AT, done(sim.control(MachineControl.KILL, 1)));
        assertEquals("machine_2 is not running (killed)", refusal(sim.control(MachineControl.KILL, 1)));
        assertEquals("machine_2 is not running (killed)", refusal(sim.control(MachineControl.PAUSE, 1)));
        assertEquals("machine_2 is not running (killed)",
                refusal(sim.control(1, 0, new LinkControl(LinkControl.Kind.CUT, "machine_1", 0, 0))));
        assertEquals(FROZEN_AT, done(sim.control(MachineControl.RESTART, 1)));
        assertEquals(FROZEN_AT, done(sim.control(0, 1, new LinkControl(LinkControl.Kind.CUT, "machine_2", 0, 0))));
        sim.endNow("signal");
        Simulation.Result r = result.get(30, TimeUnit.SECONDS);
        sinks.closeAll();

        assertTrue(r.endNanos() < 10 * S, "ended where it was, not at 61 s: " + r.endNanos());
        assertEquals("the run is over", refusal(sim.control(MachineControl.PAUSE, 0)), "refused at once, not left waiting");
    }

    private static long done(Future<Long> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private static String refusal(Future<Long> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof ControlRefused, e.getCause().toString());
        return e.getCause().getMessage();
    }
}
