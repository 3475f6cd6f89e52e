package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A run that is not live (no pacer: vm simulate as fast as it can) ended from outside, as SIGTERM does: it
 * ends within a few thousand events, every machine logs a stop line, and the run reports where it ended.
 */
class EarlyEndTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aRunAtFullSpeedEndedFromOutsideStopsEveryMachineSoonAfter() throws Exception {
        SimRun run = new SimRun();
        run.duration = Duration.ofHours(10); // about 400,000 events if not ended
        Map<Integer, List<Event>> logs = new ConcurrentHashMap<>();
        Simulation[] sim = new Simulation[1];
        RunSinks sinks = new RunSinks(run.ids, null, new Fingerprint(), (m, e) -> {
            logs.computeIfAbsent(m, k -> new ArrayList<>()).add(e);
            if (m == 0 && SimRun.at(e) >= 60) {
                sim[0].endNow("signal"); // as the SIGTERM handler does, here from the simulation's own thread
            }
        });
        sim[0] = new Simulation(run.options(), sinks);
        Simulation.Result result = sim[0].run(null);
        sinks.closeAll();

        // the check comes every 4,096 agenda events; 3 machines tick at least 3 times a virtual second, so it
        // comes within 1,366 s (messages taken from inboxes are not agenda events)
        assertTrue(result.endNanos() < 1_500 * S, "the run ended within 1,366 s after 60 s, not at 10 h: "
                + result.endNanos());
        for (int m = 0; m < 3; m++) {
            List<Event> log = logs.get(m);
            Event last = log.get(log.size() - 1);
            assertTrue(last instanceof Event.Stop s && s.reason().equals("signal"),
                    "machine_" + (m + 1) + "'s log ends with a stop line (signal): " + last);
            assertTrue(SimRun.at(last) < 1_500, "stopped soon after 60 s: " + SimRun.at(last));
        }
    }
}
