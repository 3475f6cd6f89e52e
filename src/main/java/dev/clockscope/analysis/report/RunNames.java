package dev.clockscope.analysis.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Run names made distinct for file names and CSV rows: runs are named after their directory, and two
 * batches' {@code run-1} would otherwise overwrite each other's files and share their rows.
 */
public final class RunNames {
    private RunNames() {
    }

    /** The names in order, the i-th (from 0) suffixed {@code -<i+1>} when taken: run-1, run-1-2, run-1-3. */
    public static List<String> distinct(List<String> names) {
        Set<String> used = new HashSet<>();
        List<String> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            // the loop only matters when a directory is itself called like a suffixed name (x, x-3, x)
            for (int n = i + 1; !used.add(name); n++) {
                name = names.get(i) + "-" + n;
            }
            out.add(name);
        }
        return out;
    }
}
