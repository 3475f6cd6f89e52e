package dev.clockscope.node;

import dev.clockscope.random.RandomSource;
import java.util.List;

/**
 * The assignment's die, generalised to N machines: with peers p1..p(N-1) in config order, face k
 * (1 <= k <= N-1) sends to pk, face N sends to every peer, and every other face is an internal event.
 * For N = 3 and a 10-sided die that is exactly the assignment: 1 -> one peer, 2 -> the other,
 * 3 -> both, 4..10 -> internal (70 %).
 */
public final class Dice {
    private final int sides;
    private final Action[] actionByFace;

    public Dice(int sides, List<String> peers) {
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("a machine needs at least one peer");
        }
        if (sides < peers.size() + 1) {
            throw new IllegalArgumentException("a " + sides + "-sided die cannot address " + peers.size()
                    + " peers and all of them");
        }
        this.sides = sides;
        this.actionByFace = new Action[sides + 1];
        Action internal = new Action.Internal();
        for (int face = 1; face <= sides; face++) {
            if (face <= peers.size()) {
                actionByFace[face] = new Action.SendTo(List.of(peers.get(face - 1)));
            } else if (face == peers.size() + 1) {
                actionByFace[face] = new Action.SendTo(peers);
            } else {
                actionByFace[face] = internal;
            }
        }
    }

    public int sides() {
        return sides;
    }

    /** The action of {@code face} (1-based, as on a real die). */
    public Action actionFor(int face) {
        if (face < 1 || face > sides) {
            throw new IllegalArgumentException("face " + face + " is not on a " + sides + "-sided die");
        }
        return actionByFace[face];
    }

    public Action roll(RandomSource random) {
        return actionFor(random.nextInt(sides) + 1);
    }
}
