package dev.clockscope.node;

import dev.clockscope.random.RandomSource;

/**
 * The die's meaning for any degree: with probability {@code one} a send to one neighbour chosen uniformly,
 * with {@code all} one send event to every neighbour, otherwise an internal event. For 3 machines,
 * {@code one = 0.2, all = 0.1} is the assignment's 10-sided die (each peer 0.1, both 0.1, internal 0.7).
 */
public record ActionProbabilities(double one, double all) implements ActionPolicy {
    public ActionProbabilities {
        if (!(one >= 0 && all >= 0 && one + all <= 1 + 1e-12)) {
            throw new IllegalArgumentException("action probabilities one=" + one + ", all=" + all
                    + " must be >= 0 and sum to at most 1");
        }
    }

    /** The assignment's proportions: one 0.2, all 0.1, internal 0.7. */
    public static final ActionProbabilities ASSIGNMENT = new ActionProbabilities(0.2, 0.1);

    public double internal() {
        return Math.max(0, 1 - one - all);
    }

    @Override
    public int choose(RandomSource random, int degree) {
        double u = random.nextDouble();
        if (u < one) {
            return random.nextInt(degree);
        }
        return u < one + all ? ALL : INTERNAL;
    }

    @Override
    public String refuse(int degree) {
        return degree < 1 ? "a machine needs at least one neighbour" : null;
    }

    @Override
    public int dieSides() {
        return 0;
    }
}
