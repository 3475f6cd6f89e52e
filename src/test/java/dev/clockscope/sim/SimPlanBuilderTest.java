package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.ConfigException;
import dev.clockscope.config.ConfigLoader;
import dev.clockscope.config.RateRange;
import dev.clockscope.node.MachineFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SimPlanBuilder}: what it refuses, and what a run's machines get from config.json. */
class SimPlanBuilderTest {
    private static final String THREE = "{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":1},"
            + "{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":2},{\"id\":\"c\",\"host\":\"127.0.0.1\",\"port\":3}";

    @TempDir
    Path dir;

    private ClusterConfig config(String extra) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"machines\":[" + THREE + "],\"duration\":\"10s\"" + extra + "}");
        return new ConfigLoader().load(file);
    }

    private SimPlanBuilder builder() throws Exception {
        return new SimPlanBuilder(config(""), "test").seed(1);
    }

    private String refusal(SimPlanBuilder b) {
        return assertThrows(ConfigException.class, () -> b.build(0)).getMessage();
    }

    /**
     * The clocks a plan names (simulation.json's "clocks") choose the same clocks again: above 1,000 machines plain
     * "vector" is sparse, so a dense run says "vector:dense" (an outside tester: it said "lamport,vector", and a rerun
     * from simulation.json kept sparse vectors).
     */
    @Test
    void thePlansClocksRerunTheSameVectorClocks() throws Exception {
        for (int n : new int[] {3, 1_001}) {
            for (String asked : new String[] {"lamport,vector:dense", "lamport,vector:sparse", "lamport,vector"}) {
                SimPlan plan = builder().machines(n).topology("ring").clocks(asked).build(0);
                SimPlan rerun = builder().machines(n).topology("ring").clocks(plan.clocks()).build(0);
                assertEquals(plan.template().vectors(), rerun.template().vectors(), n + " machines, " + asked + " -> "
                        + plan.clocks());
            }
        }
        assertEquals("lamport,vector:dense,hlc", builder().machines(1_001).topology("ring")
                .clocks("lamport,vector:dense,hlc").build(0).clocks());
        assertEquals("lamport,vector,hlc", builder().machines(3).clocks("lamport,vector:dense,hlc").build(0).clocks());
    }

    @Test
    void overlappingWindowsOfOneMachineAreRefusedNamingBoth() throws Exception {
        assertEquals("--crash: \"c@2s..6s\" overlaps --crash \"c@1s..3s\""
                + " (a machine's crash and pause windows must neither overlap nor touch)",
                refusal(builder().crashes(List.of("c@1s..3s", "c@2s..6s"))));
        assertEquals("--pause: \"b@4s..5s\" overlaps --pause \"b@3s..9s\""
                + " (a machine's crash and pause windows must neither overlap nor touch)",
                refusal(builder().pauses(List.of("b@3s..9s", "b@4s..5s"))));
        // crashes are listed before pauses, so the pause is the one named first
        assertEquals("--pause: \"b@2s..4s\" overlaps --crash \"b@3s..5s\""
                + " (a machine's crash and pause windows must neither overlap nor touch)",
                refusal(builder().crashes(List.of("b@3s..5s")).pauses(List.of("b@2s..4s"))));
        // a crash with no restart lasts to the end: nothing of that machine can follow it
        assertEquals("--pause: \"a@8s..9s\" overlaps --crash \"a@1s\""
                + " (a machine's crash and pause windows must neither overlap nor touch)",
                refusal(builder().crashes(List.of("a@1s")).pauses(List.of("a@8s..9s"))));
        // touching: the restart and the second crash fall on the same nanosecond
        assertEquals("--crash: \"a@3s..4s\" overlaps --crash \"a@1s..3s\""
                + " (a machine's crash and pause windows must neither overlap nor touch)",
                refusal(builder().crashes(List.of("a@1s..3s", "a@3s..4s"))));
    }

    /** Both set the links' own delay: --link-delay replaced the empirical one without a word. */
    @Test
    void anEmpiricalNetDelayAndALinkDelayAreRefusedTogether() throws Exception {
        assertEquals("--net-delay: \"empirical:run-1\" sets the links' own delay, as --link-delay \"5ms\" does:"
                + " give one of them", refusal(builder().netDelay("empirical:run-1").linkDelay("5ms")));
    }

    @Test
    void separateWindowsAndOtherMachinesWindowsAreKept() throws Exception {
        SimPlan plan = builder().crashes(List.of("a@1s..2s", "b@1s..5s", "a@3s..4s"))
                .pauses(List.of("a@5s..6s", "c@2s..3s")).build(0);
        // machine indices in config order: a 0, b 1, c 2; times in ns
        assertEquals(List.of(new Outage(0, 1_000_000_000L, 2_000_000_000L),
                new Outage(1, 1_000_000_000L, 5_000_000_000L), new Outage(0, 3_000_000_000L, 4_000_000_000L)),
                plan.template().crashes());
        assertEquals(List.of(new Outage(0, 5_000_000_000L, 6_000_000_000L),
                new Outage(2, 2_000_000_000L, 3_000_000_000L)), plan.template().pauses());
    }

    @Test
    void networkRulesNamingMachinesNotInTheRunAreRefusedNamingTheField() throws Exception {
        String rules = ",\"network\":{\"links\":[{\"from\":\"*\",\"to\":\"*\",\"loss\":0.1},"
                + "{\"from\":\"a\",\"to\":\"*\",\"loss\":1.0},{\"from\":\"*\",\"to\":\"b\",\"loss\":0.5}]}";
        ConfigException e = assertThrows(ConfigException.class,
                () -> new SimPlanBuilder(config(rules), "test").seed(1).machines(3).build(0));
        assertEquals("network.links[1].from: \"a\" is not a machine of this run"
                + " (machines: machine_1, machine_2, machine_3)", e.getMessage());
        String toOnly = ",\"network\":{\"links\":[{\"from\":\"*\",\"to\":\"b\",\"loss\":0.5}]}";
        e = assertThrows(ConfigException.class,
                () -> new SimPlanBuilder(config(toOnly), "test").seed(1).machines(8).build(0));
        assertEquals("network.links[0].to: \"b\" is not a machine of this run"
                + " (machines: machine_1 .. machine_8)", e.getMessage());

        // config.json's own machines: every rule applies, as before
        assertEquals(3, new SimPlanBuilder(config(rules), "test").seed(1).build(0).template().faults().rules().size());
        // a rule of "*" only applies to any run's machines
        String anyOnly = ",\"network\":{\"links\":[{\"from\":\"*\",\"to\":\"*\",\"loss\":0.1}]}";
        assertEquals(List.of("*", "*"), new SimPlanBuilder(config(anyOnly), "test").seed(1).machines(5).build(0)
                .template().faults().rules().stream().flatMap(r -> java.util.stream.Stream.of(r.from(), r.to()))
                .toList());
    }

    /** A ring of four in our own format, as in docs/SIMULATOR.md: more machines than config.json's three. */
    private Path ring(String... ids) throws Exception {
        Path file = dir.resolve("ring.json");
        StringBuilder links = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            links.append(i == 0 ? "" : ",").append("{\"from\":\"").append(ids[i]).append("\",\"to\":\"")
                    .append(ids[(i + 1) % ids.length]).append("\"}");
        }
        Files.writeString(file, "{\"machines\":[\"" + String.join("\",\"", ids) + "\"],\"links\":[" + links + "]}");
        return file;
    }

    @Test
    void aTopologyFileWithMoreMachinesThanConfigDrawsTheirRatesFromConfigsRange() throws Exception {
        SimPlan plan = new SimPlanBuilder(config(",\"ticksPerSecond\":\"2..5\""), "test").seed(1)
                .topology(ring("alpha", "beta", "gamma", "delta").toString()).build(0);
        assertEquals(List.of("alpha", "beta", "gamma", "delta"), plan.template().ids().asList());
        assertEquals(2, plan.template().minRate());
        assertEquals(5, plan.template().maxRate());
        for (int i = 0; i < 4; i++) {
            assertEquals(MachineFactory.DRAW, plan.template().fixedRate().applyAsInt(i), "machine " + i);
        }
    }

    @Test
    void configsFixedRatesFollowTheirMachinesIdIntoATopologyFile() throws Exception {
        String three = "{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":1,\"ticksPerSecond\":3},"
                + "{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":2},"
                + "{\"id\":\"c\",\"host\":\"127.0.0.1\",\"port\":3,\"ticksPerSecond\":5}";
        Path file = dir.resolve("fixed.json");
        Files.writeString(file, "{\"machines\":[" + three + "],\"duration\":\"10s\"}");
        ClusterConfig fixed = new ConfigLoader().load(file);
        // the file's order: c, a, d, b; so c (5) is index 0, a (3) index 1, d and b draw
        SimPlan plan = new SimPlanBuilder(fixed, "test").seed(1).topology(ring("c", "a", "d", "b").toString())
                .build(0);
        assertEquals(5, plan.template().fixedRate().applyAsInt(0));
        assertEquals(3, plan.template().fixedRate().applyAsInt(1));
        assertEquals(MachineFactory.DRAW, plan.template().fixedRate().applyAsInt(2));
        assertEquals(MachineFactory.DRAW, plan.template().fixedRate().applyAsInt(3));

        // a fixed rate for a machine the file does not have would be dropped: refused, naming the field
        ConfigException e = assertThrows(ConfigException.class, () -> new SimPlanBuilder(fixed, "test").seed(1)
                .topology(ring("a", "b", "x", "y").toString()).build(0));
        assertEquals("machines[2].ticksPerSecond: 5 is for \"c\", which is not a machine of this run"
                + " (machines: a, b, x, y); give --ticks-per-second or --rates", e.getMessage());
        // with a range given, every machine draws from it, as with --machines
        assertEquals(MachineFactory.DRAW, new SimPlanBuilder(fixed, "test").seed(1).rates(new RateRange(1, 2))
                .topology(ring("a", "b", "x", "y").toString()).build(0).template().fixedRate().applyAsInt(0));
    }

    /**
     * The floor under a batch's full logs, by hand: 2 runs x 3 machines at 2..5 ticks/s, so at least 2 ticks/s each,
     * for 10 s, each tick at least 80 bytes plus 6 per entry of a 3-entry vector: 2 x 3 x 2 x 10 x 98 = 11,760. A
     * crash window takes its machine out of the floor (2 x 2 x 2 x 10 x 98 = 7,840); statistics only write none.
     */
    @Test
    void theFloorUnderTheFullLogsIsWorkedOutByHand() throws Exception {
        SimPlanBuilder b = builder().runs(2).rates(RateRange.parse("2..5", "--rates")).clocks("lamport,vector").log("full");
        assertEquals(11_760, b.build(0).minimumLogBytes());
        assertEquals(7_840, b.crashes(List.of("b@5s..6s")).build(0).minimumLogBytes());
        assertEquals(0, builder().log("none").build(0).minimumLogBytes());
    }
}
