package dev.clockscope.topology;

/** Degrees of a topology's machines: the smallest, the largest and the mean (2 × links / machines). */
public record DegreeStats(int min, int max, double mean) {
}
