package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.analysis.MessageOutcomes;
import dev.clockscope.analysis.RunAnalyzer;
import dev.clockscope.analysis.RunInput;
import dev.clockscope.analysis.RunResult;
import dev.clockscope.analysis.WindowSpec;
import dev.clockscope.config.ConfigException;
import dev.clockscope.config.NetworkFaults;
import dev.clockscope.faults.LinkControl;
import dev.clockscope.node.ActionProbabilities;
import dev.clockscope.node.Die;
import dev.clockscope.node.MachineIds;
import dev.clockscope.testing.Seeds;
import dev.clockscope.topology.Topologies;
import dev.clockscope.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random fault plans: crashes with and without a restart, pauses shorter and longer than the heartbeat timeout, link
 * delays long enough for messages to be in flight when they strike (some of seconds), sometimes injected faults on
 * a link (a partition window, an extra delay, loss), and sometimes one slow machine whose queue grows. Whatever the
 * plan, every message sent ends in exactly one outcome in the logs (none lost, none in two), the analyzer's checks
 * pass, and a plain run and a live one (every message an agenda event) give the same events. The seed is printed;
 * {@code -Dclockscope.seed=S} runs the same plans again, {@code -Dclockscope.seeds=FROM..TO} those of every seed in a
 * range (a sample of fresh plans: seeds 1000-1999 found a broken rule of the real cluster that one seed a run had not).
 */
class FaultPlansTest {
    private static final long MS = 1_000_000L;
    private static final int PLANS = 12;

    @TempDir
    Path dir;

    /** One seed's plans, in a directory of their own. */
    @FunctionalInterface
    private interface PerSeed {
        void run(long seed, Path dir) throws Exception;
    }

    /** {@code test} for each seed {@link Seeds#printedRange} gives {@code what}. */
    private void forEachSeed(String what, PerSeed test) throws Exception {
        for (long seed : Seeds.printedRange(what)) {
            test.run(seed, Files.createDirectory(dir.resolve("seed-" + seed)));
        }
    }

    @Test
    void everyMessageEndsInOneOutcomeWhateverTheFaults() throws Exception {
        forEachSeed("FaultPlansTest", FaultPlansTest::everyMessageEndsInOneOutcome);
    }

    private static void everyMessageEndsInOneOutcome(long seed, Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        for (int p = 0; p < PLANS; p++) {
            SimRun run = plan(r, true);
            String what = "seed " + seed + ", plan " + p + ": " + describe(run);
            Path out = Files.createDirectory(dir.resolve("plan-" + p));
            SimRun.Outcome plain = run.run(out);

            assertEveryMessageInOneOutcome(out, what);
            assertEquals(0, plain.result().goodbyesUnacknowledged(), what + ": every goodbye saw its acks");
            RealClusterRules.check(out, run, what);

            assertTheLivePathGivesTheSameEvents(run, plain, what);
        }
    }

    /** A live run of {@code run} (every message an agenda event) gives the events of its plain run, and its acks. */
    private static void assertTheLivePathGivesTheSameEvents(SimRun run, SimRun.Outcome plain, String what)
            throws Exception {
        Fingerprint live = new Fingerprint();
        Simulation.Result liveResult = new Simulation(run.options(), new RunSinks(run.ids, null, live, null))
                .live((virtualNanos, controlWaiting) -> virtualNanos).run(null);
        assertEquals(plain.fingerprint().hex(), live.hex(), what + ": the agenda path gives the same events");
        assertEquals(0, liveResult.goodbyesUnacknowledged(), what);
    }

    /**
     * The same over topologies other than the assignment's (ring, star, random-regular, small-world, scale-free, grid,
     * torus; 8 to 60 machines, up to 12 of them killed or paused, some for good): a machine's peers are only its
     * neighbours, so a kill or a time-out must reach exactly those. Seeds 1-1000 (6,000 plans): none failed; it
     * fails when a kill leaves one neighbour untold.
     */
    @Test
    void faultsOverOtherTopologiesLeaveEveryMessageInOneOutcome() throws Exception {
        forEachSeed("FaultPlansTest topologies", FaultPlansTest::faultsOverOtherTopologies);
    }

    private static void faultsOverOtherTopologies(long seed, Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        for (int p = 0; p < PLANS / 2; p++) {
            String topology = TOPOLOGIES[r.nextInt(TOPOLOGIES.length)];
            SimRun run = sparsePlan(r, topology);
            String what = "seed " + seed + ", topology plan " + p + ": " + topology + ", " + describe(run);
            Path out = Files.createDirectory(dir.resolve("topology-" + p));
            SimRun.Outcome plain = run.run(out);
            assertEveryMessageInOneOutcome(out, what);
            RealClusterRules.check(out, run, what);
            assertTheLivePathGivesTheSameEvents(run, plain, what);
        }
    }

    private static final String[] TOPOLOGIES = {"ring", "star", "random-regular:4", "small-world:4,0.2",
        "scale-free:2", "grid:4", "torus:4"};

    /** A run over the topology {@code spec} of 8 to 60 machines, with kills and pauses of up to 12 of them. */
    private static SimRun sparsePlan(SplittableRandom r, String spec) throws Exception {
        int n = spec.startsWith("grid") || spec.startsWith("torus") ? 4 * (2 + r.nextInt(8)) : 8 + r.nextInt(53);
        Topology topology = Topologies.parse(spec, n, r.nextLong());
        SimRun run = new SimRun();
        run.ids = MachineIds.numbered(topology.size());
        run.neighbours = topology::neighbours;
        run.policy = new ActionProbabilities(0.3, 0.2); // a die addresses every machine; here only neighbours
        run.seed = r.nextLong();
        int seconds = 8 + r.nextInt(8);
        run.duration = Duration.ofSeconds(seconds);
        run.linkDelays = switch (r.nextInt(3)) {
            case 0 -> LinkDelays.of(new NetworkFaults.Delay("uniform", 1, 400));
            case 1 -> LinkDelays.of(new NetworkFaults.Delay("exp", 150, 0));
            default -> LinkDelays.of(LinkDelays.LOOPBACK);
        };
        java.util.Set<Integer> struck = new java.util.HashSet<>();
        for (int k = 1 + r.nextInt(Math.min(12, topology.size())); k > 0; k--) {
            int m = r.nextInt(topology.size());
            if (!struck.add(m)) {
                continue;
            }
            outage(run, r, m, r.nextLong(seconds * 1000L) * MS);
        }
        return run;
    }

    /**
     * One outage of machine {@code m} from {@code at}: a kill for good, or a kill or a pause of 0.3 to 4.3 s (both
     * sides of the 1.5 s timeout). Returns its end, {@link Long#MAX_VALUE} for a kill for good.
     */
    private static long outage(SimRun run, SplittableRandom r, int m, long at) {
        long length = (300 + r.nextLong(4000)) * MS;
        int kind = r.nextInt(4);
        if (kind == 0) {
            run.crashes.add(new Outage(m, at, Long.MAX_VALUE)); // for good: nothing after it
            return Long.MAX_VALUE;
        }
        (kind == 1 ? run.crashes : run.pauses).add(new Outage(m, at, at + length));
        return at + length;
    }

    /**
     * The live view's controls at random moments of a paced run: pause, resume, kill and restart a machine, cut, heal,
     * delay and lose on a link (refused ones, a resume of a running machine say, do nothing). They are issued from the
     * pace itself, on the simulation's thread, so the same seed gives the same run. Every message ends in one outcome.
     */
    @Test
    void liveControlsAtRandomMomentsLeaveEveryMessageInOneOutcome() throws Exception {
        forEachSeed("FaultPlansTest live", FaultPlansTest::liveControlsLeaveEveryMessageInOneOutcome);
    }

    private static void liveControlsLeaveEveryMessageInOneOutcome(long seed, Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        for (int p = 0; p < PLANS / 2; p++) {
            SimRun run = new SimRun().machines(3 + r.nextInt(3));
            run.seed = r.nextLong();
            run.duration = Duration.ofSeconds(10);
            run.linkDelays = LinkDelays.of(new NetworkFaults.Delay("uniform", 1, 300));
            long[] at = new long[16];
            for (int k = 0; k < at.length; k++) {
                at[k] = r.nextLong(10_000) * MS;
            }
            java.util.Arrays.sort(at);
            List<String> issued = new ArrayList<>();
            Path out = Files.createDirectory(dir.resolve("live-" + p));
            RunSinks sinks = new RunSinks(run.ids, out, new Fingerprint(), null);
            Simulation[] sim = new Simulation[1];
            int[] next = {0};
            sim[0] = new Simulation(run.options(), sinks).live((virtualNanos, controlWaiting) -> {
                while (next[0] < at.length && at[next[0]] <= virtualNanos) {
                    issued.add(control(sim[0], run, r, at[next[0]++]));
                }
                return virtualNanos;
            });
            sim[0].run(null);
            sinks.closeAll();

            String what = "seed " + seed + ", live plan " + p + ": " + run.ids.size() + " machines, " + issued;
            assertEveryMessageInOneOutcome(out, what);
        }
    }


    /** The analyzer's checks pass, and each message of the run in {@code out} ends in exactly one outcome. */
    private static void assertEveryMessageInOneOutcome(Path out, String what) throws Exception {
        assertEveryMessageInOneOutcome(out, what, false);
    }

    /** The same; {@code lostAllowed}: messages may be in no log (a what-if's, of a sender killed meanwhile). */
    private static void assertEveryMessageInOneOutcome(Path out, String what, boolean lostAllowed) throws Exception {
        RunResult result = new RunAnalyzer(RunInput.open(out), WindowSpec.DEFAULT, List.of()).analyze();
        assertTrue(result.passed(), what + ": " + result.checks());
        MessageOutcomes o = result.messages().outcomes();
        if (!lostAllowed) {
            assertEquals(0, o.lost(), what + ": " + o);
        }
        assertEquals(result.messages().messages(), o.total(), what + ": one outcome each, " + o);
        // the analyzer matches a restarted machine's messages against its current log only (known, and counted)
        assertEquals(List.of(), result.warnings().stream().filter(w -> !w.contains("whose logs are not here")).toList(),
                what);
    }

    /** Issues one random control; returns what it was, for the failure message. */
    private static String control(Simulation sim, SimRun run, SplittableRandom r, long atNanos) {
        int machine = r.nextInt(run.ids.size());
        String when = "@" + atNanos / MS + "ms ";
        if (r.nextBoolean()) {
            MachineControl c = MachineControl.values()[r.nextInt(MachineControl.values().length)];
            sim.control(c, machine); // a refusal completes the future exceptionally: nothing to do
            return when + c + " " + run.ids.id(machine);
        }
        int peer = (machine + 1 + r.nextInt(run.ids.size() - 1)) % run.ids.size();
        LinkControl.Kind kind = LinkControl.Kind.values()[r.nextInt(LinkControl.Kind.values().length)];
        sim.control(machine, peer, new LinkControl(kind, run.ids.id(peer), kind == LinkControl.Kind.DELAY ? 400 : 0,
                kind == LinkControl.Kind.LOSS ? 0.2 : 0));
        return when + kind + " " + run.ids.id(machine) + "->" + run.ids.id(peer);
    }

    /**
     * A faithful replay of each random plan's run gives its events back, every one: the replay must place messages
     * no tick took (lost with a killed sender, or queued at the receiver's stop) behind those taken on their link, in
     * the life whose stop logged them unprocessed, and no others there. Random plans found it putting one such
     * message ahead of a taken one (a run's replay 50 % identical), and logging as unprocessed at a stop messages that
     * never arrived.
     */
    @Test
    void aFaithfulReplayOfEachPlanGivesItsEventsBack() throws Exception {
        forEachSeed("FaultPlansTest replay", FaultPlansTest::aFaithfulReplayGivesItsEventsBack);
    }

    private static void aFaithfulReplayGivesItsEventsBack(long seed, Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        for (int p = 0; p < PLANS; p++) {
            SimRun run = plan(r, true);
            run.policy = new Die(10); // a replay rolls the die its start lines name, as the real cluster's machines do
            String what = "seed " + seed + ", plan " + p + ": " + describe(run);
            Path recording = Files.createDirectory(dir.resolve("recording-" + p));
            run.run(recording);
            RecordedRun recorded = RecordedRun.read(recording, "--replay");
            Replay.Result result = new Replay(recorded, dir.resolve("replay-" + p), run.minRate, run.maxRate, null).run();
            ReplayComparison.Outcome o = ReplayComparison.compare(recorded, result);
            assertEquals(null, o.firstDivergence(), what);
            assertEquals(List.of(o.compared(), 0L), List.of(o.identical(), o.realOnly() + o.replayOnly()), what);
        }
    }

    /**
     * A what-if that changes nothing (0 ms more on every message) of each random plan's run: no message of it ends
     * in two outcomes and the analyzer's checks pass (one whose sender was killed may be in none). Before the what-if kept what the recording's injected delay
     * held and what a killed sender took with it, 5 of 60 plans (seed 1) had a message received and logged
     * undelivered too. Clocks may still differ in dense plans (docs/SIMULATOR.md, "Replay and what-if"): how many
     * plans' do is printed, not asserted. {@code -Dclockscope.plans=N} runs N plans instead of 12.
     */
    @Test
    void aWhatIfThatChangesNothingLeavesEveryMessageInOneOutcome() throws Exception {
        int plans = Integer.getInteger("clockscope.plans", PLANS);
        List<String> changed = new ArrayList<>();
        List<Long> seeds = Seeds.printedRange("FaultPlansTest what-if");
        for (long seed : seeds) {
            changed.addAll(aWhatIfThatChangesNothing(seed, plans, Files.createDirectory(dir.resolve("seed-" + seed))));
        }
        System.out.println("FaultPlansTest what-if: " + changed.size() + " of " + seeds.size() * plans
                + " plans with clocks changed " + changed);
    }

    /** The plans (seed/plan) whose what-if that changes nothing changed some tick's clocks. */
    private static List<String> aWhatIfThatChangesNothing(long seed, int plans, Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> changed = new ArrayList<>();
        for (int p = 0; p < plans; p++) {
            SimRun run = plan(r, true);
            run.policy = new Die(10);
            String what = "seed " + seed + ", plan " + p + ": " + describe(run);
            Path recording = Files.createDirectory(dir.resolve("what-if-recording-" + p));
            run.run(recording);
            Replay.WhatIf nothing = new Replay.WhatIf(new NetworkFaults.Delay("constant", 0, 0), List.of(), List.of());
            Path out = dir.resolve("what-if-" + p);
            ReplayBatch.Outcome o = new ReplayBatch(RecordedRun.read(recording, "--replay"), nothing)
                    .replay(out, new dev.clockscope.config.RateRange(run.minRate, run.maxRate));
            // what a sender killed meanwhile took with it, or had in flight, is in no log (docs/SIMULATOR.md)
            assertEveryMessageInOneOutcome(out, what, true);
            if (!o.report().startsWith("what-if: 0 of")) {
                changed.add(seed + "/" + p);
            }
        }
        return changed;
    }

    /**
     * A what-if that changes something of each random plan's run, drawn from the seed too: 200 ms or exp:100ms more
     * on every message, or a crash, or a pause (0.3 to 3.8 s) of one machine at a random time. No message ends in two
     * outcomes, none of a sender that stopped in none, and the analyzer's checks pass; a what-if the recording refuses
     * (a window outside the machine's lives, over its own pauses) is skipped. Seeds 1-1000 (12,000 plans, 3,441
     * refused): none failed. The check for none is newer: seeds 1-200 and 1000-1999 had 7 what-ifs that failed it
     * before the fixes it led to (notebook, 2026-12-05, thirteenth session); seeds 2000-2999 pass.
     */
    @Test
    void aWhatIfThatChangesSomethingLeavesEveryMessageInAtMostOneOutcome() throws Exception {
        forEachSeed("FaultPlansTest what-if with changes", FaultPlansTest::aWhatIfThatChangesSomething);
    }

    private static void aWhatIfThatChangesSomething(long seed, Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        SplittableRandom change = new SplittableRandom(seed ^ 0x5EEDL); // the plans stay those of the other tests
        for (int p = 0; p < PLANS; p++) {
            SimRun run = plan(r, true);
            run.policy = new Die(10);
            Path recording = Files.createDirectory(dir.resolve("recording-" + p));
            run.run(recording);
            RecordedRun recorded = RecordedRun.read(recording, "--replay");
            int kind = change.nextInt(3);
            String machine = run.ids.id(change.nextInt(run.ids.size()));
            long at = 200 + change.nextLong(run.duration.toMillis() - 1000);
            String window = machine + "@" + at + "ms.." + (at + 300 + change.nextLong(3500)) + "ms";
            String delay = kind == 0 ? (change.nextBoolean() ? "200ms" : "exp:100ms") : null;
            List<String> crashes = kind == 1 ? List.of(window) : List.of();
            List<String> pauses = kind == 2 ? List.of(window) : List.of();
            String what = "seed " + seed + ", plan " + p + ": " + describe(run) + "; what-if " + (delay != null ? delay
                    : (kind == 1 ? "crash " : "pause ") + window);
            Replay.WhatIf whatIf;
            try {
                whatIf = ReplayBatch.whatIf(recorded, delay, crashes, pauses);
            } catch (ConfigException refused) {
                continue; // as vm simulate --replay refuses it, in one line
            }
            Path out = dir.resolve("what-if-" + p);
            new ReplayBatch(recorded, whatIf).replay(out, new dev.clockscope.config.RateRange(run.minRate, run.maxRate));
            assertEveryMessageInOneOutcome(out, what, true);
            // in no log only if its sender was killed (it may have taken what it had in flight with it)
            assertEquals(List.of(), MessagesInNoLog.of(out, Long.MAX_VALUE), what + ": sent by a life that stopped");
        }
    }

    /**
     * 3 to 6 machines for 8 to 15 s; each machine at most two outages, apart by at least 100 ms. With
     * {@code longLinks}, a quarter of the plans have links of 1 to 6 s: both ends of a message are then often gone
     * before it arrives, and a sender stopped before a message to a dead connection of its peer would have arrived.
     */
    static SimRun plan(SplittableRandom r, boolean longLinks) {
        SimRun run = new SimRun().machines(3 + r.nextInt(4));
        run.seed = r.nextLong();
        int seconds = 8 + r.nextInt(8);
        if (r.nextInt(3) == 0) {
            // one slow machine among fast ones that mostly send to all: its queue grows, so outages find it full
            int[] rates = new int[run.ids.size()];
            java.util.Arrays.fill(rates, 6);
            rates[r.nextInt(rates.length)] = 1;
            run.rates(rates);
            run.policy = new ActionProbabilities(0.2, 0.8);
        }
        run.duration = Duration.ofSeconds(seconds);
        run.linkDelays = switch (r.nextInt(longLinks ? 4 : 3)) {
            case 0 -> LinkDelays.of(new NetworkFaults.Delay("uniform", 1, 400));
            case 3 -> LinkDelays.of(new NetworkFaults.Delay("uniform", 1000, 6000));
            case 1 -> LinkDelays.of(new NetworkFaults.Delay("exp", 150, 0));
            default -> LinkDelays.of(LinkDelays.LOOPBACK);
        };
        if (r.nextInt(3) == 0) {
            // injected faults on one link (one way or both): a partition window, maybe an extra delay and loss
            String from = run.ids.id(r.nextInt(run.ids.size()));
            String to = run.ids.id(r.nextInt(run.ids.size()));
            long start = r.nextLong(seconds * 1000L);
            run.faults = new NetworkFaults(List.of(new NetworkFaults.Rule(from.equals(to) ? "*" : from, to,
                    r.nextBoolean(), r.nextBoolean() ? new NetworkFaults.Delay("uniform", 0, 800) : null,
                    r.nextBoolean() ? 0.1 : 0, List.of(new NetworkFaults.Window(start, start + 200 + r.nextLong(3000))))));
        }
        for (int m = 0; m < run.ids.size(); m++) {
            long at = r.nextLong(seconds * 1000L) * MS;
            for (int k = 0; k < 2 && at < seconds * 1000L * MS; k++) {
                long end = outage(run, r, m, at);
                if (end == Long.MAX_VALUE) {
                    break;
                }
                at = end + (100 + r.nextLong(3000)) * MS;
            }
        }
        return run;
    }

    static String describe(SimRun run) {
        List<String> parts = new ArrayList<>();
        parts.add(run.ids.size() + " machines, " + run.duration.toSeconds() + " s"
                + (run.fixedRates == null ? "" : ", rates " + java.util.Arrays.toString(run.fixedRates)));
        if (!run.faults.isEmpty()) {
            parts.add("faults " + run.faults.rules());
        }
        for (Outage c : run.crashes) {
            parts.add("crash " + c.machine() + "@" + c.fromNanos() / MS + ".." + (c.toNanos() == Long.MAX_VALUE ? ""
                    : c.toNanos() / MS) + "ms");
        }
        for (Outage p : run.pauses) {
            parts.add("pause " + p.machine() + "@" + p.fromNanos() / MS + ".." + p.toNanos() / MS + "ms");
        }
        return String.join(", ", parts);
    }
}
