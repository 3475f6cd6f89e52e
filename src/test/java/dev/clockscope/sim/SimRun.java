package dev.clockscope.sim;

import dev.clockscope.config.LinkSettings;
import dev.clockscope.config.NetworkFaults;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.node.ActionPolicy;
import dev.clockscope.node.Die;
import dev.clockscope.node.MachineFactory;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.VectorMode;
import dev.clockscope.random.RandomSource;
import dev.clockscope.testing.ScriptedRandom;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Simulated runs for tests: the assignment's defaults, changed one knob at a time. */
final class SimRun {
    MachineIds ids = MachineIds.numbered(3);
    IntFunction<int[]> neighbours = MachineFactory.complete(3);
    ActionPolicy policy = new Die(10);
    VectorMode vectors = VectorMode.DENSE;
    long seed = 42;
    int minRate = 1;
    int maxRate = 6;
    int[] fixedRates;
    Duration duration = Duration.ofSeconds(10);
    boolean randomPhase = true;
    LinkDelays linkDelays = LinkDelays.of(LinkDelays.LOOPBACK);
    double silentLoss;
    Duration heartbeatTimeout = LinkSettings.DEFAULT_HEARTBEAT_TIMEOUT;
    NetworkFaults faults = NetworkFaults.NONE;
    List<Outage> crashes = new ArrayList<>();
    List<Outage> pauses = new ArrayList<>();
    IntFunction<RandomSource> dice;

    SimRun machines(int n) {
        ids = MachineIds.numbered(n);
        neighbours = MachineFactory.complete(n);
        return this;
    }

    /**
     * A known-answer run: every machine at 1 tick/s from 0 with scripted dice (machine i rolls {@code scripts[i]}, its
     * first face the rate draw), links of exactly {@code linkMillis}.
     */
    static SimRun scripted(int[][] scripts, Duration duration, long linkMillis) {
        SimRun run = new SimRun();
        run.minRate = 1;
        run.maxRate = 1;
        run.randomPhase = false;
        run.duration = duration;
        run.linkDelays = LinkDelays.of(new NetworkFaults.Delay("constant", linkMillis, 0));
        run.dice = i -> new ScriptedRandom(scripts[i]);
        return run;
    }

    SimRun rates(int... r) {
        fixedRates = r;
        return this;
    }

    SimOptions options() {
        int[] fixed = fixedRates;
        return new SimOptions(ids, neighbours, policy, vectors, seed, minRate, maxRate,
                i -> fixed == null ? MachineFactory.DRAW : fixed[i], duration, randomPhase, new LinkModel(linkDelays, silentLoss, heartbeatTimeout), faults, crashes,
                pauses, SimOptions.DEFAULT_ORIGIN_MICROS, "test", dice);
    }

    /** Runs with full logs into {@code dir}; returns the result and the fingerprint. */
    Outcome run(Path dir) throws IOException {
        Fingerprint fp = new Fingerprint();
        RunSinks sinks = new RunSinks(ids, dir, fp, null);
        Simulation.Result r = new Simulation(options(), sinks).run(null);
        sinks.closeAll();
        return new Outcome(r, fp);
    }

    record Outcome(Simulation.Result result, Fingerprint fingerprint) {
    }

    static List<Event> events(Path log) throws Exception {
        return EventLogReader.readAll(log);
    }

    /** Seconds after the run's origin. */
    static double at(Event e) {
        return (e.wallMicros() - SimOptions.DEFAULT_ORIGIN_MICROS) / 1e6;
    }

    /** A log as a timeline for worked-out tests: "seconds kind what", e.g. "3.05 undelivered machine_2#4 unacknowledged". */
    static List<String> timeline(Path log) throws Exception {
        return events(log).stream().map(SimRun::timelineLine).toList();
    }

    private static String timelineLine(Event e) {
        String what = e.kind();
        if (e instanceof Event.Send s) {
            what = "send " + s.seq() + " to " + String.join(",", s.to());
        } else if (e instanceof Event.Receive r) {
            what = "receive " + r.from() + "#" + r.seq();
        } else if (e instanceof Event.Undelivered u) {
            what = "undelivered " + u.to() + "#" + u.seq() + " " + u.reason();
        } else if (e instanceof Event.PeerDown d) {
            what = "peer_down " + d.peer();
        } else if (e instanceof Event.PeerUp u) {
            what = "peer_up " + u.peer();
        } else if (e instanceof Event.Stall s) {
            what = "stall " + s.missedTicks();
        }
        return at(e) + " " + what;
    }
}
