package dev.clockscope.analysis;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.eventlog.MachineOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The start lines of a run's logs, each with the run's machines list: as logged, or, for start lines in the
 * original schema (no {@code machines}), the config order derived from every log's peers list
 * ({@link MachineOrder#ofRun}). Readers of those logs must then be given that order
 * ({@link EventLogReader#cluster}), so that every log's vectors have the same indices.
 */
final class StartLines {
    private StartLines() {
    }

    /** A log without a complete first line: empty, or (a torn last line is skipped) its start line cut short. */
    static AnalysisException noStartLine(Path file) throws IOException {
        long bytes = Files.size(file);
        return new AnalysisException(file + ":1: " + (bytes == 0 ? "empty log (no \"start\" line)"
                : "the start line is cut short (" + bytes + " bytes, no end of line): the machine stopped while writing it"));
    }

    /** Reads the start line of each file; adds a warning when the machines list was derived. */
    static Map<Path, Event.Start> inRunOrder(Path dir, List<Path> files, List<String> warnings) throws AnalysisException {
        Map<Path, Event.Start> starts = new HashMap<>();
        List<MachineOrder.View> views = new ArrayList<>();
        boolean derive = false;
        for (Path file : files) {
            try (EventLogReader reader = EventLogReader.open(file)) {
                Event event = reader.next();
                if (event == null) {
                    throw noStartLine(file);
                }
                Event.Start s = (Event.Start) event;
                starts.put(file, s);
                views.add(new MachineOrder.View(s.machine(), s.peers(), reader.machinesLogged() ? s.machines() : null));
                derive |= !reader.machinesLogged();
            } catch (EventLogFormatException e) {
                throw new AnalysisException(e.getMessage());
            } catch (IOException e) {
                throw new AnalysisException(file + ": cannot read: " + e.getMessage());
            }
        }
        if (!derive) {
            return starts;
        }
        MachineOrder.Derived order;
        try {
            order = MachineOrder.ofRun(views);
        } catch (IllegalArgumentException e) {
            throw RunInput.mixed(dir + ": start lines without \"machines\": " + e.getMessage());
        }
        warnings.add(dir + ": start lines without \"machines\": config order " + order.order()
                + " derived from the logs' peers lists" + (order.assumed().isEmpty() ? ""
                : " (no log fixes " + String.join(", ", order.assumed()) + ": natural id order assumed)"));
        Map<Path, Event.Start> out = new HashMap<>();
        for (Map.Entry<Path, Event.Start> e : starts.entrySet()) {
            out.put(e.getKey(), withMachines(e.getValue(), order.order()));
        }
        return out;
    }

    static Event.Start withMachines(Event.Start s, List<String> machines) {
        return s.withMachines(machines);
    }
}
