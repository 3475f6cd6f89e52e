package dev.clockscope.analysis;

import dev.clockscope.testing.SimulatedRun;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Analyzer throughput on a large synthetic run (not a test: run by scripts/bench-analyzer.sh). Writes the
 * run once, analyzes it a few times (the first passes warm the JIT up) and prints JSON: lines, best and
 * median lines per second, by wall clock and per CPU-second of the whole process (every reader thread,
 * the analyzing thread, JIT and GC: the "per core" figure, robust to other processes competing for the
 * cores).
 * Args: [lines (default 6000000)] [machines (default 3)] [dir].
 */
public final class AnalyzerBenchmark {
    private AnalyzerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long targetLines = args.length > 0 ? Long.parseLong(args[0]) : 6_000_000L;
        int machines = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("clockscope-bench");
        Path run = dir.resolve("run");
        long lines;
        if (Files.isDirectory(run)) {
            lines = -1;
        } else {
            int[] rates = new int[machines];
            int sum = 0;
            for (int i = 0; i < machines; i++) {
                rates[i] = 1000 * (1 + i % 6); // "unthrottled": rates far above the model's 1..6
                sum += rates[i];
            }
            lines = new SimulatedRun(42, rates).write(run, (double) targetLines / sum);
        }
        long bytes = 0;
        try (var files = Files.list(run)) {
            for (Path p : files.toList()) {
                bytes += Files.size(p);
            }
        }
        int passes = 5;
        double[] rate = new double[passes];
        double[] cpuRate = new double[passes];
        long read = 0;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int p = 0; p < passes; p++) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            RunResult r = new RunAnalyzer(RunInput.open(run), WindowSpec.DEFAULT, List.of()).analyze();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            read = r.lines();
            rate[p] = read / seconds;
            cpuRate[p] = read / cpuSeconds;
        }
        double[] sortedCpu = cpuRate.clone();
        java.util.Arrays.sort(sortedCpu);
        double[] sorted = rate.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "{\"lines\":%d,\"bytes\":%d,\"machines\":%d,\"passes\":%d,"
                        + "\"bestLinesPerSecond\":%.0f,\"medianLinesPerSecond\":%.0f,\"firstPassLinesPerSecond\":%.0f,"
                        + "\"bestLinesPerCpuSecond\":%.0f,\"medianLinesPerCpuSecond\":%.0f,\"cores\":%d,"
                        + "\"loadAverage\":%.2f,\"dir\":\"%s\"}%n",
                read, bytes, machines, passes, sorted[passes - 1], sorted[passes / 2], rate[0], sortedCpu[passes - 1],
                sortedCpu[passes / 2], Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), run);
        if (lines >= 0 && lines != read) {
            System.err.println("warning: wrote " + lines + " lines, read " + read);
        }
    }
}
