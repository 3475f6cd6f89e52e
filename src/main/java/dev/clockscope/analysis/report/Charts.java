package dev.clockscope.analysis.report;

import dev.clockscope.analysis.MachineResult;
import dev.clockscope.analysis.RunResult;
import dev.clockscope.analysis.TimeSeries;
import dev.clockscope.analysis.report.svg.HistogramGrid;
import dev.clockscope.analysis.report.svg.SpaceTimeDiagram;
import dev.clockscope.analysis.report.svg.XyChart;
import java.util.ArrayList;
import java.util.List;

/** Builds the report's charts as standalone SVG text; shared by the HTML report and --svg-dir. */
public final class Charts {
    /** One chart: {@code id} is unique in a report and names its .svg file. */
    public record Chart(String id, String title, String svg) {
    }

    private Charts() {
    }

    /** The charts of one run; {@code prefix} keeps ids unique when several runs share a page. */
    public static List<Chart> forRun(RunResult run, String prefix) {
        List<Chart> out = new ArrayList<>();
        String suffix = " — " + run.name();
        XyChart lamport = new XyChart("Lamport clock vs wall time" + suffix, "wall time (s since the run started)",
                "Lamport clock");
        XyChart queue = new XyChart("Incoming queue length vs wall time (max per interval)" + suffix,
                "wall time (s since the run started)", "messages waiting");
        for (int i = 0; i < run.machines().size(); i++) {
            MachineResult m = run.machines().get(i);
            String name = m.machine() + " (" + m.ticksPerSecondConfigured() + "/s)";
            int color = run.machineIds().indexOf(m.machine());
            lamport.add(XyChart.Series.line(name, m.lamportSeries().x(), m.lamportSeries().y(), color));
            queue.add(XyChart.Series.line(name, m.queueSeries().x(), m.queueSeries().y(), color));
        }
        out.add(new Chart(prefix + "lamport", "Lamport clock vs wall time", lamport.render()));
        out.add(new Chart(prefix + "queue", "Queue length vs wall time", queue.render()));
        out.add(new Chart(prefix + "jumps", "Jump-size histogram per machine", jumps(run, suffix)));
        TimeSeries.Points spread = run.drift().spreadSeries();
        XyChart drift = new XyChart("Drift: spread between the machines' Lamport clocks (max − min)" + suffix,
                "wall time (s since the run started)", "clock spread");
        drift.add(XyChart.Series.line("spread (max per interval)", spread.x(), spread.y(), 2));
        out.add(new Chart(prefix + "drift", "Drift spread vs wall time", drift.render()));
        out.addAll(ClockReport.charts(run, prefix, suffix));
        String window = Format.num(run.window().fromSeconds(), 1) + "–" + Format.num(run.window().toSeconds(), 1) + " s";
        out.add(new Chart(prefix + "spacetime", "Space-time diagram (wall time)",
                new SpaceTimeDiagram(prefix + "st", "Space-time diagram, " + window + suffix, run.machineIds(),
                        run.window(), SpaceTimeDiagram.XAxis.WALL_TIME).chain(run.criticalPath()).render()));
        out.add(new Chart(prefix + "spacetime-lamport", "Space-time diagram (Lamport time)",
                new SpaceTimeDiagram(prefix + "stl", "Space-time diagram on Lamport time, " + window + suffix,
                        run.machineIds(), run.window(), SpaceTimeDiagram.XAxis.LAMPORT).chain(run.criticalPath()).render()));
        return out;
    }

    static String jumps(RunResult run, String suffix) {
        long p99 = 1;
        List<HistogramGrid.Panel> panels = new ArrayList<>();
        for (MachineResult m : run.machines()) {
            p99 = Math.max(p99, m.jumps().p99());
            panels.add(new HistogramGrid.Panel(m.machine() + " · " + m.ticksPerSecondConfigured() + "/s · mean "
                    + Format.num(m.jumps().mean(), 2), m.jumpCounts(), m.jumps().count(),
                    run.machineIds().indexOf(m.machine())));
        }
        int last = (int) Math.max(5, Math.min(40, p99));
        return new HistogramGrid("Jump sizes: clock step between consecutive events, % of a machine's steps" + suffix,
                "jump size (Lamport units)", panels, 1, last).render();
    }

    /** Overlaid figures comparing several runs. */
    public static List<Chart> comparison(List<RunResult> runs) {
        List<Chart> out = new ArrayList<>();
        XyChart drift = new XyChart("Drift spread vs wall time, all runs", "wall time (s since the run started)",
                "clock spread (max − min)");
        XyChart rate = new XyChart("Logical clock rate vs configured tick rate", "configured ticks per second (runs side by side)",
                "Lamport units per second");
        XyChart queue = new XyChart("Mean queue length vs configured tick rate", "configured ticks per second (runs side by side)",
                "mean messages waiting");
        XyChart jumps = new XyChart("Jump-size distribution, all machines of a run", "jump size (Lamport units)",
                "% of steps");
        int maxRate = 1;
        for (RunResult run : runs) {
            for (MachineResult m : run.machines()) {
                maxRate = Math.max(maxRate, m.ticksPerSecondConfigured());
            }
        }
        rate.xRange(0.5, maxRate + 0.5);
        queue.xRange(0.5, maxRate + 0.5);
        for (int r = 0; r < runs.size(); r++) {
            RunResult run = runs.get(r);
            // runs side by side around each rate, so equal points do not hide each other
            double offset = runs.size() == 1 ? 0 : (r - (runs.size() - 1) / 2.0) * Math.min(0.08, 0.6 / runs.size());
            drift.add(XyChart.Series.line(run.name(), run.drift().spreadSeries().x(), run.drift().spreadSeries().y(), r));
            int n = run.machines().size();
            double[] tps = new double[n];
            double[] clock = new double[n];
            double[] q = new double[n];
            for (int i = 0; i < n; i++) {
                MachineResult m = run.machines().get(i);
                tps[i] = m.ticksPerSecondConfigured() + offset;
                clock[i] = m.clockRatePerSecond();
                q[i] = m.queue().meanLength();
            }
            rate.add(XyChart.Series.dots(run.name(), tps, clock, r));
            queue.add(XyChart.Series.dots(run.name(), tps, q, r));
            jumps.add(pooledJumps(run, r));
        }
        out.add(new Chart("compare-drift", "Drift spread, all runs", drift.render()));
        out.add(new Chart("compare-clock-rate", "Clock rate vs tick rate", rate.render()));
        out.add(new Chart("compare-queue", "Queue vs tick rate", queue.render()));
        out.add(new Chart("compare-jumps", "Jump distributions", jumps.render()));
        return out;
    }

    private static XyChart.Series pooledJumps(RunResult run, int color) {
        int last = 20;
        double[] x = new double[last];
        double[] y = new double[last];
        long total = 0;
        for (MachineResult m : run.machines()) {
            total += m.jumps().count();
        }
        for (int v = 1; v <= last; v++) {
            long c = 0;
            for (MachineResult m : run.machines()) {
                c += v < m.jumpCounts().length ? m.jumpCounts()[v] : 0;
            }
            x[v - 1] = v;
            y[v - 1] = total == 0 ? 0 : 100.0 * c / total;
        }
        return new XyChart.Series(run.name(), x, y, dev.clockscope.analysis.report.svg.Palette.color(color), "", true, true);
    }
}
