package dev.clockscope.eventlog;

import java.util.List;

/**
 * A list of machine names that is immutable and may name them only when read, which an event keeps as it is rather
 * than copying it (copying reads every name). A machine's send to one neighbour passes one such list: at 10^5
 * machines, reading the name from the run's list of names was a cache miss on every send, and a statistics-only run
 * never reads it.
 */
public interface PeerNames extends List<String> {
}
