package dev.clockscope.sim;

import dev.clockscope.analysis.AnalysisException;
import dev.clockscope.analysis.RunInput;
import dev.clockscope.config.ConfigException;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.eventlog.LogFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run of the real cluster as its logs tell it, for a replay: every machine's lives (the earlier ones from
 * {@code previous/}), each with its start line and all its events in order.
 */
public final class RecordedRun {
    /** One life of a machine: one log file. {@code events.get(k)} is line {@code k + 1} (the start line is line 1). */
    public record Life(String machine, Path file, Event.Start start, List<Event> events) {
        /** The line number of event {@code k}. */
        public long line(int k) {
            return k + 1;
        }
    }

    private final Path dir;
    private final List<String> machines;
    private final Map<String, List<Life>> lives;
    private final List<String> warnings;

    private RecordedRun(Path dir, List<String> machines, Map<String, List<Life>> lives, List<String> warnings) {
        this.dir = dir;
        this.machines = machines;
        this.lives = lives;
        this.warnings = warnings;
    }

    /** Reads {@code dir/*.log} and {@code dir/previous/*.log}; {@code what} names the option in errors. */
    public static RecordedRun read(Path dir, String what) throws ConfigException {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(what + ": \"" + dir + "\" is not a run directory");
        }
        if (hasLogs(dir)) {
            try {
                RunInput.open(dir); // the analyzer's checks that the logs are one run's: two of one machine, or disjoint
            } catch (AnalysisException e) {
                throw new ConfigException(what + ": " + e.getMessage());
            }
        }
        List<Path> files = new ArrayList<>();
        try {
            list(dir, files);
            Path previous = dir.resolve(LogFiles.PREVIOUS_DIR);
            if (Files.isDirectory(previous)) {
                list(previous, files);
            }
        } catch (IOException e) {
            throw new ConfigException(what + ": cannot list " + dir + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new ConfigException(what + ": \"" + dir + "\" holds no machine logs (*.log)");
        }
        Map<String, List<Life>> lives = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> machines = null;
        for (Path file : files) {
            List<Event> events = new ArrayList<>();
            List<Long> lineOf = new ArrayList<>(); // each event's line in the file, for the refusals below
            try (EventLogReader reader = EventLogReader.open(file)) {
                for (Event e = reader.next(); e != null; e = reader.next()) {
                    events.add(e);
                    lineOf.add(reader.line());
                }
                warnings.addAll(reader.warnings()); // a last line cut short is left out: say so
            } catch (IOException | EventLogFormatException e) {
                throw new ConfigException(what + ": cannot read " + file + ": " + e.getMessage());
            }
            if (events.isEmpty() || !(events.get(0) instanceof Event.Start start)) {
                throw new ConfigException(what + ": " + file + ":1: not a start line");
            }
            if (machines == null) {
                machines = start.machines();
            } else if (!machines.equals(start.machines())) {
                throw new ConfigException(what + ": " + file + ":1: machines " + start.machines() + " differ from "
                        + machines + ": not one run");
            }
            if (start.unthrottled()) {
                throw new ConfigException(what + ": " + file + ": an unthrottled run (--ticks-per-second max) cannot be"
                        + " replayed in virtual time");
            }
            // a replay rebuilds the assignment's world: every machine a peer of every other, one die
            if (start.peers().size() != start.machines().size() - 1 || start.die() < 2) {
                throw new ConfigException(what + ": " + file + ":1: " + start.machine() + " has " + start.peers().size()
                        + " of " + (start.machines().size() - 1) + " other machines as peers and a " + start.die()
                        + "-sided die: only runs over the complete topology with a die can be replayed");
            }
            String stranger = stranger(start, events, lineOf);
            if (stranger != null) {
                throw new ConfigException(what + ": " + file + ":" + stranger);
            }
            lives.computeIfAbsent(start.machine(), k -> new ArrayList<>()).add(new Life(start.machine(), file, start,
                    List.copyOf(events)));
        }
        for (List<Life> ls : lives.values()) {
            ls.sort(Comparator.comparingLong(l -> l.start().incarnation()));
        }
        for (String m : machines) {
            if (!lives.containsKey(m)) {
                throw new ConfigException(what + ": " + dir + " has no log of " + m + ", which the start lines name:"
                        + " a replay needs every machine's");
            }
            Life first = lives.get(m).get(0);
            if (first.start().resumedLamport() >= 0) {
                // its earlier lives' logs are in previous/: without them the replay starts the machine's clocks anew
                throw new ConfigException(what + ": " + first.file() + ":1: " + m + " resumed from Lamport "
                        + first.start().resumedLamport() + ", but no log of its earlier life is here (" + dir
                        .resolve(LogFiles.PREVIOUS_DIR) + "): a replay needs every life's");
            }
        }
        return new RecordedRun(dir, machines, lives, List.copyOf(warnings));
    }

    /**
     * The first line that names a machine its start line does not list as a peer ("LINE: …"), or null. A replay
     * links, sends and delivers between the machines it composed; a name from elsewhere (a hand-edited or mixed-up log)
     * has no machine to act on.
     */
    private static String stranger(Event.Start start, List<Event> events, List<Long> lineOf) {
        Set<String> peers = new HashSet<>(start.peers());
        for (String p : start.peers()) {
            if (p.equals(start.machine()) || !start.machines().contains(p)) {
                return lineOf.get(0) + ": peer \"" + p + "\" of " + start.machine() + " is not another machine of "
                        + start.machines();
            }
        }
        for (int k = 1; k < events.size(); k++) {
            List<String> named = named(events.get(k));
            for (String name : named) {
                if (!peers.contains(name)) {
                    return lineOf.get(k) + ": \"" + name + "\" is not a peer of " + start.machine() + " (its start line: "
                            + start.peers() + ")";
                }
            }
        }
        return null;
    }

    /** The machines a line names as its peers. */
    private static List<String> named(Event e) {
        if (e instanceof Event.Send s) {
            return s.to();
        } else if (e instanceof Event.Connected c) {
            return c.peers();
        }
        String one = e instanceof Event.Receive r ? r.from()
                : e instanceof Event.PeerUp u ? u.peer()
                : e instanceof Event.PeerDown d ? d.peer()
                : e instanceof Event.Undelivered u ? u.to()
                : e instanceof Event.Rejected r ? r.from()
                : e instanceof Event.Partition p ? p.peer()
                : e instanceof Event.Unprocessed u ? u.from()
                : null;
        return one == null ? List.of() : List.of(one);
    }

    /** What reading the logs left out, one line each (a last line cut short by a crash). */
    public List<String> warnings() {
        return warnings;
    }

    /** Whether {@code dir} itself holds a log (else only previous/ might, and the checks below say what is wrong). */
    private static boolean hasLogs(Path dir) throws ConfigException {
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "*.log")) {
            return logs.iterator().hasNext();
        } catch (IOException e) {
            throw new ConfigException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static void list(Path dir, List<Path> files) throws IOException {
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "*.log")) {
            for (Path p : logs) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
    }

    public Path dir() {
        return dir;
    }

    /** Every machine of the run, in config order (vector indices). */
    public List<String> machines() {
        return machines;
    }

    /** The lives of {@code machine}, oldest first (empty if it left no log). */
    public List<Life> lives(String machine) {
        return lives.getOrDefault(machine, List.of());
    }

    /**
     * The one-way delays the run measured, ascending, in µs: for every message with both its send line and its
     * receive line, the receive's {@code arrivedMicros} minus the send's time.
     */
    public long[] measuredDelaysMicros() {
        Map<String, Long> sent = new HashMap<>();
        for (List<Life> ls : lives.values()) {
            for (Life l : ls) {
                for (Event e : l.events()) {
                    if (e instanceof Event.Send s) {
                        sent.put(l.machine() + "\u0000" + l.start().incarnation() + "\u0000" + s.seq(), s.wallMicros());
                    }
                }
            }
        }
        long[] delays = new long[64];
        int count = 0;
        for (String m : machines) {
            for (Life l : lives(m)) {
                for (Event e : l.events()) {
                    if (e instanceof Event.Receive r) {
                        Long at = sent.get(r.from() + "\u0000" + r.fromIncarnation() + "\u0000" + r.seq());
                        if (at != null && r.arrivedMicros() >= at) {
                            if (count == delays.length) {
                                delays = java.util.Arrays.copyOf(delays, count * 2);
                            }
                            delays[count++] = r.arrivedMicros() - at;
                        }
                    }
                }
            }
        }
        long[] sorted = java.util.Arrays.copyOf(delays, count);
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    /** The latest event's wall time. */
    public long endMicros() {
        long end = Long.MIN_VALUE;
        for (List<Life> ls : lives.values()) {
            for (Life l : ls) {
                end = Math.max(end, l.events().get(l.events().size() - 1).wallMicros());
            }
        }
        return end;
    }

    /** The earliest start line's wall time: virtual time 0 of the replay. */
    public long originMicros() {
        long origin = Long.MAX_VALUE;
        for (List<Life> ls : lives.values()) {
            for (Life l : ls) {
                origin = Math.min(origin, l.start().wallMicros());
            }
        }
        return origin;
    }
}
