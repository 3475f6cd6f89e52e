package dev.clockscope.config;

import java.util.List;

/**
 * Injected network faults (config.json "network", CLI --net-*): per link or for all links, a delay,
 * a loss probability and partition windows. Applied by the sending machine (dev.clockscope.faults).
 */
public record NetworkFaults(List<Rule> rules) {
    public static final NetworkFaults NONE = new NetworkFaults(List.of());
    /** Matches every machine in {@link Rule#from()} / {@link Rule#to()}. */
    public static final String ANY = "*";

    public NetworkFaults {
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public NetworkFaults plus(Rule rule) {
        List<Rule> all = new java.util.ArrayList<>(rules);
        all.add(rule);
        return new NetworkFaults(all);
    }

    /**
     * One rule for the links from {@code from} to {@code to} (ids or "*"); {@code bothWays} also applies it
     * from {@code to} to {@code from}. {@code delay} may be null; {@code loss} is a probability 0..1.
     */
    public record Rule(String from, String to, boolean bothWays, Delay delay, double loss, List<Window> partitions) {
        public Rule {
            partitions = List.copyOf(partitions);
        }

        /** Does this rule apply to messages sent by {@code sender} to {@code receiver}? */
        public boolean covers(String sender, String receiver) {
            return (matches(from, sender) && matches(to, receiver))
                    || (bothWays && matches(from, receiver) && matches(to, sender));
        }

        private static boolean matches(String pattern, String id) {
            return ANY.equals(pattern) || pattern.equals(id);
        }
    }

    /**
     * {@code kind}: "constant" (a ms), "uniform" (a..b ms), "exponential" (mean a ms) or "normal" (mean a ms,
     * standard deviation b ms; samplers truncate at 0). "normal" comes only from CloudScope topology files
     * (dev.clockscope.topology); config.json's delay syntax has no form for it.
     */
    public record Delay(String kind, double aMillis, double bMillis) {
    }

    /** A partition from {@code startMillis} to {@code endMillis} after the machine starts ticking. */
    public record Window(long startMillis, long endMillis) {
        public boolean contains(long millis) {
            return millis >= startMillis && millis < endMillis;
        }
    }
}
