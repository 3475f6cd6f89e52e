package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import dev.clockscope.eventlog.EventLogFile;
import dev.clockscope.node.MachineIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * The sinks of a simulated run: every event goes to the run's {@link Fingerprint}, to an optional
 * in-process consumer per machine (statistics, the live view), and, with full logs, to
 * {@code <runDir>/<id>.log} in the real cluster's format (a restarted machine's earlier life moves to
 * {@code previous/}, as in the real cluster).
 */
public final class RunSinks implements SimSinks {
    private final MachineIds ids;
    private final Path logDir;
    private final Fingerprint fingerprint;
    private final IntFunction<EventLog> consumers;
    private final EventLogFile[] files;

    /**
     * @param logDir    where full logs go, or null for none
     * @param consumers machine index -> an in-process consumer of its events, or null for none
     */
    public RunSinks(MachineIds ids, Path logDir, Fingerprint fingerprint, IntFunction<EventLog> consumers) {
        this.ids = ids;
        this.logDir = logDir;
        this.fingerprint = fingerprint;
        this.consumers = consumers;
        this.files = logDir == null ? null : new EventLogFile[ids.size()];
    }

    @Override
    public EventLog open(int machine, int life) throws IOException {
        EventLogFile file = null;
        if (files != null) {
            file = files[machine] = EventLogFile.open(logDir, ids.id(machine));
        }
        return new Tee(machine, file, consumers == null ? null : consumers.apply(machine));
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

    private final class Tee implements EventLog {
        private final int machine;
        private final EventLogFile file;
        private final EventLog consumer;

        Tee(int machine, EventLogFile file, EventLog consumer) {
            this.machine = machine;
            this.file = file;
            this.consumer = consumer;
        }

        @Override
        public void append(Event event) {
            fingerprint.add(machine, event);
            if (file != null) {
                file.append(event);
            }
            if (consumer != null) {
                consumer.append(event);
            }
        }
    }
}
