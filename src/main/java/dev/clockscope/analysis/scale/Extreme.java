package dev.clockscope.analysis.scale;

/** One of the machines that stand out on a figure: its id and its value. */
public record Extreme(String machine, double value) {
}
