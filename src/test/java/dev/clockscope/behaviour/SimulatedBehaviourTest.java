package dev.clockscope.behaviour;

import dev.clockscope.config.NetworkFaults;
import dev.clockscope.node.Die;
import dev.clockscope.node.MachineFactory;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.VectorMode;
import dev.clockscope.sim.Fingerprint;
import dev.clockscope.sim.LinkDelays;
import dev.clockscope.sim.LinkModel;
import dev.clockscope.sim.Outage;
import dev.clockscope.sim.RunSinks;
import dev.clockscope.sim.SimOptions;
import dev.clockscope.sim.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The behaviour suite over the simulated network, in virtual time: machine_3 dies at 1.5 s, returns at 2.5 s. */
class SimulatedBehaviourTest extends ModelBehaviourSuite {
    @TempDir
    static Path dir; // static: made before the suite's @BeforeAll runs the scenario

    @Override
    Path runScenario() throws Exception {
        MachineIds ids = MachineIds.of(IDS);
        SimOptions options = new SimOptions(ids, MachineFactory.complete(3), new Die(10), VectorMode.DENSE, SEED, 1, 6,
                i -> RATES[i], Duration.ofSeconds(5), true, LinkModel.of(LinkDelays.of(LinkDelays.LOOPBACK)), NetworkFaults.NONE,
                List.of(new Outage(2, 1_500_000_000L, 2_500_000_000L)), List.of(), SimOptions.DEFAULT_ORIGIN_MICROS,
                "test", null);
        RunSinks sinks = new RunSinks(ids, dir, new Fingerprint(), null);
        new Simulation(options, sinks).run(null);
        sinks.closeAll();
        return dir;
    }

    @Override
    int allowedInFlightAtCrash() {
        return 3; // in its queue, not yet processed, when it was killed (what was in flight is reported undelivered)
    }
}
