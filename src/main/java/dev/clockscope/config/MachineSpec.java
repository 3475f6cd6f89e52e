package dev.clockscope.config;

import java.util.OptionalInt;

/**
 * One machine of the cluster: its id, where it listens, and optionally a fixed tick rate that replaces
 * the draw from the cluster's range (for experiments such as "one slow machine, two fast ones").
 */
public record MachineSpec(String id, String host, int port, OptionalInt ticksPerSecond) {
    public MachineSpec(String id, String host, int port) {
        this(id, host, port, OptionalInt.empty());
    }

    public MachineSpec withTicksPerSecond(OptionalInt rate) {
        return new MachineSpec(id, host, port, rate);
    }
}
