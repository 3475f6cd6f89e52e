package dev.clockscope.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clockscope.config.ConfigException;
import dev.clockscope.config.DurationText;
import dev.clockscope.config.JsonErrors;
import dev.clockscope.config.Keywords;
import dev.clockscope.config.LinkSettings;
import dev.clockscope.config.LinkSettingsParser;
import dev.clockscope.config.RateRange;
import dev.clockscope.eventlog.Event;
import dev.clockscope.files.WholeFile;
import dev.clockscope.node.MachineIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vm simulate --replay RUN_DIR}: replays a recorded run into {@code <batch>/run-1} (full logs, the real
 * format), then compares it with the recording: event for event for a faithful replay, or, for a what-if,
 * where the two part and how many tick events carry other clocks.
 */
public final class ReplayBatch {
    /** How a replay compared with its recording. */
    public record Outcome(Path dir, ReplayComparison.Outcome comparison, Replay.Result result, String report) {
    }

    /** What a replay's run directory says of where it came from: see {@link #writeSource}. */
    static final String SOURCE_FILE = "replay.json";

    private final RecordedRun run;
    private final Replay.WhatIf whatIf;
    private String netDelay;
    private List<String> crashes = List.of();
    private List<String> pauses = List.of();

    public ReplayBatch(RecordedRun run, Replay.WhatIf whatIf) {
        this.run = run;
        this.whatIf = whatIf;
    }

    /**
     * The what-if the options ask for, or null for a faithful replay: an extra delay on every message
     * ({@code --net-delay}), crashes and pauses at times counted from the recording's first start line, and the
     * recording's heartbeat timeout (its config.json's or simulation.json's, else the default), which a long pause is
     * seen by.
     */
    public static Replay.WhatIf whatIf(RecordedRun run, String netDelay, List<String> crashes, List<String> pauses)
            throws ConfigException {
        if (netDelay == null && crashes.isEmpty() && pauses.isEmpty()) {
            return null;
        }
        if (Keywords.after(EmpiricalDelays.KEYWORD, netDelay) != null) {
            throw new ConfigException("--net-delay: \"" + netDelay + "\": a replay's links already delay messages as"
                    + " the recorded run's did; give the extra delay, e.g. 200ms or exp:50ms");
        }
        MachineIds ids = MachineIds.of(run.machines());
        // to the ms above, so that an error names it as 19967ms rather than 19966761us
        Duration length = Duration.ofMillis(Math.max(1, (run.endMicros() - run.originMicros() + 999) / 1_000));
        OutageSpecs.Windows outages = OutageSpecs.parse(crashes, pauses, ids, length);
        for (int k = 0; k < crashes.size(); k++) {
            refuseOutsideLives(run, "--crash", crashes.get(k), outages.crashes().get(k));
        }
        for (int k = 0; k < pauses.size(); k++) {
            refuseOutsideLives(run, "--pause", pauses.get(k), outages.pauses().get(k));
        }
        RunSettings settings = RunSettings.of(run.dir());
        JsonNode timeout = settings.json().get("heartbeatTimeout");
        return new Replay.WhatIf(netDelay == null ? null : LinkSettingsParser.delay(netDelay, "--net-delay"),
                outages.crashes(), outages.pauses(), timeout == null ? LinkSettings.DEFAULT_HEARTBEAT_TIMEOUT
                        : DurationText.parse(timeout.asText(), settings.file() + ": heartbeatTimeout"));
    }

    /**
     * A what-if crash or pause acts on a machine that runs: it must start within a recorded life (from its start line
     * to its last line) and, for a pause, outside the life's own stalls (the machine did not run then: a SIGSTOP, a
     * long GC). A crash's restart continues that life's recorded ticks, so it must come before the life's last line
     * (or never: {@code ID@FROM}); a pause may outlast a killed life (it is paused when it dies), but not into the
     * machine's next life, nor past its stop (a paused machine would log its stop in the pause; in {@code vm simulate}
     * every window ends within the run). A crash of a dead machine used to start a life of a few lines that never
     * ticked.
     */
    private static void refuseOutsideLives(RecordedRun run, String option, String spec, Outage window)
            throws ConfigException {
        String machine = run.machines().get(window.machine());
        boolean pause = option.equals("--pause");
        long from = run.originMicros() + window.fromNanos() / 1_000;
        long to = window.forGood() ? Long.MAX_VALUE : run.originMicros() + window.toNanos() / 1_000;
        List<RecordedRun.Life> lives = run.lives(machine);
        List<String> spans = new ArrayList<>();
        List<String> neverTicked = new ArrayList<>();
        for (int l = 0; l < lives.size(); l++) {
            List<Event> events = lives.get(l).events();
            long start = lives.get(l).start().wallMicros();
            long end = events.get(events.size() - 1).wallMicros();
            if (end == start) {
                // killed before it logged anything after its start (it waited for its peers): it ran no tick
                neverTicked.add(seconds(run, start));
            } else {
                spans.add(seconds(run, start) + ".." + seconds(run, end));
            }
            if (from < start || from >= end) {
                continue;
            }
            if (!pause && to != Long.MAX_VALUE && to >= end) {
                throw new ConfigException(option + ": \"" + spec + "\": " + machine + "'s life ends at "
                        + seconds(run, end) + " in the recording: a crash restarts it before that, or never (ID@FROM)");
            }
            if (pause && events.get(events.size() - 1) instanceof Event.Stop && to >= end) {
                throw new ConfigException(option + ": \"" + spec + "\": " + machine + " stops at "
                        + seconds(run, end) + " in the recording: a pause must end before");
            }
            if (pause && l + 1 < lives.size() && to >= lives.get(l + 1).start().wallMicros()) {
                throw new ConfigException(option + ": \"" + spec + "\": " + machine + " starts again at "
                        + seconds(run, lives.get(l + 1).start().wallMicros()) + " in the recording: a pause must end before");
            }
            for (int k = 1; pause && k < events.size(); k++) {
                if (events.get(k) instanceof Event.Stall) {
                    refuseOverlap(option, spec, run, machine, events, k, from, to, "its stall line");
                }
            }
            for (int k : pause ? RecordedSteps.silentPauseEnds(run, machine, l) : new int[0]) {
                refuseOverlap(option, spec, run, machine, events, k, from, to, "no stall line, but its lines show it");
            }
            return;
        }
        throw new ConfigException(option + ": \"" + spec + "\": " + machine + " runs " + String.join(" and ", spans)
                + " in the recording" + (neverTicked.isEmpty() ? "" : " (its life started at "
                + String.join(" and ", neverTicked) + " was killed before its first tick)")
                + ": a window must start within one of those");
    }

    /**
     * A what-if pause [from, to) must not overlap or touch the recorded one that ends at line {@code end}: one from the
     * stall's microsecond was taken over by the stall line, which resumes the machine, and did nothing.
     */
    private static void refuseOverlap(String option, String spec, RecordedRun run, String machine, List<Event> events,
                                      int end, long from, long to, String evidence) throws ConfigException {
        long stalledFrom = RecordedSteps.lastSeenRunningMicros(events, end);
        long stalledTo = events.get(end).wallMicros();
        if (from <= stalledTo && stalledFrom <= to) {
            throw new ConfigException(option + ": \"" + spec + "\": " + machine + " did not run from "
                    + seconds(run, stalledFrom) + " to " + seconds(run, stalledTo)
                    + " in the recording (" + evidence + "): a pause must not overlap or touch that");
        }
    }

    /** {@code micros} as seconds since the recording's first start line, e.g. "4.896s". */
    private static String seconds(RecordedRun run, long micros) {
        return String.format(Locale.ROOT, "%.3fs", (micros - run.originMicros()) / 1e6);
    }

    /**
     * The rate range the recorded machines drew from: {@code ticksPerSecond} of the run's settings
     * ({@link RunSettings}), else the default 1..6. The draw must consume the dice as the real one did.
     */
    public static RateRange rateRange(Path runDir) throws ConfigException {
        RunSettings settings = RunSettings.of(runDir);
        JsonNode tps = settings.json().get("ticksPerSecond");
        return tps == null ? new RateRange(1, 6) : RateRange.parse(tps.asText(), settings.file() + ": ticksPerSecond");
    }

    /**
     * What a run directory says of the settings its run had: its config.json ({@code vm cluster} writes it), else its
     * simulation.json ({@code vm simulate} writes it; the same names for the fields a replay reads), else its
     * replay.json (a replay's, with its recording's settings), else nothing
     * ({@code json} an empty object, {@code file} null).
     */
    private record RunSettings(Path file, JsonNode json) {
        static RunSettings of(Path runDir) throws ConfigException {
            for (String name : List.of("config.json", "simulation.json", SOURCE_FILE)) {
                Path file = runDir.resolve(name);
                if (Files.isRegularFile(file)) {
                    try {
                        return new RunSettings(file, new ObjectMapper().readTree(file.toFile()));
                    } catch (JsonProcessingException e) {
                        throw new ConfigException("--replay: " + file + ": " + JsonErrors.describe(e));
                    } catch (IOException e) {
                        throw new ConfigException("--replay: cannot read " + file + ": " + e.getMessage());
                    }
                }
            }
            return new RunSettings(null, new ObjectMapper().createObjectNode());
        }
    }

    public Outcome replay(Path runDir, RateRange range) throws IOException {
        Files.createDirectories(runDir);
        Replay.Result result = new Replay(run, runDir, range.min(), range.max(), whatIf).run();
        writeSource(runDir, range);
        ReplayComparison.Outcome comparison = ReplayComparison.compare(run, result);
        return new Outcome(runDir, comparison, result, whatIf == null ? faithful(comparison, result) : changed(result));
    }

    /**
     * The options that made this replay (a what-if's, as given), for the {@code replay.json} it writes (none by
     * default).
     */
    public ReplayBatch describedBy(String netDelay, List<String> crashes, List<String> pauses) {
        this.netDelay = netDelay;
        this.crashes = List.copyOf(crashes);
        this.pauses = List.copyOf(pauses);
        return this;
    }

    /**
     * Writes {@code <runDir>/replay.json}: which recording the replay is of, what a what-if changed, and the settings a
     * replay reads from a run directory (rates, heartbeat timeout), so that a replay of this replay reads the
     * recording's. (Not a copy of the recording's config.json or simulation.json: those would run the recording again.)
     */
    private void writeSource(Path runDir, RateRange range) throws IOException {
        ObjectMapper json = new ObjectMapper();
        var source = json.createObjectNode().put("recording", run.dir().toAbsolutePath().normalize().toString())
                .put("whatIf", whatIf != null);
        if (netDelay != null) {
            source.put("netDelay", netDelay);
        }
        crashes.forEach(source.putArray("crashes")::add);
        pauses.forEach(source.putArray("pauses")::add);
        source.put("ticksPerSecond", range.toString());
        try {
            JsonNode timeout = RunSettings.of(run.dir()).json().get("heartbeatTimeout");
            if (timeout != null) {
                source.put("heartbeatTimeout", timeout.asText());
            }
        } catch (ConfigException e) {
            // read once already by whatIf, which refused it in one line
        }
        WholeFile.writeString(runDir.resolve(SOURCE_FILE), json.writerWithDefaultPrettyPrinter().writeValueAsString(source)
                + "\n");
    }

    private static String faithful(ReplayComparison.Outcome c, Replay.Result r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "replay: %,d of %,d events identical (%.2f %%)", c.identical(), c.compared() + c.realOnly()
                        + c.replayOnly(), c.identicalPercent()));
        b.append(String.format(Locale.ROOT, "; tie rule: %,d times a message that had arrived waited for a later tick",
                r.heldInInbox()));
        if (r.missingAtTick() > 0) {
            b.append(String.format(Locale.ROOT, "; %,d ticks found fewer messages than the recording", r.missingAtTick()));
        }
        if (c.firstDivergence() != null) {
            b.append("\nfirst divergence: ").append(c.firstDivergence());
        }
        return b.toString();
    }

    /** "Lamport 23 -> 25", or the vector clocks when only they changed (a receive of another message, same max). */
    private static String clockChange(Event.TickEvent real, Event.TickEvent replayed) {
        if (real.lamport() != replayed.lamport()) {
            return "Lamport " + real.lamport() + " -> " + replayed.lamport();
        }
        return "vector clock " + real.vector() + " -> " + replayed.vector() + " (Lamport " + real.lamport() + " both)";
    }

    /**
     * What-if: the tick events whose clocks changed, matched by machine and time: a what-if keeps the recorded tick
     * times, and a crash adds a life (tick numbers start again), so lives and tick numbers do not pair them.
     */
    private String changed(Replay.Result r) {
        long ticks = 0;
        long changed = 0;
        long leftOut = 0;
        long replayedTicks = 0;
        String first = null;
        long firstAt = Long.MAX_VALUE;
        List<String> machines = run.machines();
        for (int i = 0; i < machines.size(); i++) {
            // by microsecond, in order: a machine that ran late catches up with several ticks in one microsecond
            Map<Long, ArrayDeque<Event.TickEvent>> replayedAt = new HashMap<>();
            for (List<Event> life : r.lives().get(i)) {
                for (Event e : life) {
                    if (e instanceof Event.TickEvent t) {
                        replayedAt.computeIfAbsent(t.wallMicros(), k -> new ArrayDeque<>()).add(t);
                        replayedTicks++;
                    }
                }
            }
            for (RecordedRun.Life life : run.lives(machines.get(i))) {
                for (Event e : life.events()) {
                    var sameMicrosecond = e instanceof Event.TickEvent a ? replayedAt.get(a.wallMicros()) : null;
                    Event.TickEvent b = sameMicrosecond == null ? null : sameMicrosecond.poll();
                    if (b == null) {
                        if (e instanceof Event.TickEvent) {
                            leftOut++; // the what-if's crash or pause left it out, or ran it at another time
                        }
                        continue;
                    }
                    Event.TickEvent a = (Event.TickEvent) e;
                    ticks++;
                    if (a.lamport() != b.lamport() || !java.util.Objects.equals(a.vector(), b.vector())) {
                        changed++;
                        if (a.wallMicros() < firstAt) {
                            firstAt = a.wallMicros();
                            first = String.format(Locale.ROOT, "%s tick %d at %.3f s: %s", machines.get(i),
                                    a.tick(), (a.wallMicros() - run.originMicros()) / 1e6, clockChange(a, b));
                        }
                    }
                }
            }
        }
        // a tick the what-if left out or added is not a changed one: say so, or "0 of M" would read as "nothing changed"
        long added = replayedTicks - ticks;
        return String.format(Locale.ROOT, "what-if: %,d of %,d tick events carry other clocks than in the recording",
                changed, ticks) + (leftOut + added == 0 ? "" : String.format(Locale.ROOT,
                " (%,d recorded tick events it left out, %,d at times the recording has none)", leftOut, added))
                + (first == null ? "" : "; the first: " + first)
                + String.format(Locale.ROOT, "; %,d messages without a recorded arrival (delays drawn from the run's)",
                        r.unrecorded());
    }
}
