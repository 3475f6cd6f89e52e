package dev.clockscope.analysis.report;

import dev.clockscope.analysis.CheckResult;
import dev.clockscope.analysis.MachineResult;
import dev.clockscope.analysis.MessageResult;
import dev.clockscope.analysis.RunResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The compact terminal summary: one table per run, then a comparison table when there are several. */
public final class TextSummary {
    private TextSummary() {
    }

    public static void print(List<RunResult> runs, PrintWriter out) {
        for (RunResult run : runs) {
            printRun(run, out);
        }
        if (runs.size() > 1) {
            printComparison(runs, out);
        }
        out.flush();
    }

    static void printRun(RunResult run, PrintWriter out) {
        out.printf("%s  (%s: %d machines, %s s, %s lines)%n", run.name(), run.dir(), run.machines().size(),
                Format.num(run.durationSeconds(), 1), Format.count(run.lines()));
        Table t = new Table("machine", "ticks/s set", "got", "ticks", "send", "recv", "internal", "final L",
                "L/s", "vs fastest", "jump mean", "p95", "max", "recv-jump mean", "queue mean", "max", "non-empty",
                "lost to");
        for (MachineResult m : run.machines()) {
            t.row(m.machine(), String.valueOf(m.ticksPerSecondConfigured()), Format.num(m.ticksPerSecondAchieved(), 2),
                    Format.count(m.ticks()), Format.count(m.sends()), Format.count(m.receives()),
                    Format.count(m.internals()), Format.count(m.finalLamport()), Format.num(m.clockRatePerSecond(), 2),
                    Format.percent(m.clockRateVsFastest()), Format.num(m.jumps().mean(), 2),
                    String.valueOf(m.jumps().p95()), String.valueOf(m.jumps().max()),
                    Format.num(m.receiveJumps().mean(), 2), Format.num(m.queue().meanLength(), 2),
                    String.valueOf(m.queue().maxLength()), Format.percent(m.queue().nonEmptyFraction()),
                    Format.count(m.lostTo()));
        }
        t.print(out);
        MessageResult msg = run.messages();
        out.printf("drift: spread between clocks max %s (at %s s), mean %s%n", Format.count(run.drift().maxSpread()),
                Format.num(run.drift().maxSpreadAtSeconds(), 1), Format.num(run.drift().meanSpread(), 2));
        out.printf("messages: %s sent in %s send events, %s received, %s lost, %s unreceived at end, %s undelivered"
                        + "%s; delay p50 %s, p99 %s, max %s%n", Format.count(msg.messages()), Format.count(msg.sendEvents()),
                Format.count(msg.received()), Format.count(msg.lost()), Format.count(msg.unreceivedAtEnd()),
                Format.count(msg.undelivered()), lifeNote(msg), Format.micros(msg.delayMicros().p50()),
                Format.micros(msg.delayMicros().p99()), Format.micros(msg.delayMicros().max()));
        OutcomeSection.text(msg.outcomes(), out);
        ChainSection.text(run.criticalPath(), out);
        out.printf("concurrency: %s of %s cross-machine event pairs are concurrent (%s)%n",
                Format.count(run.concurrency().concurrentPairs()), Format.count(run.concurrency().crossMachinePairs()),
                Format.percent(run.concurrency().concurrentFraction()));
        for (MachineResult m : run.machines()) {
            long peerDown = m.lifecycle().stream().filter(l -> l.kind().equals("peer_down")).count();
            if (peerDown > 0 || m.stalledTicks() > 0 || !m.stopReason().equals("duration") || m.previousLogs() > 0) {
                out.printf("lifecycle: %s: %d peer_down, %d ticks stalled, stop: %s%s%n", m.machine(), peerDown,
                        m.stalledTicks(), m.stopReason().isEmpty() ? "none (log ends without a stop line)" : m.stopReason(),
                        m.previousLogs() == 0 ? "" : "; restarted: " + m.previousLogs() + " earlier log(s) in previous/, "
                                + "this life began " + Format.num((m.incarnation() - run.startMicros()) / 1e6, 1)
                                + " s into the run");
            }
        }
        ClockReport.printText(run, out);
        for (CheckResult c : run.checks()) {
            out.printf("%s %s%s%n", !c.passed() ? "FAIL" : c.warnings() > 0 ? "WARN" : "PASS", c.check().title(),
                    !c.passed() ? " (" + Format.count(c.violations()) + "x; first: " + c.firstViolation() + ")"
                            : c.warnings() > 0 ? " (passes; " + Format.count(c.warnings()) + " warning(s); first: "
                            + c.firstWarning() + ")" : "");
        }
        for (String w : run.warnings()) {
            out.println("warning: " + w);
        }
        out.println();
    }

    private static String lifeNote(MessageResult msg) {
        List<String> notes = new ArrayList<>();
        if (msg.toEarlierLifeOfReceiver() > 0) {
            notes.add(Format.count(msg.toEarlierLifeOfReceiver()) + " to an earlier life of the receiver");
        }
        if (msg.fromEarlierLifeOfSender() > 0) {
            notes.add(Format.count(msg.fromEarlierLifeOfSender()) + " received from an earlier life of the sender");
        }
        if (msg.toMachineWithoutLog() + msg.fromMachineWithoutLog() > 0) {
            notes.add(Format.count(msg.toMachineWithoutLog() + msg.fromMachineWithoutLog()) + " to/from machines without a log");
        }
        return notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")";
    }

    static void printComparison(List<RunResult> runs, PrintWriter out) {
        out.println("comparison");
        Table t = new Table("run", "machines", "ticks/s", "seconds", "events", "max spread", "mean spread",
                "jump mean", "queue max", "lost", "delay p50", "p99", "concurrent", "checks");
        for (RunResult r : runs) {
            t.row(r.name(), String.valueOf(r.machines().size()), Compare.rates(r), Format.num(r.durationSeconds(), 1),
                    Format.count(Compare.events(r)), Format.count(r.drift().maxSpread()),
                    Format.num(r.drift().meanSpread(), 1), Format.num(Compare.meanJump(r), 2),
                    String.valueOf(Compare.maxQueue(r)), Format.count(r.messages().lost()),
                    Format.micros(r.messages().delayMicros().p50()), Format.micros(r.messages().delayMicros().p99()),
                    Format.percent(r.concurrency().concurrentFraction()), r.passed() ? "pass" : "FAIL");
        }
        t.print(out);
    }

    /** A left-aligned first column, right-aligned numbers. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void print(PrintWriter out) {
            int cols = rows.get(0).length;
            int[] width = new int[cols];
            for (String[] r : rows) {
                for (int i = 0; i < cols; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < cols; i++) {
                    if (i > 0) {
                        b.append("  ");
                    }
                    String pad = " ".repeat(width[i] - r[i].length());
                    b.append(i == 0 ? r[i] + pad : pad + r[i]);
                }
                out.println(b.toString().stripTrailing());
            }
        }
    }
}
