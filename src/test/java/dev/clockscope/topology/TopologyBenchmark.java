package dev.clockscope.topology;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long the generators take and how much memory they use (a benchmark, not a test): run by
 * {@code scripts/bench-topology.sh}, which prints the table and writes {@code bench-topology.json}.
 * Each case is warmed up (one build at 100,000 machines), then built {@value #RUNS} times; the table shows
 * the median of wall-clock and of CPU time (the CPU time of the building thread is steadier on a shared
 * machine). "arrays" is what the finished topology's arrays hold ({@link Topology#memoryBytes()});
 * "retained" the same measured (heap after a full GC with it, minus without; noisy below a few MB); "peak" is the highest heap use during one build minus the heap before it (the sum of the
 * heap pools' peaks, so an upper bound).
 */
public final class TopologyBenchmark {
    private static final int RUNS = 5;
    private static final long SEED = 42;

    private record Row(String spec, int machines, long links, double medianMillis, double minMillis,
            double medianCpuMillis, long retainedBytes, long peakBytes, long computedBytes, String check) {
    }

    public static void main(String[] args) throws Exception {
        Path json = Path.of(args.length > 0 ? args[0] : "bench-topology.json");
        Path dir = Files.createTempDirectory("clockscope-topology-bench");
        String[] specs = {"random-regular:8", "small-world:8,0.1", "scale-free:4"};
        int[] sizes = {100_000, 1_000_000};
        for (String spec : specs) {
            Generators.generate(spec, 100_000, SEED); // warm-up
        }
        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            for (String spec : specs) {
                rows.add(measure(spec, n));
            }
        }
        Topology big = Generators.generate("random-regular:8", 1_000_000, SEED);
        long[] messages = new long[big.directedLinkCount()];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = i % 97;
        }
        int[] rates = new int[big.size()];
        Arrays.fill(rates, 4);
        GraphExport.Traffic traffic = new GraphExport.Traffic(messages, rates, new long[big.size()]);
        GraphExport.Run run = new GraphExport.Run("bench", "random-regular:8 1000000", Instant.EPOCH);
        String graphml = export(dir.resolve("big.graphml"), big, traffic, run);
        String graphjson = export(dir.resolve("big.json"), big, traffic, run);
        String fileRead = readFile(dir);

        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-18s %9s %9s %9s %7s %7s %9s %9s %8s  %s%n", "spec", "machines",
                "links", "median ms", "min ms", "cpu ms", "arrays MB", "retained", "peak MB", "check"));
        for (Row r : rows) {
            table.append(String.format(Locale.ROOT, "%-18s %,9d %,9d %9.0f %7.0f %7.0f %9.1f %9.1f %8.1f  %s%n", r.spec(),
                    r.machines(), r.links(), r.medianMillis(), r.minMillis(), r.medianCpuMillis(), r.computedBytes() / 1e6,
                    r.retainedBytes() / 1e6, r.peakBytes() / 1e6, r.check()));
        }
        table.append(graphml).append('\n').append(graphjson).append('\n').append(fileRead).append('\n');
        System.out.print(table);

        StringBuilder out = new StringBuilder("{\n  \"jdk\": \"" + System.getProperty("java.version") + "\",\n  \"cores\": "
                + Runtime.getRuntime().availableProcessors() + ",\n  \"maxHeapBytes\": " + Runtime.getRuntime().maxMemory()
                + ",\n  \"generators\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.append(String.format(Locale.ROOT, "    {\"spec\": \"%s\", \"machines\": %d, \"links\": %d, \"medianMillis\": %.1f,"
                    + " \"minMillis\": %.1f, \"medianCpuMillis\": %.1f, \"retainedBytes\": %d, \"peakBytes\": %d, \"arrayBytes\": %d, \"check\": \"%s\"}%s%n",
                    r.spec(), r.machines(), r.links(), r.medianMillis(), r.minMillis(), r.medianCpuMillis(), r.retainedBytes(), r.peakBytes(),
                    r.computedBytes(), r.check(), i + 1 < rows.size() ? "," : ""));
        }
        out.append("  ],\n  \"exports\": [\"").append(graphml).append("\", \"").append(graphjson)
                .append("\"],\n  \"fileRead\": \"").append(fileRead).append("\"\n}\n");
        Files.writeString(json, out);
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static Row measure(String spec, int n) throws TopologyException {
        double[] millis = new double[RUNS];
        double[] cpuMillis = new double[RUNS];
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Topology t = null;
        long peak = 0;
        for (int r = 0; r < RUNS; r++) {
            t = null;
            long before = usedAfterGc();
            resetPeaks();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            t = Generators.generate(spec, n, SEED + r);
            millis[r] = (System.nanoTime() - start) / 1e6;
            cpuMillis[r] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            peak = Math.max(peak, peakSum() - before);
        }
        long with = usedAfterGc();
        long links = t.linkCount();
        long computed = t.memoryBytes();
        DegreeStats d = t.degreeStats();
        Diameter diameter = t.diameter();
        String check = String.format(Locale.ROOT, "degree %d..%d mean %.2f, connected %s, diameter %s%d", d.min(),
                d.max(), d.mean(), t.connected(), diameter.exact() ? "" : ">=", diameter.hops());
        t = null;
        long without = usedAfterGc();
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        Arrays.sort(cpuMillis);
        return new Row(spec, n, links, sorted[RUNS / 2], sorted[0], cpuMillis[RUNS / 2], with - without, peak, computed,
                check);
    }

    private static String export(Path file, Topology t, GraphExport.Traffic traffic, GraphExport.Run run) throws IOException {
        GraphExport.write(file, t, traffic, run); // warm-up
        long start = System.nanoTime();
        GraphExport.write(file, t, traffic, run);
        double ms = (System.nanoTime() - start) / 1e6;
        return String.format(Locale.ROOT, "export %s of random-regular:8 at 1,000,000 machines: %.0f ms, %.1f MB",
                file.getFileName().toString().replaceAll(".*\\.", "."), ms, Files.size(file) / 1e6);
    }

    /** A CloudScope-format file of 10,000 nodes and 100,000 links (a random 20-regular graph), read back. */
    private static String readFile(Path dir) throws Exception {
        Topology source = Generators.generate("random-regular:20", 10_000, SEED);
        Path file = dir.resolve("cloudscope-100k.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            StringBuilder b = new StringBuilder("{\"meta\": {\"seed\": 7}, \"nodes\": [");
            for (int i = 0; i < source.size(); i++) {
                b.append(i == 0 ? "" : ",").append("\n {\"id\": \"n").append(i).append("\", \"label\": \"Node ").append(i).append("\"}");
            }
            b.append("],\n\"links\": [");
            boolean first = true;
            for (int u = 0; u < source.size(); u++) {
                for (int v : source.neighbours(u)) {
                    if (v > u) {
                        b.append(first ? "" : ",").append("\n {\"source\": ").append(u).append(", \"target\": ").append(v)
                                .append(", \"connection\": \"normal\", \"latency\": [30, 5]}");
                        first = false;
                    }
                }
            }
            b.append("]}\n");
            out.write(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        TopologyFiles.read(file); // warm-up
        long start = System.nanoTime();
        Topology read = TopologyFiles.read(file);
        double ms = (System.nanoTime() - start) / 1e6;
        return String.format(Locale.ROOT, "read a CloudScope file of %,d nodes and %,d links (%.1f MB): %.0f ms",
                read.size(), read.linkCount(), Files.size(file) / 1e6, ms);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakSum() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
