package dev.clockscope.analysis;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.eventlog.LogFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run directory: the {@code *.log} files directly in it (never {@code previous/}), their start lines
 * and the time span they cover. Refuses directories that do not hold exactly one run.
 */
public final class RunInput {
    private static final Pattern WALL_MICROS = Pattern.compile("\"wallMicros\"\\s*:\\s*(\\d+)");
    private static final int TAIL_BYTES = 1 << 16;
    /** Logs further apart in time than this (one ends, then the other starts) are two runs. */
    static final long DISJOINT_SLACK_MICROS = 5_000_000;

    private final Path dir;
    private final List<String> machines;
    private final List<MachineLog> logs;
    private final List<String> warnings;

    private RunInput(Path dir, List<String> machines, List<MachineLog> logs, List<String> warnings) {
        this.dir = dir;
        this.machines = machines;
        this.logs = logs;
        this.warnings = warnings;
    }

    private static final Pattern RUN_DIR = Pattern.compile("run-(\\d{1,9})");

    /** The run directory in a batch of {@code vm simulate --replay}: the replay's or the what-if's. */
    private static final List<String> REPLAY_DIRS = List.of("replay", "what-if");

    /**
     * The run directories {@code dir} stands for: itself, or, for a batch of {@code vm cluster} or {@code vm simulate}
     * (no logs of its own, {@code run-1}, {@code run-2}, ... in it), its runs in order, or for a batch of a replay
     * its {@code replay} or {@code what-if} directory.
     */
    public static List<Path> runsIn(Path dir) throws AnalysisException {
        if (!Files.isDirectory(dir)) {
            return List.of(dir); // open() says what is wrong with it
        }
        List<Path> runs = new ArrayList<>();
        List<Path> replays = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p)) {
                    return List.of(dir);
                }
                if (RUN_DIR.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)) {
                    runs.add(p);
                } else if (REPLAY_DIRS.contains(p.getFileName().toString()) && Files.isDirectory(p)) {
                    replays.add(p);
                }
            }
        } catch (IOException e) {
            throw new AnalysisException(dir + ": cannot list: " + e.getMessage());
        }
        if (runs.isEmpty()) {
            return replays.size() == 1 ? replays : List.of(dir);
        }
        runs.sort(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))));
        return runs;
    }

    /** Reads the start line of every log in {@code dir} and checks they belong to one run. */
    public static RunInput open(Path dir) throws AnalysisException {
        if (!Files.isDirectory(dir)) {
            throw new AnalysisException(dir + ": no such directory");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.log")) {
            for (Path p : entries) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new AnalysisException(dir + ": cannot list: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new AnalysisException(dir + ": no machine logs (*.log) here"
                    + (Files.isDirectory(dir.resolve(LogFiles.PREVIOUS_DIR)) ? " (older runs in previous/ are not analyzed)" : ""));
        }
        files.sort(Comparator.naturalOrder());
        Map<Path, Event.Start> starts = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        Map<Path, Event.Start> read = StartLines.inRunOrder(dir, files, warnings);
        Event.Start first = null;
        Path firstFile = null;
        Map<String, Path> byMachine = new HashMap<>();
        for (Path file : files) {
            Event.Start start = read.get(file);
            if (first == null) {
                first = start;
                firstFile = file;
            } else if (!start.machines().equals(first.machines())) {
                throw mixed(file + ":1: lists machines " + start.machines() + " but " + firstFile + ":1 lists "
                        + first.machines());
            } else if (start.die() != first.die()) {
                throw mixed(file + ":1: die " + start.die() + " but " + firstFile + ":1: die " + first.die());
            }
            if (!start.machines().contains(start.machine())) {
                throw new AnalysisException(file + ":1: machine \"" + start.machine()
                        + "\" is not in its own machines list " + start.machines());
            }
            Path other = byMachine.putIfAbsent(start.machine(), file);
            if (other != null) {
                throw mixed(file + ":1 and " + other + ":1 are both logs of " + start.machine());
            }
            starts.put(file, start);
        }
        List<String> machines = first.machines();
        List<MachineLog> logs = new ArrayList<>();
        for (Path file : files) {
            Event.Start start = starts.get(file);
            long last = lastWallMicros(file, start.wallMicros());
            logs.add(new MachineLog(start.machine(), machines.indexOf(start.machine()), file, start, last,
                    previousLogs(dir, start.machine())));
        }
        logs.sort(Comparator.comparingInt(MachineLog::index));
        Map<MachineLog, Long> firstLifeStarts = new HashMap<>();
        for (MachineLog b : logs) {
            firstLifeStarts.put(b, b.previousLogs() == 0 ? b.start().wallMicros() : firstLifeStartMicros(dir, b.start()));
        }
        for (MachineLog a : logs) {
            for (MachineLog b : logs) {
                // slack: a machine that died right after starting may end just before a slower one starts; a
                // restarted machine's run began with its first life (a peer killed for good may end long before
                // the latest life starts)
                if (a.lastWallMicros() + DISJOINT_SLACK_MICROS < firstLifeStarts.get(b)) {
                    throw mixed(a.file() + " ends before " + b.file() + " starts: they do not overlap in time");
                }
            }
        }
        return new RunInput(dir, machines, List.copyOf(logs), List.copyOf(warnings));
    }

    /** Logs of {@code machine} moved aside into previous/ ({@code <id>-<start stamp>.log}). */
    private static int previousLogs(Path dir, String machine) {
        return previousLogFiles(dir, machine).size();
    }

    /** {@code machine}'s earlier lives' logs in previous/ (none if it cannot be read: they only widen a check). */
    private static List<Path> previousLogFiles(Path dir, String machine) {
        Path previous = dir.resolve(LogFiles.PREVIOUS_DIR);
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(previous)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(previous, "*.log")) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                // the stamp starts with a digit, so machine_1 does not count machine_10's logs
                if (name.startsWith(machine + "-") && name.length() > machine.length() + 1
                        && Character.isDigit(name.charAt(machine.length() + 1))) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return files;
    }

    /**
     * When {@code current}'s machine began this run: the earliest start among its logs in previous/ that belong to
     * the same run (the same seed, started no later), else {@code current}'s own start.
     */
    private static long firstLifeStartMicros(Path dir, Event.Start current) {
        long earliest = current.wallMicros();
        for (Path p : previousLogFiles(dir, current.machine())) {
            try (EventLogReader reader = EventLogReader.open(p)) {
                if (reader.next() instanceof Event.Start s && s.seed() == current.seed()
                        && s.wallMicros() <= current.wallMicros()) {
                    earliest = Math.min(earliest, s.wallMicros());
                }
            } catch (IOException | EventLogFormatException e) {
                // an unreadable earlier log widens nothing: the check stays as strict as without it
            }
        }
        return earliest;
    }

    static AnalysisException mixed(String detail) {
        return new AnalysisException(detail + " (two runs mixed in one directory?)");
    }

    /** Wall time of the last line that has one, from the file's tail only (cheap for huge logs). */
    static long lastWallMicros(Path file, long fallback) throws AnalysisException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int n = (int) Math.min(length, TAIL_BYTES);
            byte[] tail = new byte[n];
            raf.seek(length - n);
            raf.readFully(tail);
            Matcher m = WALL_MICROS.matcher(new String(tail, StandardCharsets.UTF_8));
            long last = fallback;
            while (m.find()) {
                try {
                    last = Math.max(last, Long.parseLong(m.group(1)));
                } catch (NumberFormatException e) {
                    // a garbled number: the reader will name the line
                }
            }
            return last;
        } catch (IOException e) {
            throw new AnalysisException(file + ": cannot read: " + e.getMessage());
        }
    }

    public Path dir() {
        return dir;
    }

    /** Every machine id of the run in config order (vector indices), including machines without a log. */
    public List<String> machines() {
        return machines;
    }

    /** The logs present, in config order. */
    public List<MachineLog> logs() {
        return logs;
    }

    public long startMicros() {
        return logs.stream().mapToLong(l -> l.start().wallMicros()).min().orElseThrow();
    }

    public long endMicros() {
        return logs.stream().mapToLong(MachineLog::lastWallMicros).max().orElseThrow();
    }

    /** What the start lines left open, e.g. a machines list derived from peers lists. */
    public List<String> warnings() {
        return warnings;
    }

    /** Display name: the directory's name. */
    public String name() {
        Path f = dir.toAbsolutePath().normalize().getFileName();
        return f == null ? dir.toString() : f.toString();
    }
}
