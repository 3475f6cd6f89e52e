package dev.clockscope.eventlog;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where logs live, and moving an earlier run's log aside so that no log is ever overwritten. */
public final class LogFiles {
    public static final String PREVIOUS_DIR = "previous";
    private static final Pattern WALL_MICROS = Pattern.compile("\"wallMicros\"\\s*:\\s*(\\d+)");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private LogFiles() {
    }

    public static Path logFile(Path outputDir, String machineId) {
        return outputDir.resolve(machineId + ".log");
    }

    /**
     * If {@code outputDir/<id>.log} exists, moves it to {@code outputDir/previous/<id>-<its start time>.log}
     * (adding -2, -3... if that name is taken). Returns where it went, or null if there was nothing.
     */
    public static Path moveAsideExisting(Path outputDir, String machineId) throws IOException {
        Path current = logFile(outputDir, machineId);
        if (!Files.exists(current)) {
            return null;
        }
        Path previousDir = outputDir.resolve(PREVIOUS_DIR);
        Files.createDirectories(previousDir);
        String stamp = STAMP.format(startTime(current));
        Path target = previousDir.resolve(machineId + "-" + stamp + ".log");
        for (int n = 2; Files.exists(target); n++) {
            target = previousDir.resolve(machineId + "-" + stamp + "-" + n + ".log");
        }
        // a plain rename: never replaces an existing file
        Files.move(current, target);
        return target;
    }

    /** The start line's wall time, or the file's modification time if the first line has none. */
    private static Instant startTime(Path log) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first != null) {
                Matcher m = WALL_MICROS.matcher(first);
                if (m.find()) {
                    long micros = Long.parseLong(m.group(1));
                    return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
                }
            }
        } catch (IOException | NumberFormatException | java.io.UncheckedIOException e) {
            // unreadable or not UTF-8: fall back to the file time below
        }
        return Files.getLastModifiedTime(log).toInstant();
    }
}
