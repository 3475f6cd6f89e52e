package dev.clockscope.cli;

import dev.clockscope.config.ClockErrorSpec;
import dev.clockscope.config.ClockSettings;
import dev.clockscope.config.ClockSettingsParser;
import dev.clockscope.config.ConfigException;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The physical clocks of a run, shared by {@code vm}, {@code vm cluster} and {@code vm simulate} ({@code @Mixin}):
 * how far off each machine's clock runs, and the HLC's max offset. They replace config.json's fields.
 */
public final class ClockOptions {
    @Option(names = "--clock-skew", paramLabel = "ID=OFFSET|DIST",
            description = "A machine's clock offset (machine_2=+150ms, repeatable) and/or a seeded distribution for the "
                    + "others (normal:0,50ms, uniform:-100ms..100ms).")
    List<String> skew;

    @Option(names = "--clock-drift", paramLabel = "ID=RATE|DIST",
            description = "A machine's clock drift (machine_3=+200ppm, repeatable) and/or a distribution (normal:0,50ppm).")
    List<String> drift;

    @Option(names = "--hlc-max-offset", paramLabel = "TIME",
            description = "Refuse a message whose HLC is more than this ahead of the receiver's clock (default 500ms).")
    String hlcMaxOffset;

    /** {@code base} with these options (and {@code clocks}, a --clocks text for a real cluster, if not null) applied. */
    ClockSettings apply(ClockSettings base, String clocks) throws ConfigException {
        ClockSettings s = base;
        if (clocks != null) {
            s = s.withHlc(ClockSettingsParser.hlc(clocks, "--clocks"));
        }
        if (hlcMaxOffset != null) {
            s = s.withHlcMaxOffset(ClockSettingsParser.maxOffset(hlcMaxOffset, "--hlc-max-offset"));
        }
        if (skew != null) {
            s = s.withSkew(ClockErrorSpec.parse(ClockErrorSpec.Unit.OFFSET, skew, "--clock-skew"));
        }
        if (drift != null) {
            s = s.withDrift(ClockErrorSpec.parse(ClockErrorSpec.Unit.DRIFT, drift, "--clock-drift"));
        }
        return s;
    }
}
