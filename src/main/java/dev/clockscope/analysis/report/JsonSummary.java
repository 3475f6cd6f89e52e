package dev.clockscope.analysis.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.clockscope.analysis.CheckResult;
import dev.clockscope.analysis.Distribution;
import dev.clockscope.analysis.LifecycleEvent;
import dev.clockscope.analysis.MachineResult;
import dev.clockscope.analysis.MessageResult;
import dev.clockscope.analysis.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --json FILE}: the whole summary of every run. Field names are a public contract documented in
 * docs/ANALYZER.md ("schema": 1); fields may be added, never renamed or given a new meaning.
 */
public final class JsonSummary {
    public static final int SCHEMA = 1;

    private JsonSummary() {
    }

    public static void write(List<RunResult> runs, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schema", SCHEMA);
            g.writeBooleanField("passed", runs.stream().allMatch(RunResult::passed));
            g.writeArrayFieldStart("runs");
            for (RunResult r : runs) {
                writeRun(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeRun(JsonGenerator g, RunResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        g.writeStringField("dir", r.dir().toString());
        g.writeBooleanField("passed", r.passed());
        g.writeArrayFieldStart("machineIds");
        for (String id : r.machineIds()) {
            g.writeString(id);
        }
        g.writeEndArray();
        g.writeNumberField("die", r.die());
        g.writeNumberField("startMicros", r.startMicros());
        g.writeNumberField("firstTickMicros", r.firstTickMicros());
        g.writeNumberField("endMicros", r.endMicros());
        g.writeNumberField("durationSeconds", r.durationSeconds());
        g.writeNumberField("lines", r.lines());
        g.writeArrayFieldStart("machines");
        for (MachineResult m : r.machines()) {
            writeMachine(g, m);
        }
        g.writeEndArray();
        writeMessages(g, r.messages());
        g.writeObjectFieldStart("drift");
        g.writeNumberField("maxSpread", r.drift().maxSpread());
        g.writeNumberField("maxSpreadAtSeconds", r.drift().maxSpreadAtSeconds());
        g.writeNumberField("meanSpread", r.drift().meanSpread());
        g.writeNumberField("observedSeconds", r.drift().observedSeconds());
        g.writeEndObject();
        g.writeObjectFieldStart("concurrency");
        g.writeNumberField("crossMachinePairs", r.concurrency().crossMachinePairs());
        g.writeNumberField("concurrentPairs", r.concurrency().concurrentPairs());
        g.writeNumberField("concurrentFraction", r.concurrency().concurrentFraction());
        g.writeEndObject();
        ClockReport.json(g, r.clocks());
        g.writeArrayFieldStart("checks");
        for (CheckResult c : r.checks()) {
            g.writeStartObject();
            g.writeStringField("id", c.check().id());
            g.writeStringField("title", c.check().title());
            g.writeBooleanField("passed", c.passed());
            g.writeNumberField("violations", c.violations());
            g.writeStringField("firstViolation", c.firstViolation());
            g.writeNumberField("warnings", c.warnings());
            g.writeStringField("firstWarning", c.firstWarning());
            g.writeEndObject();
        }
        g.writeEndArray();
        ChainSection.json(g, r.criticalPath());
        LivesSection.json(g, r.lives());
        g.writeArrayFieldStart("warnings");
        for (String w : r.warnings()) {
            g.writeString(w);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeMachine(JsonGenerator g, MachineResult m) throws IOException {
        g.writeStartObject();
        g.writeStringField("machine", m.machine());
        g.writeStringField("file", m.file().toString());
        g.writeNumberField("incarnation", m.incarnation());
        g.writeNumberField("seed", m.seed());
        g.writeNumberField("ticksPerSecondConfigured", m.ticksPerSecondConfigured());
        g.writeNumberField("ticksPerSecondAchieved", m.ticksPerSecondAchieved());
        g.writeNumberField("ticks", m.ticks());
        g.writeObjectFieldStart("events");
        g.writeNumberField("send", m.sends());
        g.writeNumberField("receive", m.receives());
        g.writeNumberField("internal", m.internals());
        g.writeNumberField("lifecycle", m.lifecycleLines());
        g.writeEndObject();
        g.writeNumberField("finalLamport", m.finalLamport());
        g.writeNumberField("tickingSeconds", m.tickingSeconds());
        g.writeNumberField("clockRatePerSecond", m.clockRatePerSecond());
        g.writeNumberField("clockRateVsFastest", m.clockRateVsFastest());
        writeDistribution(g, "jumps", m.jumps());
        writeDistribution(g, "receiveJumps", m.receiveJumps());
        g.writeArrayFieldStart("jumpCounts");
        for (long c : m.jumpCounts()) {
            g.writeNumber(c);
        }
        g.writeEndArray();
        g.writeNumberField("jumpsOver255", m.jumpsOver255());
        g.writeObjectFieldStart("queue");
        g.writeNumberField("meanLength", m.queue().meanLength());
        g.writeNumberField("maxLength", m.queue().maxLength());
        g.writeNumberField("nonEmptySeconds", m.queue().nonEmptySeconds());
        g.writeNumberField("nonEmptyFraction", m.queue().nonEmptyFraction());
        g.writeEndObject();
        g.writeObjectFieldStart("messages");
        g.writeNumberField("sent", m.messagesSent());
        g.writeNumberField("received", m.messagesReceived());
        g.writeNumberField("undelivered", m.undelivered());
        g.writeNumberField("lostTo", m.lostTo());
        g.writeEndObject();
        writeDistribution(g, "delayMicrosTo", m.delayMicrosTo());
        g.writeStringField("stopReason", m.stopReason());
        g.writeNumberField("stalledTicks", m.stalledTicks());
        g.writeArrayFieldStart("lifecycle");
        for (LifecycleEvent l : m.lifecycle()) {
            g.writeStartObject();
            g.writeNumberField("wallMicros", l.wallMicros());
            g.writeNumberField("line", l.line());
            g.writeStringField("kind", l.kind());
            g.writeStringField("detail", l.detail());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeMessages(JsonGenerator g, MessageResult m) throws IOException {
        g.writeObjectFieldStart("messages");
        g.writeNumberField("sendEvents", m.sendEvents());
        g.writeNumberField("messages", m.messages());
        g.writeNumberField("received", m.received());
        g.writeNumberField("undelivered", m.undelivered());
        g.writeNumberField("lost", m.lost());
        g.writeNumberField("unreceivedAtEnd", m.unreceivedAtEnd());
        g.writeNumberField("toEarlierLifeOfReceiver", m.toEarlierLifeOfReceiver());
        g.writeNumberField("fromEarlierLifeOfSender", m.fromEarlierLifeOfSender());
        g.writeNumberField("toMachineWithoutLog", m.toMachineWithoutLog());
        g.writeNumberField("fromMachineWithoutLog", m.fromMachineWithoutLog());
        g.writeStringField("firstLost", m.firstLost());
        writeDistribution(g, "delayMicros", m.delayMicros());
        OutcomeSection.json(g, m.outcomes());
        g.writeEndObject();
    }

    static void writeDistribution(JsonGenerator g, String name, Distribution d) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("count", d.count());
        g.writeNumberField("min", d.min());
        g.writeNumberField("mean", d.mean());
        g.writeNumberField("p50", d.p50());
        g.writeNumberField("p95", d.p95());
        g.writeNumberField("p99", d.p99());
        g.writeNumberField("max", d.max());
        g.writeEndObject();
    }
}
