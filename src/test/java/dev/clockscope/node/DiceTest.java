package dev.clockscope.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clockscope.testing.ScriptedRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiceTest {
    private static List<String> targets(Dice dice, int face) {
        Action a = dice.actionFor(face);
        return a instanceof Action.SendTo s ? s.peers() : List.of();
    }

    @Test
    void threeMachinesAndTenSidesIsTheAssignment() {
        Dice dice = new Dice(10, List.of("b", "c"));
        assertEquals(List.of("b"), targets(dice, 1));
        assertEquals(List.of("c"), targets(dice, 2));
        assertEquals(List.of("b", "c"), targets(dice, 3));
        for (int face = 4; face <= 10; face++) {
            assertInstanceOf(Action.Internal.class, dice.actionFor(face), "face " + face);
        }
    }

    @Test
    void twoMachinesFaceOneAndTwoBothReachTheOnlyPeer() {
        Dice dice = new Dice(6, List.of("b"));
        assertEquals(List.of("b"), targets(dice, 1));
        assertEquals(List.of("b"), targets(dice, 2));
        assertInstanceOf(Action.Internal.class, dice.actionFor(3));
        assertInstanceOf(Action.Internal.class, dice.actionFor(6));
    }

    @Test
    void fiveMachinesGiveFourSingleTargetsThenAll() {
        Dice dice = new Dice(8, List.of("p1", "p2", "p3", "p4"));
        assertEquals(List.of("p1"), targets(dice, 1));
        assertEquals(List.of("p4"), targets(dice, 4));
        assertEquals(List.of("p1", "p2", "p3", "p4"), targets(dice, 5));
        assertInstanceOf(Action.Internal.class, dice.actionFor(6));
        assertInstanceOf(Action.Internal.class, dice.actionFor(8));
    }

    @Test
    void dieMustCoverEveryTargetAndFacesAreOneBased() {
        assertThrows(IllegalArgumentException.class, () -> new Dice(2, List.of("b", "c")));
        Dice dice = new Dice(3, List.of("b", "c"));
        assertThrows(IllegalArgumentException.class, () -> dice.actionFor(0));
        assertThrows(IllegalArgumentException.class, () -> dice.actionFor(4));
    }

    @Test
    void rollUsesEveryFaceOfTheRandomSource() {
        Dice dice = new Dice(10, List.of("b", "c"));
        // nextInt(10) = 0 is face 1, 9 is face 10
        assertEquals(List.of("b"), targets(dice, 1));
        Action first = dice.roll(new ScriptedRandom(1));
        Action last = dice.roll(new ScriptedRandom(10));
        assertEquals(List.of("b"), ((Action.SendTo) first).peers());
        assertInstanceOf(Action.Internal.class, last);
    }
}
