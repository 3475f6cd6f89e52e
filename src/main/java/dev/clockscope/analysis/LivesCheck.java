package dev.clockscope.analysis;

import dev.clockscope.eventlog.LogFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Clocks across lives ({@link Check#CLOCKS_ACROSS_LIVES}): a restarted machine resumes its clocks from its
 * earlier lives, so no two events of one machine id share a Lamport value or an own vector entry, and its
 * clocks never go back. Each life's own order is the clocks-increase check's (the current life) or was
 * checked when it was the current one; this compares the lives' boundaries, oldest first by incarnation:
 * a life's first tick event must be above every tick event of the lives before it (their last ones), in
 * Lamport clock and in own vector entry. A life whose start line has no {@code resumedFrom} was written
 * before machines resumed their clocks: its violations are warnings, not failures.
 * <p>
 * The earlier lives are the {@code previous/<id>-<stamp>.log} files that belong to this run: same machines
 * list, and still running when the run's earliest current log began (an older run's logs, moved aside when
 * the directory was reused, ended before it).
 */
final class LivesCheck {
    private LivesCheck() {
    }

    /** Checks every machine with earlier lives; returns those machines' lives, oldest first. */
    static List<MachineLife> check(RunInput input, CheckTracker checks, List<String> warnings) throws AnalysisException {
        List<MachineLife> all = new ArrayList<>();
        for (MachineLog log : input.logs()) {
            List<MachineLife> lives = new ArrayList<>();
            for (Path p : previousLogs(input.dir(), log.machine())) {
                try {
                    if (RunInput.lastWallMicros(p, 0) < input.startMicros()) {
                        continue; // ended before this run began: an older run's log
                    }
                    MachineLife life = LifeReader.read(p, input.machines());
                    if (life != null && life.machine().equals(log.machine())) {
                        lives.add(life);
                    }
                } catch (AnalysisException e) {
                    warnings.add(e.getMessage() + " (this earlier life is left out of the clocks-across-lives check)");
                }
            }
            if (lives.isEmpty()) {
                continue;
            }
            lives.add(LifeReader.read(log.file(), input.machines()));
            lives.sort(Comparator.comparingLong(MachineLife::incarnation));
            compare(lives, checks);
            all.addAll(lives);
        }
        return List.copyOf(all);
    }

    /** {@code lives}: one machine's, oldest first. */
    static void compare(List<MachineLife> lives, CheckTracker checks) {
        MachineLife highest = null;
        long maxLamport = -1;
        long maxOwn = -1;
        for (MachineLife life : lives) {
            if (!life.ticked()) {
                continue;
            }
            if (life.resumed() && (life.firstLamport() <= life.resumedLamport()
                    || life.firstOwnEntry() <= life.resumedOwnEntry())) {
                checks.fail(Check.CLOCKS_ACROSS_LIVES, life.file(), life.firstLine(), "first event at Lamport "
                        + life.firstLamport() + ", own entry " + life.firstOwnEntry() + ": not above where its start line"
                        + " says it resumed (Lamport " + life.resumedLamport() + ", own entry " + life.resumedOwnEntry() + ")");
            }
            if (highest != null && (life.firstLamport() <= maxLamport || life.firstOwnEntry() <= maxOwn)) {
                String detail = life.machine() + "'s life of incarnation " + life.incarnation() + " starts at Lamport "
                        + life.firstLamport() + ", own entry " + life.firstOwnEntry() + ", not above its earlier lives'"
                        + " Lamport " + maxLamport + ", own entry " + maxOwn + " (" + highest.file() + ")";
                if (life.resumed()) {
                    checks.fail(Check.CLOCKS_ACROSS_LIVES, life.file(), life.firstLine(), detail);
                } else {
                    checks.warn(Check.CLOCKS_ACROSS_LIVES, life.file(), life.firstLine(), detail
                            + "; its start line has no resumedFrom: a life from before clocks were resumed");
                }
            }
            if (life.lastLamport() > maxLamport || life.lastOwnEntry() > maxOwn) {
                highest = life;
            }
            maxLamport = Math.max(maxLamport, life.lastLamport());
            maxOwn = Math.max(maxOwn, life.lastOwnEntry());
        }
    }

    /** {@code previous/<machine>-<stamp>.log}: the stamp starts with a digit, so machine_1 does not take machine_10's. */
    static List<Path> previousLogs(Path dir, String machine) throws AnalysisException {
        Path previous = dir.resolve(LogFiles.PREVIOUS_DIR);
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(previous)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(previous, machine + "-*.log")) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && Character.isDigit(name.charAt(machine.length() + 1))) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new AnalysisException(previous + ": cannot list: " + e.getMessage());
        }
        out.sort(null);
        return out;
    }
}
