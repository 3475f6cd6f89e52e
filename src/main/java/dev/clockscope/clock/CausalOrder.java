package dev.clockscope.clock;

/** How two vector timestamps relate under happened-before. */
public enum CausalOrder {
    /** a happened before b. */
    BEFORE,
    /** b happened before a. */
    AFTER,
    EQUAL,
    CONCURRENT
}
