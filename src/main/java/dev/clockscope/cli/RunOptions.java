package dev.clockscope.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options `vm` (one machine) and `vm cluster` (whole runs) share, declared once and mixed into both
 * ({@code @Mixin}). Each command applies them its own way: a machine overrides its config.json, the
 * cluster runner lets them win over its presets.
 */
public final class RunOptions {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config.json",
            description = "Cluster configuration (default: ${DEFAULT-VALUE}).")
    Path configFile;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "output_files",
            description = "Where logs go (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "How long to tick once connected: 60s, 2m, 90 (seconds), 0 = until stopped. Default from config.json (60s).")
    String duration;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the run (rates and dice); default from config.json, else random. Always logged.")
    Long seed;

    @Option(names = "--ticks-per-second", paramLabel = "N|MIN..MAX",
            description = "Tick rate or range to draw it from, or max (unthrottled: ticks back-to-back); overrides config.json (default 1..6).")
    String ticksPerSecond;

    @Option(names = "--die", paramLabel = "SIDES", description = "Sides of the die; overrides config.json (default 10).")
    Integer die;

    @Option(names = "--clocks", paramLabel = "LIST",
            description = "lamport,vector,hlc (default) or lamport,vector: keep a hybrid logical clock or not.")
    String clocks;

    @Mixin
    ClockOptions clockOptions = new ClockOptions();
}
