package dev.clockscope.analysis;

import dev.clockscope.eventlog.Event;
import java.nio.file.Path;

/**
 * One machine's log file in a run directory, with its start line, the wall time of its last line, and how
 * many earlier logs of the machine lie in {@code previous/} (a machine restarted into this run leaves one).
 */
public record MachineLog(String machine, int index, Path file, Event.Start start, long lastWallMicros,
                         int previousLogs) {
}
