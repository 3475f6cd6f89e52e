package dev.clockscope.analysis;

import dev.clockscope.eventlog.Event;
import java.nio.file.Path;

/** One machine's log file in a run directory, with its start line and the wall time of its last line. */
public record MachineLog(String machine, int index, Path file, Event.Start start, long lastWallMicros) {
}
