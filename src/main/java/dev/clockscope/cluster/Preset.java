package dev.clockscope.cluster;

import dev.clockscope.config.Keywords;
import dev.clockscope.config.RateRange;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Named experiment set-ups from the assignment. Presets combine ("narrow-rates,fewer-internal"):
 * each sets only the knobs it is about, on top of the assignment's 5 runs of 60 s.
 */
public enum Preset {
    ASSIGNMENT("assignment", "5 runs x 60 s, 1..6 ticks/s, 10-sided die (70 % internal events)"),
    NARROW_RATES("narrow-rates", "like assignment, but 3..4 ticks/s: a smaller variation in clock rates"),
    FEWER_INTERNAL("fewer-internal", "like assignment, but a 4-sided die: 25 % internal events with 3 machines");

    public static final int RUNS = 5;
    public static final Duration DURATION = Duration.ofSeconds(60);

    private final String label;
    private final String description;

    Preset(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public static Optional<Preset> byLabel(String label) {
        return Arrays.stream(values()).filter(p -> p.label.equals(Keywords.of(label))).findFirst();
    }

    /** What a preset sets: the knobs shared by a cluster plan and a simulation plan. */
    public interface Knobs {
        Knobs runs(int n);

        Knobs duration(Duration d);

        Knobs rates(RateRange r);

        Knobs die(int sides);
    }

    /** The knob this preset changes, applied to a plan under construction. */
    public void apply(Knobs plan) {
        plan.runs(RUNS).duration(DURATION);
        switch (this) {
            case ASSIGNMENT -> plan.rates(new RateRange(1, 6)).die(10);
            case NARROW_RATES -> plan.rates(new RateRange(3, 4));
            case FEWER_INTERNAL -> plan.die(4);
            default -> throw new IllegalStateException(label);
        }
    }
}
