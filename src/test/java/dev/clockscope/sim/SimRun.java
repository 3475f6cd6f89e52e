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
}
