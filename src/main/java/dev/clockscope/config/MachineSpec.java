package dev.clockscope.config;

/** One machine of the cluster: its id and where it listens. */
public record MachineSpec(String id, String host, int port) {
}
