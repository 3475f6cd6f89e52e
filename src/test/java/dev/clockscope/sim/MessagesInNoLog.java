package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages of a run directory (its logs and {@code previous/}) that no line accounts for: sent, and then neither
 * received, named unprocessed by a stop, nor logged undelivered by their sender. Read from the logs alone, not by the
 * analyzer, so that a test of the replay does not check it with code it shares.
 */
final class MessagesInNoLog {
    private MessagesInNoLog() {
    }

    /**
     * Each message in no log ("machine_1 seq 6 to machine_3") whose sender's life logged a stop, or ran on for at least
     * {@code upAfterSendMicros} after sending it (a killed sender may take what it had in flight with it).
     */
    static List<String> of(Path run, long upAfterSendMicros) throws Exception {
        Map<String, Long> sent = new HashMap<>(); // sender#incarnation#seq#receiver -> sent at
        Map<String, Long> lifeEnd = new HashMap<>(); // sender#incarnation -> last line's time
        Set<String> accounted = new HashSet<>();
        Set<String> stopped = new HashSet<>(); // sender#incarnation of the lives that logged a stop
        for (Path log : logs(run)) {
            String me = null;
            long life = 0;
            for (Event e : SimRun.events(log)) {
                if (e instanceof Event.Start st) {
                    me = st.machine();
                    life = st.incarnation();
                } else if (e instanceof Event.Send s) {
                    for (String to : s.to()) {
                        sent.put(me + "#" + life + "#" + s.seq() + "#" + to, s.wallMicros());
                    }
                } else if (e instanceof Event.Undelivered u) {
                    accounted.add(me + "#" + life + "#" + u.seq() + "#" + u.to());
                } else if (e instanceof Event.Receive r) {
                    accounted.add(r.from() + "#" + r.fromIncarnation() + "#" + r.seq() + "#" + me);
                } else if (e instanceof Event.Rejected r) {
                    accounted.add(r.from() + "#" + r.fromIncarnation() + "#" + r.seq() + "#" + me);
                } else if (e instanceof Event.Unprocessed u) {
                    long[] ranges = u.seqRanges();
                    for (int k = 0; k < ranges.length; k += 2) {
                        for (long q = ranges[k]; q <= ranges[k + 1]; q++) {
                            accounted.add(u.from() + "#" + u.fromIncarnation() + "#" + q + "#" + me);
                        }
                    }
                } else if (e instanceof Event.Stop) {
                    stopped.add(me + "#" + life);
                }
                lifeEnd.put(me + "#" + life, e.wallMicros());
            }
        }
        List<String> inNoLog = new ArrayList<>();
        for (var m : sent.entrySet()) {
            String[] k = m.getKey().split("#");
            String senderLife = k[0] + "#" + k[1];
            if (!accounted.contains(m.getKey()) && (stopped.contains(senderLife)
                    || lifeEnd.get(senderLife) - m.getValue() >= upAfterSendMicros)) {
                inNoLog.add(k[0] + " seq " + k[2] + " to " + k[3]);
            }
        }
        inNoLog.sort(null);
        return inNoLog;
    }

    /** How many messages the run's logs show sent (each receiver counted). */
    static long sent(Path run) throws Exception {
        long count = 0;
        for (Path log : logs(run)) {
            for (Event e : SimRun.events(log)) {
                if (e instanceof Event.Send s) {
                    count += s.to().size();
                }
            }
        }
        return count;
    }

    /** Every life's log: the run's, and those of earlier lives in {@code previous/}. */
    private static List<Path> logs(Path run) throws Exception {
        List<Path> logs = new ArrayList<>();
        try (var files = Files.list(run)) {
            logs.addAll(files.filter(p -> p.toString().endsWith(".log")).toList());
        }
        if (Files.isDirectory(run.resolve("previous"))) {
            try (var files = Files.list(run.resolve("previous"))) {
                logs.addAll(files.toList());
            }
        }
        return logs;
    }
}
