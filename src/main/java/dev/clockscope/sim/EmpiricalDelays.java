package dev.clockscope.sim;

import dev.clockscope.config.ConfigException;
import dev.clockscope.random.RandomSource;
import java.nio.file.Path;

/**
 * Link delays as a real run measured them: for every message of the run, the time from its send (the
 * sender's {@code send} line) to its arrival in the receiver's queue (the receive's {@code arrivedMicros}).
 * A simulated message draws one of those delays uniformly (all links pooled).
 */
public final class EmpiricalDelays implements LinkDelays {
    /** {@code --net-delay} and {@code --link-delay}: {@code empirical:RUN_DIR}. */
    static final String KEYWORD = "empirical:";

    private final long[] delaysNanos;
    private final Path source;

    private EmpiricalDelays(long[] delaysNanos, Path source) {
        this.delaysNanos = delaysNanos;
        this.source = source;
    }

    /** Reads the logs of the run in {@code runDir}; {@code what} names the option for errors. */
    public static EmpiricalDelays read(Path runDir, String what) throws ConfigException {
        if (runDir.toString().isEmpty()) {
            // Path.of("") is the working directory: a run the user did not name
            throw new ConfigException(what + ": \"empirical:\" names no run directory (empirical:RUN_DIR)");
        }
        long[] micros = RecordedRun.read(runDir, what).measuredDelaysMicros();
        if (micros.length == 0) {
            throw new ConfigException(what + ": \"" + runDir + "\" has no message with both its send and its receive"
                    + " in the logs");
        }
        long[] nanos = new long[micros.length];
        for (int k = 0; k < micros.length; k++) {
            nanos[k] = micros[k] * 1_000;
        }
        return new EmpiricalDelays(nanos, runDir);
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
