package dev.clockscope.analysis;

/** A lifecycle line (connected, peer_up/down, undelivered, stall, stop) as shown in the report. */
public record LifecycleEvent(long wallMicros, long line, String kind, String detail) {
}
