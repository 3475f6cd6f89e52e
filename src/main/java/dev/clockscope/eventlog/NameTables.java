package dev.clockscope.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The byte patterns a fast parser matches a run's machine names with: as names ({@code "m"}), and as the
 * vector's keys in order ({@code "m0":}, then {@code ,"mj":}). Every log of a run has the same machines, and
 * the analyzer has a reader per log, so the tables are built once and shared (immutable): one per reader
 * would cost N^2 objects, 700 MB for a run of 1,000 machines.
 */
final class NameTables {
    final List<String> machines;
    final String[] names;
    final ShortBytes[] nameBytes;
    final Literal[] vectorKeys;

    /** The last tables built: the readers of one run ask for the same machines, from several threads. */
    private static volatile NameTables last;

    private NameTables(List<String> machines) {
        this.machines = List.copyOf(machines);
        int n = machines.size();
        names = machines.toArray(new String[0]);
        nameBytes = new ShortBytes[n];
        vectorKeys = new Literal[n];
        for (int j = 0; j < n; j++) {
            nameBytes[j] = new ShortBytes(names[j].getBytes(StandardCharsets.UTF_8));
            String key = "\"" + names[j] + "\":";
            vectorKeys[j] = Literal.of(j == 0 ? key : "," + key);
        }
    }

    static NameTables of(List<String> machines) {
        NameTables t = last;
        if (t == null || !t.machines.equals(machines)) {
            t = new NameTables(machines);
            last = t;
        }
        return t;
    }
}
