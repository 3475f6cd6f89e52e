package dev.clockscope.analysis;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The second, short pass of the critical path: the pass itself kept only the chain's segments (line ranges
 * per machine), so listing every step means reading the logs of the machines on the chain once more, up to
 * the chain's last line on each. Done only for chains of at most {@link CriticalPath#MAX_STEPS} events: a
 * run's longest chain is at least as long as its busiest machine's log, so this bounds the reading too.
 */
final class CriticalPathSteps {
    private CriticalPathSteps() {
    }

    /** {@code path} with its steps listed, or as it is when it is too long. */
    static CriticalPath list(CriticalPath path, RunInput input) throws AnalysisException {
        if (path.events() == 0 || path.events() > CriticalPath.MAX_STEPS) {
            return path;
        }
        // segments of one machine come in log order (the chain's clocks increase), so one reader per machine
        Map<Integer, EventLogReader> readers = new HashMap<>();
        List<CriticalPath.Step> steps = new ArrayList<>();
        try {
            for (CriticalPath.Segment s : path.segments()) {
                EventLogReader r = readers.get(s.index());
                if (r == null) {
                    r = EventLogReader.open(input.logs().stream().filter(l -> l.index() == s.index()).findFirst()
                            .orElseThrow().file()).bufferBytes(EventLogReader.MIN_BUFFER_BYTES).cluster(input.machines());
                    readers.put(s.index(), r);
                }
                long found = 0;
                while (r.line() < s.lastLine()) {
                    Event e = r.next();
                    if (e == null) {
                        break;
                    }
                    if (e instanceof Event.TickEvent t && r.line() >= s.firstLine()) {
                        steps.add(new CriticalPath.Step(s.machine(), r.line(), t.kind(), t.lamport()));
                        found++;
                    }
                }
                if (found != s.events()) {
                    throw new AnalysisException(r.file() + ": changed while being analyzed: " + found
                            + " tick events in lines " + s.firstLine() + ".." + s.lastLine() + ", " + s.events()
                            + " before");
                }
            }
        } catch (EventLogFormatException e) {
            throw new AnalysisException(e.getMessage());
        } catch (IOException e) {
            throw new AnalysisException(input.dir() + ": cannot read again: " + e.getMessage());
        } finally {
            for (EventLogReader r : readers.values()) {
                try {
                    r.close();
                } catch (IOException e) {
                    // read-only
                }
            }
        }
        return new CriticalPath(path.events(), path.segments(), steps);
    }
}
