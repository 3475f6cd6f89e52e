package dev.clockscope.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.ConfigException;
import dev.clockscope.config.ConfigLoader;
import dev.clockscope.config.ConfigWriter;
import dev.clockscope.config.LinkSettings;
import dev.clockscope.config.LinkSettingsParser;
import dev.clockscope.config.MachineSpec;
import dev.clockscope.config.NetworkFaults;
import dev.clockscope.config.RateRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterPlanTest {
    private static final ClusterConfig BASE = new ClusterConfig(List.of(
            new MachineSpec("a", "127.0.0.1", 9001), new MachineSpec("b", "127.0.0.1", 9002),
            new MachineSpec("c", "127.0.0.1", 9003)),
            new RateRange(2, 2), 7, Duration.ofSeconds(30), OptionalLong.empty(), 1000, LinkSettings.DEFAULT);

    @TempDir
    Path dir;

    @Test
    void assignmentPresetIsFiveMinuteLongRunsOfTheOriginalKnobs() throws ConfigException {
        ClusterPlan plan = ClusterPlan.from(BASE).preset(Preset.ASSIGNMENT).build(9);
        assertEquals(5, plan.runs());
        assertEquals(Duration.ofSeconds(60), plan.config().duration());
        assertEquals(new RateRange(1, 6), plan.config().ticksPerSecond());
        assertEquals(10, plan.config().die());
        assertEquals(9, plan.baseSeed(), "no seed anywhere: the random one");
    }

    @Test
    void presetsCombineAndExplicitOptionsWin() throws ConfigException {
        ClusterPlan plan = ClusterPlan.from(BASE).preset(Preset.ASSIGNMENT).preset(Preset.NARROW_RATES)
                .preset(Preset.FEWER_INTERNAL).runs(2).seed(100).build(9);
        assertEquals(new RateRange(3, 4), plan.config().ticksPerSecond());
        assertEquals(4, plan.config().die());
        assertEquals(2, plan.runs());
        assertEquals(100, plan.configForRun(0).seed().getAsLong());
        assertEquals(101, plan.configForRun(1).seed().getAsLong());
    }

    @Test
    void machineCountAndFixedRatesRewriteTheMachines() throws ConfigException {
        ClusterPlan plan = ClusterPlan.from(BASE).die(10).machineCount(5).fixedRates(List.of(1, 2, 3, 4, 5)).build(0);
        List<MachineSpec> ms = plan.config().machines();
        assertEquals(5, ms.size());
        assertEquals(new MachineSpec("machine_5", "127.0.0.1", 9005, OptionalInt.of(5)), ms.get(4));
        assertEquals(OptionalInt.of(1), ms.get(0).ticksPerSecond());
    }

    @Test
    void impossiblePlansAreOneLineErrors() {
        assertEquals("--rates: 2 rates for 3 machines",
                assertThrows(ConfigException.class, () -> ClusterPlan.from(BASE).fixedRates(List.of(1, 2)).build(0)).getMessage());
        assertEquals("--runs: 0 must be at least 1",
                assertThrows(ConfigException.class, () -> ClusterPlan.from(BASE).runs(0).build(0)).getMessage());
        assertEquals("--seed: 9223372036854775806 with --runs 3: run 3's seed would pass 9223372036854775807",
                assertThrows(ConfigException.class, () -> ClusterPlan.from(BASE).runs(3).build(Long.MAX_VALUE - 1))
                        .getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> ClusterPlan.from(BASE).machineCount(8).build(0))
                .getMessage().startsWith("die: 7 is smaller than the machine count 8"));
        assertTrue(assertThrows(ConfigException.class, () -> ClusterPlan.from(BASE).duration(Duration.ZERO).build(0))
                .getMessage().startsWith("--duration: 0"));
    }

    @Test
    void theWrittenConfigReadsBackToTheSamePlan() throws Exception {
        ClusterConfig config = ClusterPlan.from(BASE).fixedRates(List.of(1, 3, 3)).seed(5).build(0).configForRun(2);
        Path file = dir.resolve("config.json");
        ConfigWriter.write(config, file);
        assertEquals(config, new ConfigLoader().load(file));
        assertTrue(Files.readString(file).contains("\"ticksPerSecond\" : 3"), Files.readString(file));
    }

    @Test
    void networkFaultsSurviveTheRunConfigButTheSecretIsNeverWritten() throws Exception {
        NetworkFaults faults = new NetworkFaults(List.of(
                new NetworkFaults.Rule("a", "b", true, LinkSettingsParser.delay("uniform:5ms..50ms", "x"), 0.25,
                        List.of(LinkSettingsParser.window("5s..10s", "x"))),
                new NetworkFaults.Rule("*", "c", false, LinkSettingsParser.delay("exp:20ms", "x"), 0, List.of())));
        ClusterConfig config = BASE.withLink(LinkSettings.DEFAULT.withSecret("hunter2").withNetwork(faults)).withSeed(1);
        Path file = dir.resolve("config.json");
        ConfigWriter.write(config, file);
        assertTrue(!Files.readString(file).contains("hunter2"), "the secret stays out of run directories");
        ClusterConfig back = new ConfigLoader().load(file);
        assertEquals(faults, back.link().network());
        assertEquals(config.withLink(back.link().withSecret("hunter2")), back.withLink(back.link().withSecret("hunter2")));
    }
}
