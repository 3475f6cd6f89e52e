package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import dev.clockscope.eventlog.EventLogFile;
import dev.clockscope.node.MachineIds;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The sinks of a simulated run: every event goes to the run's {@link Fingerprint}, to an optional
 * in-process consumer (statistics, the live view), and, with full logs, to
 * {@code <runDir>/<id>.log} in the real cluster's format (a restarted machine's earlier life moves to
 * {@code previous/}, as in the real cluster).
 */
public final class RunSinks implements SimSinks {
    private final MachineIds ids;
    private final Path logDir;
    private final Fingerprint fingerprint;
    private final Consumer consumer;
    private final EventLogFile[] files;

    /**
     * @param logDir    where full logs go, or null for none
     * @param consumer  an in-process consumer of every machine's events, or null for none
     */
    public RunSinks(MachineIds ids, Path logDir, Fingerprint fingerprint, Consumer consumer) {
        this.ids = ids;
        this.logDir = logDir;
        this.fingerprint = fingerprint;
        this.consumer = consumer;
        this.files = logDir == null ? null : new EventLogFile[ids.size()];
    }

    /** Takes the events of every machine, each with its machine's index. */
    @FunctionalInterface
    public interface Consumer {
        void append(int machine, Event event);
    }

    @Override
    public EventLog open(int machine, int life) throws IOException {
        EventLogFile file = files == null ? null : (files[machine] = EventLogFile.open(logDir, ids.id(machine)));
        // this life's file: once it is closed, a line of this life is refused, never written into the next life's
        return event -> append(machine, file, event);
    }

    /**
     * By index (the caller, {@link AsyncSinks}, refuses an event of a life whose log was closed): nothing per machine
     * is read but, with full logs, its file.
     */
    @Override
    public void append(int machine, EventLog log, Event event) {
        append(machine, files == null ? null : files[machine], event);
    }

    private void append(int machine, EventLogFile file, Event event) {
        fingerprint.add(machine, event);
        if (file != null) {
            file.append(event);
        }
        if (consumer != null) {
            consumer.append(machine, event);
        }
    }

    @Override
    public void close(int machine) throws IOException {
        if (files != null && files[machine] != null) {
            EventLogFile file = files[machine];
            files[machine] = null; // closed even if its last write fails
            file.close();
        }
    }

    /**
     * Closes whatever is still open (a run that failed part-way): every log, each with what it could write, even after
     * one failed (a full disk); then the first failure is thrown.
     */
    public void closeAll() throws IOException {
        IOException first = null;
        if (files != null) {
            for (int i = 0; i < files.length; i++) {
                try {
                    close(i);
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
