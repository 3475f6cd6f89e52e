package dev.clockscope.cli;

import dev.clockscope.config.ConfigException;
import dev.clockscope.config.RateRange;
import dev.clockscope.sim.RecordedRun;
import dev.clockscope.sim.Replay;
import dev.clockscope.sim.ReplayBatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vm simulate --replay RUN_DIR [--net-delay D] [--crash ...] [--pause ...]}: a replay or a what-if. */
final class ReplayCommand {
    private final CommandSpec spec;
    private final SimulateCommand options;

    ReplayCommand(CommandSpec spec, SimulateCommand options) {
        this.spec = spec;
        this.options = options;
    }

    int run() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RecordedRun run;
        Replay.WhatIf whatIf;
        RateRange range;
        try {
            refuseOthers();
            run = RecordedRun.read(options.replay, "--replay");
            whatIf = ReplayBatch.whatIf(run, options.netDelay, options.crashes, options.pauses);
            range = ReplayBatch.rateRange(options.replay);
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Path batch;
        try {
            batch = BatchDir.create(options.outputDir, options.name != null ? options.name : whatIf == null ? "replay" : "what-if");
        } catch (IOException e) {
            err.println("error: " + BatchDir.problem(options.outputDir, e));
            return ExitCodes.CANNOT_START;
        }
        out.printf("%s %s: %d machines, rates drawn from %s, into %s%n", whatIf == null ? "replaying" : "what if, on",
                options.replay, run.machines().size(), range, batch);
        run.warnings().forEach(w -> out.println("warning: " + w));
        // named for what it is: the report of a what-if shows the recording's run directory next to it
        ReplayBatch.Outcome o = new ReplayBatch(run, whatIf).describedBy(options.netDelay, options.crashes,
                options.pauses).replay(batch.resolve(whatIf == null ? "replay" : "what-if"), range);
        out.println(o.report());
        out.println("fingerprint " + o.result().fingerprint());
        out.flush();
        int exit = whatIf == null && o.comparison().identical() < o.comparison().compared() + o.comparison().realOnly()
                + o.comparison().replayOnly() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
        if (!options.noAnalyze) {
            // a what-if is analyzed next to its recording: one report with both runs side by side
            List<Path> dirs = whatIf == null ? List.of(o.dir()) : List.of(options.replay, o.dir());
            int analysis = options.analyze(dirs, batch);
            exit = Math.max(exit, analysis);
        }
        out.println("runs in " + batch);
        return exit;
    }

    /** Options that a recorded run fixes: refused with one line. */
    private void refuseOthers() throws ConfigException {
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("--machines", options.machines);
        fixed.put("--topology", options.topology);
        fixed.put("--duration", options.duration);
        fixed.put("--seed", options.seed);
        fixed.put("--ticks-per-second", options.ticksPerSecond);
        fixed.put("--rates", options.fixedRates);
        fixed.put("--die", options.die);
        fixed.put("--actions", options.actions);
        fixed.put("--clocks", options.clocks);
        fixed.put("--clock-skew", options.clockOptions.skew);
        fixed.put("--clock-drift", options.clockOptions.drift);
        fixed.put("--hlc-max-offset", options.clockOptions.hlcMaxOffset);
        fixed.put("--log", options.log);
        fixed.put("--net-loss", options.netLoss);
        fixed.put("--link-delay", options.linkDelay);
        fixed.put("--link-loss", options.linkLoss);
        fixed.put("--phase", options.phase);
        fixed.put("--topology-seed", options.topologySeed);
        fixed.put("--runs", options.runs);
        fixed.put("--graph", options.graph);
        fixed.put("--preset", options.presets.isEmpty() ? null : options.presets);
        fixed.put("--net-partition", options.netPartitions.isEmpty() ? null : options.netPartitions);
        fixed.put("--watch", options.watch.isEmpty() ? null : options.watch);
        fixed.put("--live", options.live ? true : null);
        List<String> given = new ArrayList<>();
        fixed.forEach((option, value) -> {
            if (value != null) {
                given.add(option);
            }
        });
        if (!given.isEmpty()) {
            throw new ConfigException(given.get(0) + ": cannot be combined with --replay: " + (given.get(0).equals("--live")
                    ? "a replay has no live view" : "the recorded run fixes it") + " (what-ifs: --net-delay, --crash, --pause)");
        }
    }
}
