package dev.clockscope.cli;

import dev.clockscope.analysis.EventSink;
import dev.clockscope.analysis.MachineLog;
import dev.clockscope.analysis.RunResult;
import dev.clockscope.eventlog.Event;
import dev.clockscope.files.WriteFailed;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An output of {@code vm analyze} whose write failed (a full disk), named by what the user asked for: the staged
 * file's temporary name means nothing to them, and while the runs are read an unnamed I/O error reads as the input's.
 */
final class NamedOutput {
    /** Writes to an output; may fail with any {@link IOException}. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    private NamedOutput() {
    }

    static void write(Path target, Write write) throws WriteFailed {
        try {
            write.run();
        } catch (IOException e) {
            throw WriteFailed.of(target, e);
        }
    }

    /** {@code sink}, whose failures name {@code target}. */
    static EventSink sink(Path target, EventSink sink) {
        return new EventSink() {
            @Override
            public void event(MachineLog log, long line, Event event, long[] loggedVector, long delayMicros)
                    throws IOException {
                write(target, () -> sink.event(log, line, event, loggedVector, delayMicros));
            }

            @Override
            public void runFinished(RunResult result) throws IOException {
                write(target, () -> sink.runFinished(result));
            }
        };
    }
}
