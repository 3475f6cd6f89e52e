package dev.clockscope.node;

/** Which vector clock a run keeps next to Lamport's. */
public enum VectorMode {
    /** A counter per machine in every event and message: what the real cluster and its wire use. */
    DENSE,
    /** Only the non-zero entries: cheaper while causality has not reached most machines. */
    SPARSE,
    /** Lamport clocks only: the choice for very large simulations. */
    OFF
}
