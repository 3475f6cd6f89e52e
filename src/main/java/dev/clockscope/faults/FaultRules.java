package dev.clockscope.faults;

import dev.clockscope.config.NetworkFaults;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's fault rules, compiled once and shared by every machine: the rules that cover a link, as one
 * list instance per distinct combination, so a million machines with a global rule share one list.
 */
public final class FaultRules {
    private final NetworkFaults faults;
    private final Map<Long, List<NetworkFaults.Rule>> byMask = new HashMap<>();

    public FaultRules(NetworkFaults faults) {
        if (faults.rules().size() > Long.SIZE) {
            throw new IllegalArgumentException("at most " + Long.SIZE + " network fault rules, got "
                    + faults.rules().size());
        }
        this.faults = faults;
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    public NetworkFaults faults() {
        return faults;
    }

    /** The rules for messages from {@code sender} to {@code receiver}, in config order (possibly empty). */
    public synchronized List<NetworkFaults.Rule> covering(String sender, String receiver) {
        List<NetworkFaults.Rule> rules = faults.rules();
        long mask = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).covers(sender, receiver)) {
                mask |= 1L << i;
            }
        }
        return byMask.computeIfAbsent(mask, m -> {
            List<NetworkFaults.Rule> chosen = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                if ((m & (1L << i)) != 0) {
                    chosen.add(rules.get(i));
                }
            }
            return List.copyOf(chosen);
        });
    }
}
