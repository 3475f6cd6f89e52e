package dev.clockscope.cli;

import dev.clockscope.analysis.scale.ScaleSummary;
import dev.clockscope.cluster.Preset;
import dev.clockscope.cluster.Progress;
import dev.clockscope.config.ConfigException;
import dev.clockscope.config.ConfigLoader;
import dev.clockscope.config.DurationText;
import dev.clockscope.config.RateRange;
import dev.clockscope.node.VectorMode;
import dev.clockscope.sim.SimBatch;
import dev.clockscope.sim.SimPlan;
import dev.clockscope.sim.SimPlanBuilder;
import dev.clockscope.time.SystemTimeSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vm simulate}: the same machines in virtual time, deterministic, from 2 to millions of machines. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        sortOptions = false,
        description = {
            "Runs the scale model's machines (the same Machine code as the real cluster) in virtual time: one"
                    + " thread, one seed, byte-identical output for the same seed and options. Writes each run to"
                    + " <output-dir>/<time>-<name>/run-<i>/ (simulation.json, summary.json, and the machines' logs"
                    + " with --log full), prints a fingerprint of every event, then the summary and checks. With full"
                    + " logs (default up to " + SimPlanBuilder.FULL_LOG_DEFAULT_MAX + " machines) the runs go"
                    + " through vm analyze (report.html); otherwise the statistics are computed in process and"
                    + " aggregated over machines.",
            "",
            "Presets (combine with commas; explicit options win):",
            "  assignment      5 runs x 60 s, 1..6 ticks/s, 10-sided die (70 %% internal)",
            "  narrow-rates    like assignment, but 3..4 ticks/s",
            "  fewer-internal  like assignment, but a 4-sided die"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every check passed",
            "1:a correctness check failed",
            "2:bad arguments, config.json or topology; full logs that cannot fit on the disk",
            "3:--live: cannot listen on the address; or --output-dir cannot hold a batch directory",
            "4:out of memory (give the JVM more heap, or use --clocks lamport), or an output could not be written (a full disk)",
            "130:stopped by Ctrl-C or SIGTERM (machines stopped, logs complete; during the analysis: no report)"})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config.json",
            description = "Cluster configuration: machines, rates, die, duration, seed, network (default: ${DEFAULT-VALUE}).")
    Path configFile;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "output_files",
            description = "Where batch directories go (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--preset", paramLabel = "NAME[,NAME...]", split = ",", description = "assignment, narrow-rates, fewer-internal.")
    List<String> presets = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the batch (default: the presets, else 'simulate').")
    String name;

    @Option(names = "--runs", paramLabel = "N", description = "Number of runs (default 1, presets 5); run i uses seed + i - 1.")
    Integer runs;

    @Option(names = "--machines", paramLabel = "N", description = "Simulate N machines machine_1..N instead of config.json's.")
    Integer machines;

    @Option(names = "--topology", paramLabel = "SPEC|FILE",
            description = "Who talks to whom: complete (default), ring, star, grid:W, torus:W, random-regular:K, "
                    + "small-world:K,P, scale-free:M, or a topology JSON file (ours or CloudScope's).")
    String topology;

    @Option(names = "--duration", paramLabel = "TIME", description = "Virtual time each machine ticks: 60s, 2m... (default from config.json).")
    String duration;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of run 1 (default: config.json, else random; always printed).")
    Long seed;

    @Option(names = "--topology-seed", paramLabel = "N",
            description = "Seed a generated topology is drawn from (default: run 1's, so every run of a batch has the same"
                    + " graph; a run's simulation.json names it, so run i reruns alone with --seed and --topology-seed).")
    Long topologySeed;

    @Option(names = "--ticks-per-second", paramLabel = "N|MIN..MAX", description = "Tick rate range (default from config.json).")
    String ticksPerSecond;

    @Option(names = "--rates", paramLabel = "R1,R2,...", split = ",", description = "A fixed rate per machine, in order (not with --ticks-per-second).")
    List<Integer> fixedRates;

    @Option(names = "--die", paramLabel = "SIDES",
            description = "Sides of the die: face k sends to the k-th neighbour, face K+1 to all (default for the complete topology).")
    Integer die;

    @Option(names = "--actions", paramLabel = "one=P,all=P",
            description = "Action probabilities instead of a die: one = a random neighbour, all = every neighbour, the rest "
                    + "internal (default for other topologies: one=0.2,all=0.1).")
    String actions;

    @Option(names = "--clocks", paramLabel = "LIST",
            description = "lamport, lamport,vector, lamport,vector:sparse or lamport,vector:dense, each with ,hlc or not "
                    + "(default: vector up to " + SimPlanBuilder.VECTOR_DEFAULT_MAX + " machines; hlc as config.json, on).")
    String clocks;

    /** --clock-skew, --clock-drift, --hlc-max-offset. */
    @picocli.CommandLine.Mixin
    ClockOptions clockOptions = new ClockOptions();

    @Option(names = "--log", paramLabel = "full|none",
            description = "full: every event to <run>/<id>.log in the real cluster's format (default up to "
                    + SimPlanBuilder.FULL_LOG_DEFAULT_MAX + " machines, when --clocks keeps vector clocks: the format"
                    + " has one on every event); none: statistics in process only.")
    String log;

    @Option(names = "--net-delay", paramLabel = "DELAY",
            description = "Injected delay on every link, on top of the link's own: 20ms, uniform:5ms..50ms, exp:20ms; or "
                    + "empirical:RUN_DIR: links delay messages as that real run's did.")
    String netDelay;

    @Option(names = "--net-loss", paramLabel = "P", description = "Injected loss on every link (0..1), logged undelivered.")
    String netLoss;

    @Option(names = "--net-partition", paramLabel = "FROM..TO", description = "Cut every link for a window (repeatable).")
    List<String> netPartitions = new ArrayList<>();

    @Option(names = "--link-delay", paramLabel = "DELAY",
            description = "The links' own delay (default uniform:100us..300us, this host's loopback), or empirical:RUN_DIR.")
    String linkDelay;

    @Option(names = "--link-loss", paramLabel = "P",
            description = "Silent loss on every link (0..1): messages vanish with no line anywhere, as UDP may; default 0 (TCP).")
    String linkLoss;

    @Option(names = "--crash", paramLabel = "ID@FROM..TO",
            description = "Kill a machine at FROM and restart it at TO (or never: ID@FROM), e.g. machine_2@10s..15s (repeatable).")
    List<String> crashes = new ArrayList<>();

    @Option(names = "--pause", paramLabel = "ID@FROM..TO", description = "Pause a machine, like SIGSTOP then SIGCONT (repeatable).")
    List<String> pauses = new ArrayList<>();

    @Option(names = "--phase", paramLabel = "random|0",
            description = "Machines start at a seeded random phase within their first period (default), or all at 0.")
    String phase;

    @Option(names = "--watch", paramLabel = "ID,ID...", split = ",", description = "Machines shown in a large run's space-time diagram.")
    List<String> watch = new ArrayList<>();

    @Option(names = "--graph", paramLabel = "FILE", description = "Write the communication graph to FILE.graphml (Gephi, yEd) or FILE.json (GraphJSON), or none."
            + " Default: graph.graphml in each run's directory, up to 100,000 machines.")
    Path graph;

    @Option(names = "--replay", paramLabel = "RUN_DIR",
            description = "Re-execute a recorded run of the real cluster (its logs, previous/ included) event for event and "
                    + "compare; with --net-delay, --crash or --pause on top: what if that had happened in this run.")
    Path replay;

    @Option(names = "--live", description = "Serve the live view of the simulation (prints its address, with a token); "
            + "paced by --speed, controllable from the page.")
    boolean live;

    @Option(names = "--live-bind", paramLabel = "ADDR", defaultValue = dev.clockscope.web.LiveServer.DEFAULT_BIND,
            description = "Address of the live view (default: ${DEFAULT-VALUE}; anything else exposes it, token still required).")
    String liveBind;

    @Option(names = "--open", description = "With --live: open the page in the system browser (xdg-open), if there is one.")
    boolean open;

    @Option(names = "--speed", paramLabel = "X",
            description = "With --live: virtual seconds per wall second, 0.001..1000000 (1 = real time, 10, 0.1...; default 1).")
    Double speed;

    @Option(names = "--no-analyze", description = "With full logs, do not run the analyzer afterwards.")
    boolean noAnalyze;

    @Option(names = "--plain", description = "Plain progress lines even on a terminal.")
    boolean plain;

    /** Set once the runs are over: a stop signal then ends the process at once (set on main, read by the handler). */
    private volatile boolean analyzing;

    @Override
    public Integer call() throws IOException {
        if (replay != null) {
            return new ReplayCommand(spec, this).run();
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SimPlan plan;
        try {
            plan = plan();
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        // every refusal comes before the line below, which names a batch directory only a run creates (as in vm cluster)
        boolean bindGiven = spec.commandLine().getParseResult().hasMatchedOption("--live-bind");
        if ((speed != null || open || bindGiven) && !live) {
            err.println("error: " + (open ? "--open" : speed != null ? "--speed" : "--live-bind") + ": only with --live");
            return ExitCodes.BAD_INPUT;
        }
        // below 0.001 a virtual second takes over a quarter of an hour, and wall nanoseconds stop fitting in a long
        if (speed != null && !(speed >= 0.001 && speed <= 1e6)) {
            err.println("error: --speed: " + speed + " is not between 0.001 and 1000000");
            return ExitCodes.BAD_INPUT;
        }
        LiveSimulation liveView = null;
        if (live) {
            try {
                int vectorEntries = plan.template().vectors() == VectorMode.OFF ? 0 : plan.machines();
                liveView = LiveSimulation.start(liveBind, open, speed == null ? 1 : speed, plan.watch(), vectorEntries, out);
            } catch (dev.clockscope.web.LiveServerException e) {
                err.println("error: " + (e.badInput() ? "--live-bind: " : "live view: ") + e.getMessage());
                return e.badInput() ? ExitCodes.BAD_INPUT : ExitCodes.CANNOT_START;
            }
        }
        String tooLarge = LogRoom.problem(plan, outputDir);
        if (tooLarge != null) {
            err.println("error: " + tooLarge);
            if (liveView != null) {
                liveView.close();
            }
            return ExitCodes.BAD_INPUT;
        }
        Path batch;
        try {
            batch = BatchDir.create(outputDir, plan.name());
        } catch (IOException e) {
            err.println("error: " + BatchDir.problem(outputDir, e));
            if (liveView != null) {
                liveView.close();
            }
            return ExitCodes.CANNOT_START;
        }
        Progress progress = !plain && System.console() != null ? Progress.forTerminal(out) : Progress.plain(out, 5_000);
        out.printf(Locale.ROOT, "%s: %d run(s) of %,d machines, %s virtual, topology %s, clocks %s, seeds from %d, into %s%n",
                plan.name(), plan.runs(), plan.machines(), DurationText.format(plan.template().duration()), plan.topology().description(),
                plan.clocks(), plan.baseSeed(), batch);
        if (log == null && !plan.fullLogs() && plan.machines() <= SimPlanBuilder.FULL_LOG_DEFAULT_MAX) {
            out.println("logs: none, statistics only (full logs carry a vector clock on every event, and --clocks keeps"
                    + " none)");
        }
        String hugePages = HugePagesTip.forThisJvm(plan.machines());
        if (hugePages != null) {
            out.println(hugePages);
        }
        out.flush();
        SimBatch runner = new SimBatch(plan, batch, new ConsoleListener(progress), liveView, SystemTimeSource.INSTANCE);
        // a run can last long: Ctrl-C and SIGTERM end it there, every machine stopped, its log complete; once the runs
        // are over, the analysis (which can take longer than the runs) has nothing to finish: the process ends at once
        Runnable stopRuns = liveView != null ? liveView::stop : runner::stop;
        StopSignals.onStop(() -> {
            if (analyzing) {
                StopSignals.exitStopped(err, plan.fullLogs() && !noAnalyze
                        ? "stopped: during the analysis, before its report; the runs' logs are complete in " + batch
                        : "stopped: after the runs, which are complete in " + batch);
            } else {
                stopRuns.run();
            }
        });
        List<SimBatch.RunOutcome> outcomes;
        try {
            outcomes = runner.runAll();
        } catch (OutOfMemoryError e) {
            err.println("error: out of memory with " + plan.machines() + " machines (" + e.getMessage()
                    + "): give the JVM more heap (-Xmx) or use --clocks lamport");
            return ExitCodes.FAILED;
        } finally {
            if (liveView != null) {
                liveView.close();
            }
        }
        analyzing = true; // before the check below: a signal from here on ends the process, none is missed
        if (runner.stopped()) {
            err.println("stopped: the simulation ended there, every machine stopped; logs kept in " + batch);
            return ClusterCommand.ABORTED;
        }
        boolean passed = true;
        if (!plan.fullLogs()) {
            for (SimBatch.RunOutcome o : outcomes) {
                out.println();
                ScaleSummary.print(o.facts(), o.stats(), out);
                passed &= o.stats().passed();
            }
        }
        int exit = passed ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        if (plan.fullLogs() && !noAnalyze) {
            exit = analyze(outcomes.stream().map(SimBatch.RunOutcome::dir).toList(), batch);
        }
        out.println("runs in " + batch);
        return exit;
    }

    private SimPlan plan() throws ConfigException {
        dev.clockscope.config.ClusterConfig config = new ConfigLoader().load(configFile);
        SimPlanBuilder b = new SimPlanBuilder(config, ManifestVersion.version());
        b.configFile(configFile);
        b.clockSettings(clockOptions.apply(config.clocks(), null));
        for (String label : presets) {
            Preset p = Preset.byLabel(label.trim()).orElseThrow(() -> new ConfigException("--preset: \"" + label
                    + "\" is not one of " + Arrays.stream(Preset.values()).map(Preset::label).collect(Collectors.joining(", "))));
            p.apply(b);
        }
        if (runs != null) {
            b.runs(runs);
        }
        if (machines != null) {
            b.machines(machines);
        }
        if (topology != null) {
            b.topology(topology);
        }
        if (duration != null) {
            b.duration(DurationText.parse(duration, "--duration"));
        }
        RateRange.refuseWithFixedRates(ticksPerSecond, fixedRates);
        if (ticksPerSecond != null) {
            b.rates(RateRange.parse(ticksPerSecond, "--ticks-per-second"));
        }
        if (fixedRates != null) {
            b.fixedRates(fixedRates);
        }
        if (die != null) {
            b.die(die);
        }
        if (actions != null) {
            b.actions(actions);
        }
        if (clocks != null) {
            b.clocks(clocks);
        }
        if (log != null) {
            b.log(log);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (topologySeed != null) {
            b.topologySeed(topologySeed);
        }
        if (netDelay != null) {
            b.netDelay(netDelay);
        }
        if (netLoss != null) {
            b.netLoss(netLoss);
        }
        if (linkDelay != null) {
            b.linkDelay(linkDelay);
        }
        if (linkLoss != null) {
            b.linkLoss(linkLoss);
        }
        if (phase != null) {
            b.phase(phase);
        }
        b.netPartitions(netPartitions).crashes(crashes).pauses(pauses).watch(watch).graph(graph);
        b.name(name != null ? name : presets.isEmpty() ? null : String.join("+", presets));
        // below 2^53, so JavaScript reads the seed exactly
        return b.build(new SecureRandom().nextLong() >>> 11);
    }

    /** Runs the analyzer subcommand over the runs, as {@code vm cluster} does. */
    int analyze(List<Path> runDirs, Path batch) {
        CommandLine root = spec.commandLine().getParent();
        CommandLine analyzer = root == null ? null : root.getSubcommands().get("analyze");
        if (analyzer == null) {
            spec.commandLine().getOut().println("(no analyzer in this build: logs are in " + batch + ")");
            return ExitCodes.OK;
        }
        List<String> args = new ArrayList<>();
        runDirs.forEach(d -> args.add(d.toString()));
        args.addAll(List.of("--report", batch.resolve("report.html").toString(),
                "--json", batch.resolve("summary.json").toString()));
        return analyzer.execute(args.toArray(String[]::new));
    }

    /** Progress: virtual time done, events per second of wall time, an estimate of the time left. */
    private static final class ConsoleListener implements SimBatch.Listener {
        private final Progress progress;

        ConsoleListener(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void progress(int r, int runs, long virtualNanos, long endNanos, long events, long wallNanos) {
            if (wallNanos < 2_000_000_000L) {
                return; // a run that takes a moment needs no progress line
            }
            double wall = wallNanos / 1e9;
            double done = Math.min(1, (double) virtualNanos / endNanos);
            double left = done <= 0 ? 0 : wall * (1 - done) / done;
            progress.update(String.format(Locale.ROOT, "run %d/%d  virtual %.1f s of %.1f s  %,.0f events/s  ~%.0f s left",
                    r, runs, virtualNanos / 1e9, endNanos / 1e9, events / wall, left));
        }

        @Override
        public void note(String line) {
            progress.note(line);
        }
    }

}
