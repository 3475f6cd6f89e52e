package dev.clockscope.node;

import dev.clockscope.random.RandomSource;

/**
 * The assignment's die, generalised to a machine with neighbours p1..pK (ascending index, which is config
 * order): face k (1 <= k <= K) sends to pk, face K+1 sends to every neighbour, and every other face is an
 * internal event. For 3 machines and a 10-sided die that is exactly the assignment: 1 -> one peer,
 * 2 -> the other, 3 -> both, 4..10 -> internal (70 %).
 */
public record Die(int sides) implements ActionPolicy {
    public Die {
        if (sides < 2) {
            throw new IllegalArgumentException("a die needs at least 2 sides, got " + sides);
        }
    }

    @Override
    public int choose(RandomSource random, int degree) {
        return actionFor(random.nextInt(sides) + 1, degree);
    }

    /** The action of {@code face} (1-based, as on a real die) for a machine with {@code degree} neighbours. */
    public int actionFor(int face, int degree) {
        if (face < 1 || face > sides) {
            throw new IllegalArgumentException("face " + face + " is not on a " + sides + "-sided die");
        }
        if (face <= degree) {
            return face - 1;
        }
        return face == degree + 1 ? ALL : INTERNAL;
    }

    @Override
    public String refuse(int degree) {
        if (degree < 1) {
            return "a machine needs at least one neighbour";
        }
        return sides < degree + 1 ? "a " + sides + "-sided die cannot address " + degree + " neighbours and all of them"
                : null;
    }

    @Override
    public int dieSides() {
        return sides;
    }
}
