package dev.clockscope.sim;

import dev.clockscope.config.ConfigException;
import dev.clockscope.config.Keywords;
import dev.clockscope.node.ActionPolicy;
import dev.clockscope.node.ActionProbabilities;
import dev.clockscope.node.Die;
import dev.clockscope.topology.Topology;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which rule a simulation's machines follow on each tick: probabilities ({@code --actions one=0.2,all=0.1}),
 * a die ({@code --die} or config.json's), or, for a topology that is not complete and no die asked for, the
 * assignment's proportions.
 */
final class ActionChoice {
    private static final Pattern ACTION = Keywords.pattern("\\s*(one|all|internal)\\s*=\\s*([0-9.]+)\\s*");

    private ActionChoice() {
    }

    /**
     * The rule for {@code n} machines over {@code topo}: {@code actions} (the --actions text) or {@code die}
     * (--die), either null when not given; {@code configDie} is config.json's die.
     */
    static ActionPolicy policy(String actions, Integer die, int configDie, Topology topo, int n)
            throws ConfigException {
        if (actions != null) {
            if (die != null) {
                throw new ConfigException("--actions: give either --actions or --die, not both");
            }
            return probabilities(actions);
        }
        int sides = die != null ? die : configDie;
        if (sides < 2) {
            // before the die is made: a die of fewer sides than 2 has no faces to name neighbours with
            throw new ConfigException("--die: must be at least 2 sides, got " + sides);
        }
        boolean complete = topo.linkCount() == (long) n * (n - 1) / 2;
        boolean dieAsked = die != null || complete;
        if (!dieAsked) {
            // the die's faces name neighbours one by one: for a general topology, its proportions
            return ActionProbabilities.ASSIGNMENT;
        }
        String refusal = new Die(sides).refuse(topo.degreeStats().max());
        if (refusal != null) {
            throw new ConfigException("--die: " + sides + " sides: " + refusal
                    + " (with many neighbours use --actions one=0.2,all=0.1)");
        }
        return new Die(sides);
    }

    /** {@code one=0.2,all=0.1} (internal is the rest). */
    static ActionProbabilities probabilities(String text) throws ConfigException {
        double one = -1;
        double all = -1;
        double internal = -1;
        for (String part : text.split(",")) {
            Matcher m = ACTION.matcher(part);
            if (!m.matches()) {
                throw new ConfigException("--actions: \"" + text + "\" is not like one=0.2,all=0.1,internal=0.7");
            }
            double p;
            try {
                p = Double.parseDouble(m.group(2));
            } catch (NumberFormatException e) {
                throw new ConfigException("--actions: \"" + m.group(2) + "\" is not a probability");
            }
            if (p < 0 || p > 1) {
                throw new ConfigException("--actions: " + m.group(1) + "=" + m.group(2) + " is not between 0 and 1");
            }
            String action = Keywords.of(m.group(1));
            double before = switch (action) {
                case "one" -> one;
                case "all" -> all;
                default -> internal;
            };
            if (before >= 0) {
                // the last one won without a word: "one=0.2,one=0.3" ran with 0.3
                throw new ConfigException("--actions: \"" + text + "\" gives " + action + " twice");
            }
            switch (action) {
                case "one" -> one = p;
                case "all" -> all = p;
                default -> internal = p;
            }
        }
        one = Math.max(0, one);
        all = Math.max(0, all);
        if (one + all > 1 + 1e-9 || (internal >= 0 && Math.abs(one + all + internal - 1) > 1e-9)) {
            throw new ConfigException("--actions: \"" + text + "\" must sum to 1 (internal is the rest when left out)");
        }
        return new ActionProbabilities(one, Math.min(all, 1 - one));
    }

    /** The rule as the plan shows it (e.g. "die 10", "one 0.200, all 0.100, internal 0.700"). */
    static String text(ActionPolicy policy) {
        if (policy instanceof ActionProbabilities p) {
            return String.format(Locale.ROOT, "one %.3f, all %.3f, internal %.3f", p.one(), p.all(), p.internal());
        }
        return "die " + policy.dieSides();
    }
}
