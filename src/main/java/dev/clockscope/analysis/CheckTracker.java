package dev.clockscope.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts violations per check and remembers the first one with its location. */
final class CheckTracker {
    private final Map<Check, long[]> counts = new EnumMap<>(Check.class);
    private final Map<Check, String> first = new EnumMap<>(Check.class);
    private final Map<Check, long[]> warnings = new EnumMap<>(Check.class);
    private final Map<Check, String> firstWarning = new EnumMap<>(Check.class);

    CheckTracker() {
        for (Check c : Check.values()) {
            counts.put(c, new long[1]);
            warnings.put(c, new long[1]);
        }
    }

    void fail(Check check, Path file, long line, String detail) {
        if (counts.get(check)[0]++ == 0) {
            first.put(check, file + ":" + line + ": " + detail);
        }
    }

    /** A finding the check excuses (reported, never a failure). */
    void warn(Check check, Path file, long line, String detail) {
        if (warnings.get(check)[0]++ == 0) {
            firstWarning.put(check, file + ":" + line + ": " + detail);
        }
    }

    List<CheckResult> results() {
        List<CheckResult> out = new ArrayList<>();
        for (Check c : Check.values()) {
            out.add(new CheckResult(c, counts.get(c)[0], first.get(c), warnings.get(c)[0], firstWarning.get(c)));
        }
        return out;
    }
}
