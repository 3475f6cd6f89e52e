package dev.clockscope.cli;

import dev.clockscope.analysis.AnalysisException;
import dev.clockscope.analysis.EventSink;
import dev.clockscope.analysis.RunAnalyzer;
import dev.clockscope.analysis.RunInput;
import dev.clockscope.analysis.RunResult;
import dev.clockscope.analysis.WindowSpec;
import dev.clockscope.analysis.report.CsvExport;
import dev.clockscope.analysis.report.Format;
import dev.clockscope.analysis.report.HtmlReport;
import dev.clockscope.analysis.report.JsonSummary;
import dev.clockscope.analysis.report.PendingFiles;
import dev.clockscope.analysis.report.RunNames;
import dev.clockscope.analysis.report.ShivizExport;
import dev.clockscope.analysis.report.SvgFiles;
import dev.clockscope.analysis.report.TextSummary;
import dev.clockscope.files.WriteFailed;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code java -jar vm.jar analyze [DIR ...]}: statistics, correctness checks, report and exports of runs. */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        sortOptions = false,
        description = {
            "Analyzes runs' event logs: summary, clock checks, HTML report, exports.",
            "One directory per run, holding <machine-id>.log files; its previous/ folder (earlier lives) is read only by the clocks-across-lives check."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every correctness check passed",
            "1:a correctness check failed",
            "2:unusable input (missing directory, no logs, malformed line, two runs mixed) or bad arguments",
            "4:an output could not be written (a full disk): one line naming it; an earlier one is kept"})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..*",
            description = "Run directories, or batch directories (their run-1, run-2, ..., or a replay's replay/ or what-if/) (default: output_files).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FILE",
            description = "HTML report (default: DIR/report.html; for several runs, report.html in their common parent).")
    Path report;

    @Option(names = "--no-report", description = "Do not write the HTML report.")
    boolean noReport;

    @Option(names = "--csv", paramLabel = "DIR", description = "Write events.csv and machines.csv into DIR.")
    Path csvDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the summary of every run as JSON.")
    Path jsonFile;

    @Option(names = "--shiviz", paramLabel = "FILE",
            description = "Write a ShiViz log (several runs: FILE gets -<run> before its extension).")
    Path shivizFile;

    @Option(names = "--svg-dir", paramLabel = "DIR", description = "Also write every chart as a standalone SVG file.")
    Path svgDir;

    @Option(names = "--window", paramLabel = "TIME|FROM..TO", defaultValue = "10s",
            description = "Space-time diagram window, from the first tick: 10s, or 20s..30s (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--verbose", description = "Also print throughput (lines/s) and where outputs went.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WindowSpec windowSpec;
        try {
            windowSpec = WindowSpec.parse(window);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--window: " + e.getMessage());
        }
        List<Path> runDirs = new ArrayList<>();
        try {
            for (Path dir : dirs.isEmpty() ? List.of(Path.of("output_files")) : dirs) {
                runDirs.addAll(RunInput.runsIn(dir)); // a batch directory stands for its runs
            }
        } catch (AnalysisException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        List<RunResult> runs = new ArrayList<>();
        long startNanos = System.nanoTime();
        long lines = 0;
        List<RunInput> inputs = new ArrayList<>();
        // every output goes to a temporary file until all runs have been read: an unusable run found
        // halfway must leave no export behind and overwrite none (docs/ANALYZER.md)
        // while the runs are read, an I/O error is most likely the input's (as before outputs were staged)
        boolean reading = true;
        try (PendingFiles pending = new PendingFiles()) {
            for (Path dir : runDirs) {
                inputs.add(RunInput.open(dir)); // refuse bad input before writing anything
                pending.protectLogsIn(dir);
            }
            Path reportFile = noReport ? null : report != null ? report : defaultReport(runDirs);
            Path reportTemp = reportFile == null ? null
                    : pending.stage(report != null ? "--report" : "report", reportFile);
            Path jsonTemp = jsonFile == null ? null : pending.stage("--json", jsonFile);
            if (svgDir != null) {
                pending.directory("--svg-dir", svgDir);
            }
            CsvExport csv = csvDir == null ? null : new CsvExport(
                    pending.stage("--csv", csvDir.resolve(CsvExport.EVENTS_FILE)),
                    pending.stage("--csv", csvDir.resolve(CsvExport.MACHINES_FILE)));
            try (Closeable closeCsv = csv == null ? null : () -> NamedOutput.write(csvDir, csv::close)) {
                List<String> names = RunNames.distinct(inputs.stream().map(RunInput::name).toList());
                for (int i = 0; i < inputs.size(); i++) {
                    RunInput input = inputs.get(i);
                    List<EventSink> sinks = new ArrayList<>();
                    if (csv != null) {
                        csv.startRun(names.get(i));
                        sinks.add(NamedOutput.sink(csvDir, csv));
                    }
                    Path shivizTarget = inputs.size() == 1 ? shivizFile : shivizFile == null ? null
                            : suffixed(shivizFile, names.get(i));
                    ShivizExport shiviz = shivizFile == null ? null
                            : new ShivizExport(pending.stage("--shiviz", shivizTarget));
                    if (shiviz != null) {
                        sinks.add(NamedOutput.sink(shivizTarget, shiviz));
                    }
                    try (Closeable closeShiviz = shiviz == null ? null
                            : () -> NamedOutput.write(shivizTarget, shiviz::close)) {
                        RunResult result = new RunAnalyzer(input, windowSpec, sinks).analyze();
                        runs.add(result.named(names.get(i)));
                        lines += result.lines();
                    }
                }
            }
            reading = false;
            double analyzeSeconds = (System.nanoTime() - startNanos) / 1e9;
            TextSummary.print(runs, out);
            if (reportTemp != null) {
                NamedOutput.write(reportFile, () -> HtmlReport.write(runs, reportTemp));
            }
            if (jsonTemp != null) {
                NamedOutput.write(jsonFile, () -> JsonSummary.write(runs, jsonTemp));
            }
            pending.commit();
            if (reportFile != null) {
                out.println("report: " + reportFile + " (" + Format.count(Files.size(reportFile) / 1024) + " KiB)");
            }
            if (jsonFile != null && verbose) {
                out.println("json: " + jsonFile);
            }
            if (svgDir != null) {
                int[] n = new int[1];
                NamedOutput.write(svgDir, () -> n[0] = SvgFiles.write(runs, svgDir));
                if (verbose) {
                    out.println("svg: " + n[0] + " charts in " + svgDir);
                }
            }
            if (verbose) {
                out.printf("read %s lines in %s s: %s lines/s%n", Format.count(lines), Format.num(analyzeSeconds, 3),
                        Format.count((long) (lines / Math.max(analyzeSeconds, 1e-9))));
            }
        } catch (OutOfMemoryError e) {
            // the ledger keeps each message's vector until it is received: N entries per message in flight
            RunInput failed = inputs.get(Math.min(runs.size(), inputs.size() - 1));
            err.println("error: out of memory analyzing " + failed.dir() + " (" + failed.logs().size()
                    + " logs): give the JVM more heap (java -Xmx4g -jar vm.jar analyze ...)");
            return ExitCodes.FAILED;
        } catch (AnalysisException | PendingFiles.OutputException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (WriteFailed e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (IOException e) {
            err.println("error: " + (reading ? "" : "cannot write output: ") + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        out.flush();
        return runs.stream().allMatch(RunResult::passed) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** One run: DIR/report.html; several: report.html in the deepest directory containing them all. */
    static Path defaultReport(List<Path> runDirs) {
        if (runDirs.size() == 1) {
            return runDirs.get(0).resolve("report.html");
        }
        Path common = runDirs.get(0).toAbsolutePath().normalize();
        for (Path d : runDirs) {
            Path p = d.toAbsolutePath().normalize();
            while (!p.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common.resolve("report.html");
    }

    static Path suffixed(Path file, String run) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String out = dot <= 0 ? name + "-" + run : name.substring(0, dot) + "-" + run + name.substring(dot);
        return file.resolveSibling(out);
    }
}
