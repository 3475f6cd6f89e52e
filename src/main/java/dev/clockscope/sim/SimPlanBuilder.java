package dev.clockscope.sim;

import dev.clockscope.cluster.Preset;
import dev.clockscope.config.ClockSettings;
import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.ConfigException;
import dev.clockscope.config.DurationText;
import dev.clockscope.config.Keywords;
import dev.clockscope.config.MachineList;
import dev.clockscope.config.MachineSpec;
import dev.clockscope.config.RateRange;
import dev.clockscope.config.RunSeeds;
import dev.clockscope.node.ActionPolicy;
import dev.clockscope.node.MachineFactory;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.VectorMode;
import dev.clockscope.topology.Topologies;
import dev.clockscope.topology.Topology;
import dev.clockscope.topology.TopologyException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns config.json and the command line of {@code vm simulate} into a {@link SimPlan}: presets first, then
 * explicit options, and defaults chosen by the number of machines. Every bad value is one line naming the
 * option and the value ({@link ConfigException}).
 */
public final class SimPlanBuilder implements Preset.Knobs {
    /** Up to here every event is logged to files by default, and vector clocks are dense. */
    public static final int FULL_LOG_DEFAULT_MAX = 100;
    /** At most this many machines get log files (one open file each). */
    public static final int FULL_LOG_MAX = 1_000;
    /** Up to here vector clocks are on by default. */
    public static final int VECTOR_DEFAULT_MAX = 1_000;
    public static final int MACHINES_MAX = 10_000_000;

    private final ClusterConfig config;
    private final String version;
    private String name;
    private int runs = 1;
    private Integer machines;
    private String topology = "complete";
    private Duration duration;
    private RateRange rates;
    private List<Integer> fixedRates;
    private Integer die;
    private String actions;
    private String clocks;
    private ClockSettings clockSettings;
    private String log;
    private Long seed;
    private Long topologySeed;
    private String netDelay;
    private String netLoss;
    private List<String> netPartitions = List.of();
    private String linkDelay;
    private String linkLoss;
    private List<String> crashes = List.of();
    private List<String> pauses = List.of();
    private String phase = "random";
    private List<String> watch = List.of();
    private Path graph;
    private Path configFile;

    public SimPlanBuilder(ClusterConfig config, String version) {
        this.config = config;
        this.version = version;
    }

    public SimPlanBuilder name(String n) {
        this.name = n;
        return this;
    }

    @Override
    public SimPlanBuilder runs(int n) {
        this.runs = n;
        return this;
    }

    @Override
    public SimPlanBuilder duration(Duration d) {
        this.duration = d;
        return this;
    }

    @Override
    public SimPlanBuilder rates(RateRange r) {
        this.rates = r;
        return this;
    }

    @Override
    public SimPlanBuilder die(int sides) {
        this.die = sides;
        return this;
    }

    public SimPlanBuilder machines(int n) {
        this.machines = n;
        return this;
    }

    public SimPlanBuilder topology(String spec) {
        this.topology = spec;
        return this;
    }

    public SimPlanBuilder fixedRates(List<Integer> r) {
        this.fixedRates = List.copyOf(r);
        return this;
    }

    /** {@code one=0.2,all=0.1} (internal is the rest). */
    public SimPlanBuilder actions(String text) {
        this.actions = text;
        return this;
    }

    /** {@code lamport}, {@code lamport,vector}, {@code lamport,vector:sparse}, {@code lamport,vector:dense}. */
    public SimPlanBuilder clocks(String text) {
        this.clocks = text;
        return this;
    }

    /** The physical clocks and the HLC's max offset (config.json's, with the CLI's on top). */
    public SimPlanBuilder clockSettings(ClockSettings s) {
        this.clockSettings = s;
        return this;
    }

    /** {@code full} or {@code none}. */
    public SimPlanBuilder log(String mode) {
        this.log = mode;
        return this;
    }

    /** The seed a generated topology is drawn from (default: the batch's, run 1's). */
    public SimPlanBuilder topologySeed(long s) {
        this.topologySeed = s;
        return this;
    }

    public SimPlanBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    public SimPlanBuilder netDelay(String text) {
        this.netDelay = text;
        return this;
    }

    public SimPlanBuilder netLoss(String text) {
        this.netLoss = text;
        return this;
    }

    public SimPlanBuilder netPartitions(List<String> windows) {
        this.netPartitions = List.copyOf(windows);
        return this;
    }

    public SimPlanBuilder linkDelay(String text) {
        this.linkDelay = text;
        return this;
    }

    /** Silent loss on every link: messages that vanish with no line anywhere (as UDP may). */
    public SimPlanBuilder linkLoss(String text) {
        this.linkLoss = text;
        return this;
    }

    /** {@code ID@FROM..TO} (restart at TO) or {@code ID@FROM} (no restart). */
    public SimPlanBuilder crashes(List<String> specs) {
        this.crashes = List.copyOf(specs);
        return this;
    }

    /** {@code ID@FROM..TO}. */
    public SimPlanBuilder pauses(List<String> specs) {
        this.pauses = List.copyOf(specs);
        return this;
    }

    /** {@code random} (a seeded phase within each machine's first period) or {@code 0}. */
    public SimPlanBuilder phase(String text) {
        this.phase = text;
        return this;
    }

    public SimPlanBuilder watch(List<String> ids) {
        this.watch = List.copyOf(ids);
        return this;
    }

    /** The config.json the run was read from (null: none), which no output may replace. */
    public SimPlanBuilder configFile(Path file) {
        this.configFile = file;
        return this;
    }

    public SimPlanBuilder graph(Path file) {
        this.graph = file;
        return this;
    }

    public SimPlan build(long randomSeed) throws ConfigException {
        if (runs < 1) {
            throw new ConfigException("--runs: " + runs + " must be at least 1");
        }
        long s = seed != null ? seed : config.seed().orElse(randomSeed);
        RunSeeds.refuseOverflow(s, runs);
        MachineIds ids = topologyIsFile() ? null : ids();
        long drawnWith = topologySeed != null ? topologySeed : s;
        Topology topo = topology(ids, drawnWith);
        if (ids == null) {
            List<String> names = new ArrayList<>(topo.size());
            for (int i = 0; i < topo.size(); i++) {
                names.add(topo.id(i));
            }
            ids = MachineIds.of(names);
        }
        int n = ids.size();
        ActionPolicy policy = ActionChoice.policy(actions, die, config.die(), topo, n);
        VectorMode vectors = ClockChoice.vectors(clocks, n);
        ClockSettings clockSet = ClockChoice.settings(clocks, clockSettings != null ? clockSettings : config.clocks(),
                ids);
        boolean fullLogs = fullLogs(n, vectors);
        RateRange range = rates != null ? rates : config.ticksPerSecond();
        if (range.unthrottled()) {
            throw new ConfigException("--ticks-per-second: \"max\" (unthrottled) has no meaning in virtual time;"
                    + " give a rate such as 1..6");
        }
        int[] fixed = fixedRates(ids);
        Duration d = duration != null ? duration : config.duration();
        // named where it came from: the option, or config.json's field
        String durationSource = duration != null || configFile == null ? "--duration" : configFile + ": duration";
        if (d.isZero()) {
            throw new ConfigException(durationSource + ": 0 (until stopped) makes no sense for a simulation; give a"
                    + " duration");
        }
        if (d.toNanos() % 1_000 != 0) {
            // simulation.json records it in µs, and a rerun from there must end where this run ends
            throw new ConfigException(durationSource + ": " + d.toNanos() + " ns is finer than a microsecond, the unit"
                    + " of the logs and of simulation.json");
        }
        NetworkChoice.Network network = NetworkChoice.of(config.link().network(), config.link().heartbeatTimeout(), topo,
                topology, ids, new NetworkChoice.Options(netDelay, netLoss, netPartitions, linkDelay, linkLoss));
        boolean randomPhase = switch (Keywords.of(phase)) {
            case "random" -> true;
            case "0" -> false;
            default -> throw new ConfigException("--phase: \"" + phase + "\" is not random or 0");
        };
        OutageSpecs.Windows outages = OutageSpecs.parse(crashes, pauses, ids, d);
        refuseEndsAfterTheRun(crashes, outages.crashes(), "--crash", d);
        refuseEndsAfterTheRun(pauses, outages.pauses(), "--pause", d);
        SimOptions options = new SimOptions(ids, topo::neighbours, policy, vectors, s, range.min(), range.max(),
                i -> fixed == null ? MachineFactory.DRAW : fixed[i], d, randomPhase,
                network.links(), network.faults(),
                outages.crashes(), outages.pauses(), SimOptions.DEFAULT_ORIGIN_MICROS, version, null, clockSet);
        String batch = name != null ? name : "simulate";
        if (!batch.matches("[A-Za-z0-9_.+-]{1,64}")) {
            throw new ConfigException("--name: \"" + batch + "\" must be 1-64 of A-Z a-z 0-9 _ . + -");
        }
        boolean noGraph = graph != null && Keywords.of(graph.toString()).equals("none");
        if (graph != null && !noGraph && !graph.toString().endsWith(".graphml") && !graph.toString().endsWith(".json")) {
            throw new ConfigException("--graph: \"" + graph + "\" must end in .graphml or .json, or be none");
        }
        if (graph != null && !noGraph) {
            GraphTarget.check(graph, runs, topologyIsFile() ? Path.of(topology.strip()) : null, configFile);
        }
        SimPlan.DefaultGraph defaultGraph = noGraph ? SimPlan.DefaultGraph.NONE
                : ids.size() > SimPlan.DEFAULT_GRAPH_MAX_MACHINES ? SimPlan.DefaultGraph.TOO_LARGE
                : SimPlan.DefaultGraph.RUN_DIR;
        return new SimPlan(batch, runs, s, options, fullLogs, watch(ids), topo,
                ClockChoice.text(vectors, n) + (clockSet.hlc() ? ",hlc" : ""), noGraph ? null : graph, defaultGraph,
                network.linksText(), ActionChoice.text(policy), drawnWith);
    }

    private MachineIds ids() throws ConfigException {
        if (machines == null) {
            return MachineIds.of(config.machineIds());
        }
        if (machines < 2 || machines > MACHINES_MAX) {
            throw new ConfigException("--machines: " + machines + " is outside 2.." + MACHINES_MAX);
        }
        return MachineIds.numbered(machines);
    }

    private boolean topologyIsFile() {
        return topology.strip().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /**
     * The topology: a generator over the run's machines, drawn with the batch's seed (every run of a batch has
     * the same graph), or a file, whose machines are the run's.
     */
    private Topology topology(MachineIds ids, long topologySeed) throws ConfigException {
        try {
            return Topologies.parse(topology, topologyIsFile() ? (machines == null ? 0 : machines) : ids.size(),
                    topologySeed);
        } catch (TopologyException e) {
            throw new ConfigException(e.getMessage());
        }
    }


    /**
     * Full logs by default up to {@link #FULL_LOG_DEFAULT_MAX} machines, but never without vector clocks: the log
     * format (the real cluster's, which {@code vm analyze} reads) carries one on every tick event.
     */
    private boolean fullLogs(int n, VectorMode vectors) throws ConfigException {
        if (log == null) {
            return n <= FULL_LOG_DEFAULT_MAX && vectors != VectorMode.OFF;
        }
        switch (Keywords.of(log)) {
            case "full":
                if (n > FULL_LOG_MAX) {
                    throw new ConfigException("--log: full logs of " + n + " machines would be " + n + " files; at most "
                            + FULL_LOG_MAX + " (the summary and report need none: --log none)");
                }
                if (vectors == VectorMode.OFF) {
                    // up to FULL_LOG_MAX machines the default clocks keep vectors: only --clocks leaves them out
                    throw new ConfigException("--log: full logs carry a vector clock on every event (the real cluster's"
                            + " format, which vm analyze reads), and --clocks \"" + clocks + "\" keeps none: add vector"
                            + " to --clocks, or give --log none");
                }
                return true;
            case "none":
                return false;
            default:
                throw new ConfigException("--log: \"" + log + "\" is not full or none");
        }
    }

    private int[] fixedRates(MachineIds ids) throws ConfigException {
        int n = ids.size();
        if (fixedRates != null) {
            if (fixedRates.size() != n) {
                throw new ConfigException("--rates: " + fixedRates.size() + " rates for " + n + " machines");
            }
            int[] r = new int[n];
            for (int i = 0; i < n; i++) {
                r[i] = fixedRates.get(i);
                if (r[i] < 1 || r[i] > RateRange.MAX_TICKS_PER_SECOND) {
                    throw new ConfigException("--rates: " + r[i] + " is outside 1.." + RateRange.MAX_TICKS_PER_SECOND);
                }
            }
            return r;
        }
        if (machines != null || rates != null) {
            return null; // numbered machines, or a range given: drawn
        }
        int[] r = new int[n];
        Arrays.fill(r, MachineFactory.DRAW);
        boolean any = false;
        // by id, not by position: a topology file's machines are its own, and may be more or fewer than
        // config.json's; the others draw from the range
        for (int c = 0; c < config.machines().size(); c++) {
            MachineSpec m = config.machines().get(c);
            if (m.ticksPerSecond().isEmpty()) {
                continue;
            }
            int i = ids.indexOf(m.id());
            if (i < 0) {
                throw new ConfigException("machines[" + c + "].ticksPerSecond: " + m.ticksPerSecond().getAsInt()
                        + " is for \"" + m.id() + "\", which is not a machine of this run (machines: "
                        + MachineList.brief(ids.asList()) + "); give --ticks-per-second or --rates");
            }
            r[i] = m.ticksPerSecond().getAsInt();
            any = true;
        }
        return any ? r : null;
    }

    /**
     * The watched machines' indexes. A machine named twice is refused: the space-time diagram gives each
     * watched machine its own lane, and a second lane for the same machine is nothing a user can mean (it
     * crashed the diagram's renderer).
     */
    private int[] watch(MachineIds ids) throws ConfigException {
        int[] w = new int[watch.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = ids.indexOf(watch.get(i));
            if (w[i] < 0) {
                throw new ConfigException("--watch: \"" + watch.get(i) + "\" is not a machine of this run");
            }
            for (int j = 0; j < i; j++) {
                if (w[j] == w[i]) {
                    throw new ConfigException("--watch: \"" + watch.get(i) + "\" is named twice");
                }
            }
        }
        return w;
    }

    /**
     * A window that ends after the run's end would not end in the run: a pause's machine logged its stop line inside
     * the pause (a stopped process writes nothing), and a crash's restart never came. A crash for good is ID@FROM. (A
     * what-if's pause must end before its machine's recorded stop for the same reason; it may outlast a killed life.)
     */
    private static void refuseEndsAfterTheRun(List<String> specs, List<Outage> windows, String option, Duration d)
            throws ConfigException {
        for (int k = 0; k < windows.size(); k++) {
            long to = windows.get(k).toNanos();
            if (to != Long.MAX_VALUE && to > d.toNanos()) {
                throw new ConfigException(option + ": \"" + specs.get(k) + "\" ends after the run's end ("
                        + DurationText.format(d) + ")" + (option.equals("--crash")
                        ? ": a crash for good is ID@FROM" : ": a pause must end within the run"));
            }
        }
    }
}
