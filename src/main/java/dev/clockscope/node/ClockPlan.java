package dev.clockscope.node;

import dev.clockscope.time.ClockSkew;
import java.util.function.IntFunction;

/**
 * The clocks of a run's machines besides Lamport's and the vector: machine index -> how far off its physical
 * clock runs, and whether each keeps a hybrid logical clock, refusing messages whose HLC is more than
 * {@code hlcMaxOffsetMicros} ahead of its physical clock.
 */
public record ClockPlan(boolean hlc, long hlcMaxOffsetMicros, IntFunction<ClockSkew> skews) {
    /** The host's clock, no HLC: what machines kept before HLCs (and what tests compose by default). */
    public static final ClockPlan NONE = new ClockPlan(false, 0, i -> ClockSkew.NONE);

    public ClockPlan {
        if (hlc && hlcMaxOffsetMicros <= 0) {
            throw new IllegalArgumentException("an HLC needs a positive max offset, got " + hlcMaxOffsetMicros);
        }
    }
}
