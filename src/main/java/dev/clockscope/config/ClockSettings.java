package dev.clockscope.config;

import dev.clockscope.time.ClockSkew;
import java.time.Duration;
import java.util.List;

/**
 * The clocks a run keeps besides Lamport's and the vector (config.json "clocks", "hlcMaxOffset", "clockSkew",
 * "clockDrift"; the CLI's --clocks, --hlc-max-offset, --clock-skew, --clock-drift): whether each machine keeps
 * a hybrid logical clock, how far ahead a message's HLC may be before it is refused, and how far off each
 * machine's physical clock runs.
 */
public record ClockSettings(boolean hlc, Duration hlcMaxOffset, ClockErrorSpec skew, ClockErrorSpec drift) {
    /** CockroachDB's default max offset. */
    public static final Duration DEFAULT_HLC_MAX_OFFSET = Duration.ofMillis(500);
    public static final ClockSettings DEFAULT = new ClockSettings(true, DEFAULT_HLC_MAX_OFFSET,
            ClockErrorSpec.none(ClockErrorSpec.Unit.OFFSET), ClockErrorSpec.none(ClockErrorSpec.Unit.DRIFT));

    public ClockSettings withHlc(boolean on) {
        return new ClockSettings(on, hlcMaxOffset, skew, drift);
    }

    public ClockSettings withHlcMaxOffset(Duration d) {
        return new ClockSettings(hlc, d, skew, drift);
    }

    public ClockSettings withSkew(ClockErrorSpec s) {
        return new ClockSettings(hlc, hlcMaxOffset, s, drift);
    }

    public ClockSettings withDrift(ClockErrorSpec d) {
        return new ClockSettings(hlc, hlcMaxOffset, skew, d);
    }

    /** 0 when the machines keep no HLC (the start line's {@code hlcMaxOffsetMicros}). */
    public long hlcMaxOffsetMicros() {
        return hlc ? hlcMaxOffset.toNanos() / 1_000 : 0;
    }

    /** Fails if a machine named by the skew or drift is not among {@code ids}. */
    public void check(List<String> ids) throws ConfigException {
        skew.check(ids, "--clock-skew");
        drift.check(ids, "--clock-drift");
    }

    /** Machine {@code index}'s physical clock in a run of {@code seed}. */
    public ClockSkew skewOf(int index, String id, long seed) {
        return new ClockSkew(skew.valueOf(index, id, seed), drift.valueOf(index, id, seed));
    }

    /** "lamport,vector,hlc" or "lamport,vector". */
    public String clocksText() {
        return hlc ? "lamport,vector,hlc" : "lamport,vector";
    }
}
