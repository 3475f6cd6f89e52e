package dev.clockscope.cli;

import dev.clockscope.cluster.ClusterPlan;
import dev.clockscope.cluster.ClusterRunner;
import dev.clockscope.cluster.MachineLauncher;
import dev.clockscope.cluster.Preset;
import dev.clockscope.cluster.Progress;
import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.ConfigException;
import dev.clockscope.config.ConfigLoader;
import dev.clockscope.config.DurationText;
import dev.clockscope.config.RateRange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** {@code vm cluster}: every machine of config.json as its own process, for one or more runs, then the analyzer. */
@Command(name = "cluster",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        sortOptions = false,
        description = {
            "Starts every machine of config.json as its own JVM (this same jar), waits for the duration, stops"
                    + " them, and writes each run to <output-dir>/<time>-<name>/run-<i>/ (its config.json, one log"
                    + " per machine, the machines' console output); then analyzes the runs. Run i uses seed + i - 1.",
            "",
            "Presets (combine with commas; explicit options win):",
            "  assignment      5 runs x 60 s, 1..6 ticks/s, 10-sided die (70 %% internal)",
            "  narrow-rates    like assignment, but 3..4 ticks/s",
            "  fewer-internal  like assignment, 4-sided die (25 %% internal, 3 machines)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every run clean and every analyzer check passed",
            "1:an analyzer correctness check failed",
            "2:bad arguments or bad config.json",
            "3:--live: cannot listen on the address; or --output-dir cannot hold a batch directory",
            "4:a machine exited with an error, or lost the last lines of its log (see run-<i>/<machine>.console.txt)",
            "130:stopped by Ctrl-C or SIGTERM (logs kept)"})
public final class ClusterCommand implements Callable<Integer> {
    static final int ABORTED = 130;

    @Spec
    CommandSpec spec;


    /** --config, --output-dir, --duration, --seed, --ticks-per-second, --die; run i uses seed + i - 1. */
    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--preset", paramLabel = "NAME[,NAME...]", split = ",", description = "assignment, narrow-rates, fewer-internal.")
    List<String> presets = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "Name of this batch of runs (default: the presets, else 'cluster').")
    String name;

    @Option(names = "--runs", paramLabel = "N", description = "Number of runs (default 1, presets 5).")
    Integer runs;


    @Option(names = "--machines", paramLabel = "N", description = "Run N machines on the first machine's host, ports from its port up.")
    Integer machines;

    @Option(names = "--rates", paramLabel = "R1,R2,...", split = ",",
            description = "A fixed tick rate per machine, in config order, instead of drawing from a range (not with --ticks-per-second).")
    List<Integer> fixedRates;

    @Option(names = "--no-analyze", description = "Do not run the analyzer after the runs.")
    boolean noAnalyze;

    @Option(names = "--plain", description = "Plain progress lines even on a terminal.")
    boolean plain;

    @Option(names = "--live", description = "Serve the live view of the runs (prints its address, with a token).")
    boolean live;

    @Option(names = "--live-bind", paramLabel = "ADDR", defaultValue = dev.clockscope.web.LiveServer.DEFAULT_BIND,
            description = "Address of the live view (default: ${DEFAULT-VALUE}; anything else exposes it, token still required).")
    String liveBind;

    @Option(names = "--open", description = "With --live: open the page in the system browser (xdg-open), if there is one.")
    boolean open;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterPlan plan;
        try {
            plan = plan(new ConfigLoader().load(run.configFile));
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        boolean bindGiven = spec.commandLine().getParseResult().hasMatchedOption("--live-bind");
        if ((open || bindGiven) && !live) {
            err.println("error: " + (open ? "--open" : "--live-bind") + ": only with --live");
            return ExitCodes.BAD_INPUT;
        }
        // the live view first: an address it cannot listen on leaves no batch directory behind
        LiveCluster liveView = null;
        if (live) {
            try {
                liveView = LiveCluster.start(liveBind, open, plan.config().machines().size(), out);
            } catch (dev.clockscope.web.LiveServerException e) {
                err.println("error: " + (e.badInput() ? "--live-bind: " : "live view: ") + e.getMessage());
                return e.badInput() ? ExitCodes.BAD_INPUT : ExitCodes.CANNOT_START;
            }
        }
        Path batch;
        try {
            batch = BatchDir.create(run.outputDir, plan.name());
        } catch (IOException e) {
            err.println("error: " + BatchDir.problem(run.outputDir, e));
            if (liveView != null) {
                liveView.close();
            }
            return ExitCodes.CANNOT_START;
        }
        Progress progress = !plain && System.console() != null ? Progress.forTerminal(out) : Progress.plain(out, 5_000);
        ClusterRunner runner = new ClusterRunner(plan, batch, MachineLauncher.ofThisJvm(), progress);
        if (liveView != null) {
            runner.listener(liveView.listener(plan.runs()));
        }
        installStop(runner);
        out.printf("%s: %d run(s) of %s, seeds from %d, into %s%n", plan.name(), plan.runs(),
                DurationText.format(plan.config().duration()), plan.baseSeed(), batch);
        out.flush();
        List<ClusterRunner.RunResult> results;
        try {
            results = runner.runAll();
        } finally {
            if (liveView != null) {
                liveView.close();
            }
        }
        if (runner.aborted()) {
            err.println("stopped: every machine stopped; logs kept in " + batch);
            return ABORTED;
        }
        boolean clean = results.stream().allMatch(ClusterRunner.RunResult::clean);
        int analysis = ExitCodes.OK;
        if (!noAnalyze) {
            analysis = analyze(results.stream().map(ClusterRunner.RunResult::dir).toList(), batch);
        }
        out.println("runs in " + batch);
        if (!clean) {
            err.println(failureLine(results, batch));
            return ExitCodes.FAILED;
        }
        return analysis;
    }

    /** The last line of a batch with an unclean run: each kind of failure its runs had, and where to look. */
    static String failureLine(List<ClusterRunner.RunResult> results, Path batch) {
        List<String> what = new ArrayList<>();
        if (results.stream().anyMatch(ClusterRunner.RunResult::exitedWithError)) {
            what.add("a machine exited with an error");
        }
        if (results.stream().anyMatch(r -> !r.lostTails().isEmpty())) {
            what.add("a machine lost the last lines of its log");
        }
        return "error: " + String.join(" and ", what) + "; see the console files in " + batch;
    }

    private ClusterPlan plan(ClusterConfig config) throws ConfigException {
        ClusterPlan.Builder b = ClusterPlan.from(config.withClocks(run.clockOptions.apply(config.clocks(), run.clocks)));
        for (String label : presets) {
            Preset p = Preset.byLabel(label.trim()).orElseThrow(() -> new ConfigException("--preset: \"" + label
                    + "\" is not one of " + Arrays.stream(Preset.values()).map(Preset::label).collect(Collectors.joining(", "))));
            b.preset(p);
        }
        if (runs != null) {
            b.runs(runs);
        }
        if (run.duration != null) {
            b.duration(DurationText.parse(run.duration, "--duration"));
        }
        RateRange.refuseWithFixedRates(run.ticksPerSecond, fixedRates);
        if (run.ticksPerSecond != null) {
            b.rates(RateRange.parse(run.ticksPerSecond, "--ticks-per-second"));
        }
        if (run.die != null) {
            b.die(run.die);
        }
        if (machines != null) {
            b.machineCount(machines);
        }
        if (fixedRates != null) {
            b.fixedRates(fixedRates);
        }
        if (run.seed != null) {
            b.seed(run.seed);
        }
        String batchName = name != null ? name : presets.isEmpty() ? "cluster" : String.join("+", presets);
        if (!batchName.matches("[A-Za-z0-9_.+-]{1,64}")) {
            throw new ConfigException("--name: \"" + batchName + "\" must be 1-64 of A-Z a-z 0-9 _ . + -");
        }
        return b.name(batchName).build(new SecureRandom().nextLong() & Long.MAX_VALUE >>> 16);
    }

    /** Runs the analyzer subcommand over the runs; without it, says so. */
    private int analyze(List<Path> runDirs, Path batch) {
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

    private static void installStop(ClusterRunner runner) {
        for (String sig : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(sig), s -> new Thread(runner::abort, "cluster-stop").start());
            } catch (IllegalArgumentException e) {
                // no such signal here; the children still stop when our stdin pipe to them closes
            }
        }
    }
}
