package dev.clockscope.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A validated config.json: the machines in config order (that order defines vector-clock indices and
 * which die face sends where) and the experiment knobs. Defaults reproduce the assignment.
 */
public record ClusterConfig(
        List<MachineSpec> machines,
        RateRange ticksPerSecond,
        int die,
        Duration duration,
        OptionalLong seed,
        int queueHighWaterMark,
        LinkSettings link,
        ClockSettings clocks) {

    public static final RateRange DEFAULT_TICKS_PER_SECOND = new RateRange(1, 6);
    public static final int DEFAULT_DIE = 10;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    public static final int DEFAULT_QUEUE_HIGH_WATER_MARK = 100_000;

    public ClusterConfig {
        machines = List.copyOf(machines);
    }

    /** With the default clocks (Lamport, vector and HLC, on the host's clock). */
    public ClusterConfig(List<MachineSpec> machines, RateRange ticksPerSecond, int die, Duration duration,
                         OptionalLong seed, int queueHighWaterMark, LinkSettings link) {
        this(machines, ticksPerSecond, die, duration, seed, queueHighWaterMark, link, ClockSettings.DEFAULT);
    }

    public Optional<MachineSpec> machine(String id) {
        return machines.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public int indexOf(String id) {
        for (int i = 0; i < machines.size(); i++) {
            if (machines.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> machineIds() {
        return machines.stream().map(MachineSpec::id).toList();
    }

    /** A new range for every machine; per-machine fixed rates are dropped (the override wins). */
    public ClusterConfig withTicksPerSecond(RateRange range) {
        List<MachineSpec> drawn = machines.stream().map(m -> m.withTicksPerSecond(OptionalInt.empty())).toList();
        return new ClusterConfig(drawn, range, die, duration, seed, queueHighWaterMark, link, clocks);
    }

    public ClusterConfig withDuration(Duration d) {
        return new ClusterConfig(machines, ticksPerSecond, die, d, seed, queueHighWaterMark, link, clocks);
    }

    public ClusterConfig withSeed(long s) {
        return new ClusterConfig(machines, ticksPerSecond, die, duration, OptionalLong.of(s), queueHighWaterMark, link,
                clocks);
    }

    public ClusterConfig withLink(LinkSettings l) {
        return new ClusterConfig(machines, ticksPerSecond, die, duration, seed, queueHighWaterMark, l, clocks);
    }

    public ClusterConfig withClocks(ClockSettings c) {
        return new ClusterConfig(machines, ticksPerSecond, die, duration, seed, queueHighWaterMark, link, c);
    }

    public ClusterConfig withMachines(List<MachineSpec> newMachines) throws ConfigException {
        ConfigLoader.checkDie(die, newMachines.size(), "die");
        return new ClusterConfig(newMachines, ticksPerSecond, die, duration, seed, queueHighWaterMark, link, clocks);
    }

    public ClusterConfig withDie(int sides) throws ConfigException {
        ConfigLoader.checkDie(sides, machines.size(), "--die");
        return new ClusterConfig(machines, ticksPerSecond, sides, duration, seed, queueHighWaterMark, link, clocks);
    }
}
