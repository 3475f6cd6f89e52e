package dev.clockscope.sim;

import dev.clockscope.analysis.scale.ScaleReport;
import dev.clockscope.analysis.scale.ScaleResult;
import dev.clockscope.analysis.scale.ScaleStats;
import dev.clockscope.analysis.scale.ScaleSummary;
import dev.clockscope.topology.GraphExport;
import dev.clockscope.time.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link SimPlan} into a batch directory, as {@code vm cluster} lays its runs out: {@code run-<i>/}
 * with the run's plan ({@code simulation.json}), the machines' logs when asked for, and for every run the
 * in-process statistics ({@code summary.json}), fed through the same sinks as the logs.
 */
public final class SimBatch {
    /** What the person at the console sees while a batch runs. */
    public interface Listener {
        /** About every 65,536 events of run {@code run} (from 1), {@code wallNanos} after it started. */
        void progress(int run, int runs, long virtualNanos, long endNanos, long events, long wallNanos);

        void note(String line);
    }

    /** A live view of the runs (vm simulate --live): paced, published, controllable. */
    public interface Live {
        /** Run {@code run} (from 1) starts: the consumer of its machines' events. */
        RunSinks.Consumer starting(int run, int runs, SimOptions options, Simulation simulation);

        Simulation.Pacer pacer();

        /** True once the live view's runs were asked to end (Ctrl-C): no further run starts. */
        default boolean stopped() {
            return false;
        }
    }

    /** One finished run. */
    public record RunOutcome(int run, Path dir, SimOptions options, Simulation.Result result, ScaleResult stats,
                             ScaleSummary.RunFacts facts, double wallSeconds) {
    }

    private final SimPlan plan;
    private final Path batchDir;
    private final Listener listener;
    private final Live live;
    /** The host's time, for the console's progress and the run's wall seconds only: no run depends on it. */
    private final TimeSource host;
    /** Set from a signal handler's thread: the run in progress ends at once, no other starts. */
    private volatile boolean stopped;
    private volatile Simulation current;

    /** {@code live} null: as fast as the machine can. */
    public SimBatch(SimPlan plan, Path batchDir, Listener listener, Live live, TimeSource host) {
        this.plan = plan;
        this.batchDir = batchDir;
        this.listener = listener;
        this.live = live;
        this.host = host;
    }

    public List<RunOutcome> runAll() throws IOException {
        List<RunOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.runs() && !stopped(); i++) {
            outcomes.add(runOne(i));
        }
        return outcomes;
    }

    /**
     * From any thread (SIGTERM, Ctrl-C): the run in progress ends within a few thousand events, as at the end of its
     * duration (every machine logs its stop, "signal"), and no further run starts.
     */
    public void stop() {
        stopped = true;
        Simulation sim = current;
        if (sim != null) {
            sim.endNow("signal");
        }
    }

    /** True once asked to stop, here or in the live view. */
    public boolean stopped() {
        return stopped || live != null && live.stopped();
    }

    @SuppressWarnings("unchecked")
    private RunOutcome runOne(int i) throws IOException {
        SimOptions options = plan.run(i);
        Path dir = batchDir.resolve("run-" + (i + 1));
        Files.createDirectories(dir);
        SimPlanJson.write(plan, options, dir.resolve("simulation.json"));
        ScaleStats stats = new ScaleStats(options.ids().asList(), options.duration().toNanos() / 1_000,
                watched(options), 10);
        Fingerprint fingerprint = new Fingerprint();
        RunSinks.Consumer[] shown = new RunSinks.Consumer[1];
        RunSinks sinks = new RunSinks(options.ids(), plan.fullLogs() ? dir : null, fingerprint, live == null
                ? stats::accept
                : (m, event) -> {
                    stats.accept(m, event);
                    shown[0].append(m, event); // set before the run's first event
                });
        int run = i + 1;
        // as fast as it can: the events are written and counted on a second thread; a live run sees each at once
        AsyncSinks async = live == null ? new AsyncSinks(sinks, options.ids().size()) : null;
        Simulation simulation = new Simulation(options, async != null ? async : sinks);
        if (live != null) {
            simulation.live(live.pacer());
            shown[0] = live.starting(run, plan.runs(), options, simulation);
        }
        current = simulation;
        if (stopped) {
            simulation.endNow("signal"); // asked before this run was there to be told
        }
        long startNanos = host.monotonicNanos();
        Simulation.Result result;
        try {
            result = simulation.run((virtual, end, events) ->
                    listener.progress(run, plan.runs(), virtual, end, events, host.monotonicNanos() - startNanos));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            current = null; // the run's machines go with it: an out-of-memory error is reported with their heap free
            try {
                closeSinks(async, sinks);
            } catch (IOException | RuntimeException | OutOfMemoryError alsoFailed) {
                addSuppressed(e, alsoFailed);
            }
            throw e;
        }
        current = null;
        closeSinks(async, sinks);
        double wall = (host.monotonicNanos() - startNanos) / 1e9;
        ScaleResult scale = stats.result();
        ScaleSummary.RunFacts facts = new ScaleSummary.RunFacts(plan.name() + " run " + run, options.seed(),
                plan.machines(), plan.topology().description(), plan.clocks(), options.duration().toNanos() / 1e9,
                result.messagesSent(), result.messagesLostInFlight(), result.clockBytesMean(), result.clockBytesMax(),
                fingerprint.hex());
        ScaleSummary.writeJson(facts, scale, dir.resolve("summary.json"));
        if (!plan.fullLogs()) {
            ScaleReport.write(facts, scale, dir.resolve("report.html"));
        }
        Path graph = graphFile(run, dir);
        if (graph != null) {
            // no timestamp: the same seed gives the same bytes
            GraphExport.write(graph, plan.topology(), new GraphExport.Traffic(result.messagesPerLink(),
                    result.ticksPerSecond(), result.finalLamport()), new GraphExport.Run(facts.name(),
                    "seed " + options.seed() + ", topology " + plan.topology().description() + " (topology seed "
                            + plan.topologySeed() + ")", null,
                    options.ids().asList()));
            listener.note("graph: " + graph);
        } else if (plan.defaultGraph() == SimPlan.DefaultGraph.TOO_LARGE) {
            listener.note(String.format(java.util.Locale.ROOT, "graph: not written by default above %,d machines"
                    + " (--graph FILE.graphml|FILE.json writes it)", SimPlan.DEFAULT_GRAPH_MAX_MACHINES));
        }
        listener.note(String.format(java.util.Locale.ROOT,
                "run %d: seed %d, %,d events in %.2f s (%,.0f events/s), fingerprint %s", run, options.seed(),
                fingerprint.events(), wall, fingerprint.events() / Math.max(wall, 1e-9), fingerprint.hex()));
        return new RunOutcome(run, dir, options, result, scale, facts, wall);
    }

    /**
     * {@code alsoFailed}, from closing the sinks after {@code failure}, is added to it, unless it is the same: an error
     * of the sinks' thread is thrown both by the run and by the close (it was "Self-suppression not permitted", exit 1
     * and a stack trace, where an out-of-memory error is exit 4 and one line).
     */
    static void addSuppressed(Throwable failure, Throwable alsoFailed) {
        if (alsoFailed != failure) {
            failure.addSuppressed(alsoFailed);
        }
    }

    /** Every event has reached the sinks (the second thread is done), then every log is closed. */
    private static void closeSinks(AsyncSinks async, RunSinks sinks) throws IOException {
        try {
            if (async != null) {
                async.finish();
            }
        } catch (IOException | RuntimeException | Error first) {
            // the first failure is the one to report (a full disk: the file it filled); closing the logs may fail too
            try {
                sinks.closeAll();
            } catch (IOException | RuntimeException | Error alsoFailed) {
                addSuppressed(first, alsoFailed);
            }
            throw first;
        }
        sinks.closeAll();
    }

    /**
     * The graph file of run {@code run}: as asked for (with -run-i before the extension when there are several),
     * else {@code graph.graphml} in the run's directory {@code dir} by default, or null for none.
     */
    private Path graphFile(int run, Path dir) {
        Path file = plan.graphFile();
        if (file == null) {
            return plan.defaultGraph() == SimPlan.DefaultGraph.RUN_DIR ? dir.resolve("graph.graphml") : null;
        }
        if (plan.runs() == 1) {
            return file;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(name.substring(0, dot) + "-run-" + run + name.substring(dot));
    }

    /** The machines of the space-time diagram: those asked for, else the first few. */
    private int[] watched(SimOptions options) {
        if (plan.watch().length > 0) {
            return plan.watch();
        }
        int k = Math.min(6, options.ids().size());
        int[] first = new int[k];
        for (int j = 0; j < k; j++) {
            first[j] = j;
        }
        return first;
    }
}
