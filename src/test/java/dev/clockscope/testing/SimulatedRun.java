package dev.clockscope.testing;

import dev.clockscope.config.NetworkFaults;
import dev.clockscope.node.Die;
import dev.clockscope.node.MachineFactory;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.VectorMode;
import dev.clockscope.sim.Fingerprint;
import dev.clockscope.sim.LinkDelays;
import dev.clockscope.sim.LinkModel;
import dev.clockscope.sim.RunSinks;
import dev.clockscope.sim.SimOptions;
import dev.clockscope.sim.Simulation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Logs of any size in the real format for analyzer tests and benchmarks, written by the simulator (the real
 * Machines in virtual time): machines at fixed rates, the real die, links of 50–450 µs. Deterministic for a seed.
 */
public final class SimulatedRun {
    private final long seed;
    private final int[] rates;
    private int die = 10;
    private double silentLoss;

    public SimulatedRun(long seed, int... ticksPerSecond) {
        this.seed = seed;
        this.rates = ticksPerSecond.clone();
    }

    /** About one message in {@code n} vanishes in the network with no line anywhere: the analyzer's "lost". */
    public SimulatedRun dropEvery(int n) {
        this.silentLoss = 1.0 / n;
        return this;
    }

    public SimulatedRun die(int sides) {
        this.die = sides;
        return this;
    }

    /** Writes {@code dir/<id>.log} for every machine, each ticking for {@code seconds} of virtual time; returns lines. */
    public long write(Path dir, double seconds) throws IOException {
        int n = rates.length;
        MachineIds ids = MachineIds.numbered(n);
        SimOptions options = new SimOptions(ids, MachineFactory.complete(n), new Die(Math.max(die, n)), VectorMode.DENSE,
                seed, 1, 6, i -> rates[i], Duration.ofNanos((long) (seconds * 1e9)), true,
                new LinkModel(LinkDelays.of(new NetworkFaults.Delay("uniform", 0.05, 0.45)), silentLoss),
                NetworkFaults.NONE, List.of(), List.of(), SimOptions.DEFAULT_ORIGIN_MICROS, "test", null);
        Fingerprint fingerprint = new Fingerprint();
        RunSinks sinks = new RunSinks(ids, dir, fingerprint, null);
        try {
            new Simulation(options, sinks).run(null);
        } finally {
            sinks.closeAll();
        }
        return fingerprint.events();
    }

    public List<String> ids() {
        return MachineIds.numbered(rates.length).asList();
    }
}
