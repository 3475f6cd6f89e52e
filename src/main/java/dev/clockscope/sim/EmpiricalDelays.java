package dev.clockscope.sim;

import dev.clockscope.config.ConfigException;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.random.RandomSource;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Link delays as a real run measured them: for every message of the run, the time from its send (the
 * sender's {@code send} line) to its arrival in the receiver's queue (the receive's {@code arrivedMicros}).
 * A simulated message draws one of those delays uniformly (all links pooled).
 */
public final class EmpiricalDelays implements LinkDelays {
    private final long[] delaysNanos;
    private final Path source;

    private EmpiricalDelays(long[] delaysNanos, Path source) {
        this.delaysNanos = delaysNanos;
        this.source = source;
    }

    /** Reads the logs directly in {@code runDir}; {@code what} names the option for errors. */
    public static EmpiricalDelays read(Path runDir, String what) throws ConfigException {
        if (!Files.isDirectory(runDir)) {
            throw new ConfigException(what + ": \"" + runDir + "\" is not a run directory");
        }
        try {
            List<Path> logs = new ArrayList<>();
            try (DirectoryStream<Path> found = Files.newDirectoryStream(runDir, "*.log")) {
                found.forEach(logs::add);
            }
            logs.sort(null);
            // pass 1: when each message was sent; pass 2: when it arrived
            Map<String, Map<Long, Long>> sentMicros = new HashMap<>();
            for (Path log : logs) {
                try (EventLogReader reader = EventLogReader.open(log)) {
                    Map<Long, Long> sends = sentMicros.computeIfAbsent(reader.start().machine(), k -> new HashMap<>());
                    for (Event e = reader.next(); e != null; e = reader.next()) {
                        if (e instanceof Event.Send s) {
                            sends.put(s.seq(), s.wallMicros());
                        }
                    }
                }
            }
            long[] delays = new long[1024];
            int count = 0;
            for (Path log : logs) {
                try (EventLogReader reader = EventLogReader.open(log)) {
                    for (Event e = reader.next(); e != null; e = reader.next()) {
                        if (e instanceof Event.Receive r) {
                            Long sent = sentMicros.getOrDefault(r.from(), Map.of()).get(r.seq());
                            if (sent != null && r.arrivedMicros() >= sent) {
                                if (count == delays.length) {
                                    delays = Arrays.copyOf(delays, count * 2);
                                }
                                delays[count++] = (r.arrivedMicros() - sent) * 1_000;
                            }
                        }
                    }
                }
            }
            if (count == 0) {
                throw new ConfigException(what + ": \"" + runDir + "\" has no message with both its send and its"
                        + " receive in the logs");
            }
            long[] sorted = Arrays.copyOf(delays, count);
            Arrays.sort(sorted);
            return new EmpiricalDelays(sorted, runDir);
        } catch (IOException | EventLogFormatException e) {
            throw new ConfigException(what + ": cannot read " + runDir + ": " + e.getMessage());
        }
    }

    @Override
    public long sampleNanos(int from, int to, RandomSource random) {
        return delaysNanos[random.nextInt(delaysNanos.length)];
    }

    /** The measured delays, ascending. */
    public long[] delaysNanos() {
        return delaysNanos.clone();
    }

    public Path source() {
        return source;
    }
}
