package dev.clockscope.config;

import java.util.List;

/** A run's machines for an error line that names one that is not among them. */
public final class MachineList {
    private MachineList() {
    }

    /** All of them up to six, else the first and the last: {@code a, b, c} or {@code machine_1 .. machine_100000}. */
    public static String brief(List<String> ids) {
        return ids.size() <= 6 ? String.join(", ", ids) : ids.get(0) + " .. " + ids.get(ids.size() - 1);
    }
}
