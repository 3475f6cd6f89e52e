package dev.clockscope.testing;

import dev.clockscope.random.RandomSource;
import java.util.ArrayDeque;
import java.util.Deque;

/** Dice you script: each nextInt(bound) returns the next given face - 1 (faces are 1-based, as on a die). */
public final class ScriptedRandom implements RandomSource {
    private final Deque<Integer> faces = new ArrayDeque<>();

    public ScriptedRandom(int... faces) {
        for (int f : faces) {
            this.faces.add(f);
        }
    }

    @Override
    public int nextInt(int bound) {
        Integer face = faces.poll();
        if (face == null) {
            throw new IllegalStateException("script ran out of die rolls");
        }
        if (face < 1 || face > bound) {
            throw new IllegalStateException("face " + face + " is not on a " + bound + "-sided die");
        }
        return face - 1;
    }

    @Override
    public double nextDouble() {
        return 0.5;
    }
}
