package dev.clockscope.cli;

import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.ConfigException;
import dev.clockscope.config.ConfigLoader;
import dev.clockscope.config.DurationText;
import dev.clockscope.config.LinkSettingsParser;
import dev.clockscope.config.NetworkFaults;
import dev.clockscope.config.RateRange;
import dev.clockscope.runtime.MachineRuntime;
import dev.clockscope.runtime.RunSummary;
import dev.clockscope.runtime.StartupException;
import dev.clockscope.time.SystemTimeSource;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar vm.jar --machine-id machine_1}: runs one machine of the cluster in config.json. */
@Command(name = "vm",
        mixinStandardHelpOptions = true,
        subcommands = {ClusterCommand.class, SimulateCommand.class, AnalyzeCommand.class, ViewCommand.class},
        versionProvider = ManifestVersion.class,
        sortOptions = false,
        description = {
            "Runs one machine of a ClockScope cluster: connects to its peers from config.json, then runs the"
                    + " scale model (one action per tick) and logs every event to <output-dir>/<machine-id>.log."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:clean stop (duration elapsed, Ctrl-C or SIGTERM)",
            "2:bad arguments or bad config.json",
            "3:cannot start (port in use, unresolvable host, output directory not writable)",
            "4:failed while running (event log could not be written)"})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--machine-id", paramLabel = "ID", description = "Which machine of config.json to run (required).")
    String machineId;

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--exit-on-stdin-eof", hidden = true,
            description = "Stop when standard input closes (used by `vm cluster`, so a dead runner leaves no orphan).")
    boolean exitOnStdinEof;

    @Option(names = "--net-delay", paramLabel = "DELAY",
            description = "Inject a delay on this machine's outgoing links: 20ms, uniform:5ms..50ms or exp:20ms.")
    String netDelay;

    @Option(names = "--net-loss", paramLabel = "P", description = "Inject loss on this machine's outgoing links (0..1).")
    String netLoss;

    @Option(names = "--net-partition", paramLabel = "FROM..TO",
            description = "Cut this machine's outgoing links for a window after ticking starts, e.g. 5s..10s (repeatable).")
    java.util.List<String> netPartitions;

    @Option(names = "--quiet", description = "Console: warnings and errors only.")
    boolean quiet;

    @Option(names = "--verbose", description = "Console: also debug lines (every reconnect attempt...).")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line, shared by main() and tests: parse errors of every command are one error
     * line and one hint ({@link UsageErrors}), not the usage; an output no command could write, one line and exit 4
     * ({@link OutputErrors}).
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setParameterExceptionHandler(new UsageErrors())
                .setExecutionExceptionHandler(new OutputErrors());
    }

    @Override
    public Integer call() {
        if (machineId == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--machine-id=ID'");
        }
        Console.configure(quiet, verbose);
        ClusterConfig config;
        try {
            config = applyOverrides(new ConfigLoader().load(run.configFile));
            if (config.machine(machineId).isEmpty()) {
                throw new ConfigException("--machine-id: \"" + machineId + "\" is not in " + run.configFile
                        + " (machines: " + String.join(", ", config.machineIds()) + ")");
            }
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        MachineRuntime runtime = new MachineRuntime(config, machineId, run.outputDir, SystemTimeSource.INSTANCE,
                ManifestVersion.version());
        StopSignals.install(runtime);
        if (exitOnStdinEof) {
            StopSignals.stopWhenStdinCloses(runtime);
        }
        RunSummary summary;
        try {
            summary = runtime.run();
        } catch (StartupException e) {
            spec.commandLine().getErr().println("error: " + machineId + ": " + e.getMessage());
            return ExitCodes.CANNOT_START;
        }
        if (summary.failure() != null) {
            spec.commandLine().getErr().println("error: " + machineId + ": " + summary.failure());
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private ClusterConfig applyOverrides(ClusterConfig config) throws ConfigException {
        if (run.ticksPerSecond != null) {
            config = config.withTicksPerSecond(RateRange.parse(run.ticksPerSecond, "--ticks-per-second"));
        }
        if (run.duration != null) {
            config = config.withDuration(DurationText.parse(run.duration, "--duration"));
        }
        if (run.seed != null) {
            config = config.withSeed(run.seed);
        }
        if (run.die != null) {
            config = config.withDie(run.die);
        }
        config = config.withClocks(run.clockOptions.apply(config.clocks(), run.clocks));
        config.clocks().check(config.machineIds());
        if (netDelay != null || netLoss != null || netPartitions != null) {
            java.util.List<NetworkFaults.Window> windows = new java.util.ArrayList<>();
            for (String w : netPartitions == null ? java.util.List.<String>of() : netPartitions) {
                windows.add(LinkSettingsParser.window(w, "--net-partition"));
            }
            NetworkFaults.Rule rule = new NetworkFaults.Rule(machineId, NetworkFaults.ANY, false,
                    netDelay == null ? null : LinkSettingsParser.delay(netDelay, "--net-delay"),
                    netLoss == null ? 0 : LinkSettingsParser.loss(netLoss, "--net-loss"), windows);
            config = config.withLink(config.link().withNetwork(config.link().network().plus(rule)));
        }
        return config;
    }
}
