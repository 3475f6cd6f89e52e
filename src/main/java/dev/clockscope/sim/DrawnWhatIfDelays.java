package dev.clockscope.sim;

import dev.clockscope.config.NetworkFaults;
import dev.clockscope.faults.DelaySampler;

/**
 * The delays of a what-if replay: the extra delay drawn per message (counter-based, as the simulator's links),
 * and for a message the recorded run never sent, one of the run's measured delays. The draws depend on the
 * recording's seed, the link and the seq only.
 */
final class DrawnWhatIfDelays implements ReplayNetwork.WhatIfDelays {
    private final NetworkFaults.Delay extraDelay;
    private final long[] measured;
    private final LinkRandom random = new LinkRandom();
    private final long seed;
    private final int n;

    /** {@code extraDelay} null: no extra delay. */
    DrawnWhatIfDelays(RecordedRun run, NetworkFaults.Delay extraDelay) {
        this.extraDelay = extraDelay;
        this.measured = run.measuredDelaysMicros();
        this.seed = run.lives(run.machines().get(0)).isEmpty() ? 0 : run.lives(run.machines().get(0)).get(0).start().seed();
        this.n = run.machines().size();
    }

    @Override
    public long extraMicros(int from, int to, long seq) {
        if (extraDelay == null) {
            return 0;
        }
        random.start(seed ^ 0x77686174L, from * n + to, seq);
        return DelaySampler.sampleNanos(extraDelay, random) / 1_000;
    }

    @Override
    public long unrecordedMicros(int from, int to, long seq) {
        if (measured.length == 0) {
            return 200;
        }
        random.start(seed ^ 0x756E7265L, from * n + to, seq);
        return measured[random.nextInt(measured.length)];
    }
}
