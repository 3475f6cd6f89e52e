package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinkQueueTest {
    private static final int WIDTH = 3;

    /** A send whose every field is derived from its seq, so a slot mixed up with another shows. */
    private static void add(LinkQueue q, long seq) {
        long[] vector = {0, 0, seq, seq + 1, seq + 2}; // at offset 2: not the array's start
        q.addLast(seq, seq * 10, seq * 100, seq * 1000, vector, 2, new long[] {seq + 7, seq + 8, seq + 9},
                new CriticalPathTracker.Hop(null, 0, seq * 3, 0, 0, 0, 0, 0));
    }

    private static void assertSend(LinkQueue q, int position, long seq) {
        assertEquals(seq, q.seq(position));
        assertEquals(seq * 10, q.wallMicros(position));
        assertEquals(seq * 100, q.lamport(position));
        assertEquals(seq * 1000, q.line(position));
        long[] v = new long[WIDTH];
        q.copyVector(position, v);
        assertArrayEquals(new long[] {seq, seq + 1, seq + 2}, v);
        q.copyLoggedVector(position, v);
        assertArrayEquals(new long[] {seq + 7, seq + 8, seq + 9}, v);
        assertEquals(seq * 3, q.tag(position).sendLine);
    }

    @Test
    void keepsOrderWhileGrowingFromAWrappedRing() {
        LinkQueue q = new LinkQueue(WIDTH);
        assertEquals(0, q.capacity(), "no memory before the first send");
        add(q, 0);
        q.removeFirst();
        int initial = q.capacity();
        // move the head to the middle so that the ring wraps before it has to grow
        for (long s = 1; s <= initial / 2; s++) {
            add(q, s);
            q.removeFirst();
        }
        long first = initial / 2 + 1;
        for (long s = first; s < first + 5L * initial; s++) {
            add(q, s);
        }
        assertTrue(q.capacity() > initial);
        assertEquals(5 * initial, q.size());
        for (int i = 0; i < q.size(); i++) {
            assertSend(q, i, first + i);
        }
    }

    @Test
    void removeInTheMiddleOfAWrappedRingKeepsTheOthersInOrder() {
        LinkQueue q = new LinkQueue(WIDTH);
        add(q, 0);
        q.removeFirst();
        int capacity = q.capacity();
        for (long s = 1; s <= capacity - 2; s++) {
            add(q, s);
            q.removeFirst();
        }
        for (long s = 100; s < 100 + capacity; s++) { // exactly full, wrapped
            add(q, s);
        }
        assertEquals(capacity, q.capacity());
        q.remove(3);
        q.remove(q.size() - 1);
        q.remove(0);
        List<Long> left = new ArrayList<>();
        for (int i = 0; i < q.size(); i++) {
            left.add(q.seq(i));
        }
        List<Long> expected = new ArrayList<>();
        for (long s = 100; s < 100 + capacity - 1; s++) {
            if (s != 100 && s != 103) {
                expected.add(s);
            }
        }
        assertEquals(expected, left);
        for (int i = 0; i < q.size(); i++) {
            assertSend(q, i, expected.get(i));
        }
    }

    @Test
    void behavesLikeADequeUnderRandomUse() {
        SplittableRandom r = new SplittableRandom(42);
        LinkQueue q = new LinkQueue(WIDTH);
        ArrayDeque<Long> model = new ArrayDeque<>();
        long next = 1;
        for (int step = 0; step < 200_000; step++) {
            int op = r.nextInt(10);
            if (op < 5 || model.isEmpty()) {
                add(q, next);
                model.addLast(next++);
            } else if (op < 9) {
                q.removeFirst();
                model.removeFirst();
            } else {
                int at = r.nextInt(model.size());
                List<Long> list = new ArrayList<>(model);
                list.remove(at);
                model = new ArrayDeque<>(list);
                q.remove(at);
            }
            assertEquals(model.size(), q.size());
            if (!model.isEmpty()) {
                assertSend(q, 0, model.peekFirst());
                assertSend(q, q.size() - 1, model.peekLast());
            }
        }
    }

    @Test
    void positionsOutsideTheQueueAreRefused() {
        LinkQueue q = new LinkQueue(WIDTH);
        assertThrows(IndexOutOfBoundsException.class, () -> q.seq(0));
        assertThrows(IndexOutOfBoundsException.class, q::removeFirst);
        add(q, 1);
        assertThrows(IndexOutOfBoundsException.class, () -> q.seq(1));
        assertThrows(IndexOutOfBoundsException.class, () -> q.remove(-1));
        q.clear();
        assertTrue(q.isEmpty());
    }

    @Test
    void aWideLinkHoldsMemoryOnlyWhileSendsAwaitReceipt() {
        int width = LinkQueue.WIDE;
        LinkQueue q = new LinkQueue(width);
        assertEquals(0, q.capacity());
        long[] vector = new long[width];
        for (long s = 1; s <= 5; s++) { // grows from 2 to 8 on the way
            vector[0] = s;
            q.addLast(s, s, s, s, vector, 0, vector, null);
        }
        assertEquals(8, q.capacity());
        long[] back = new long[width];
        for (long s = 1; s <= 5; s++) {
            q.copyVector(0, back);
            assertEquals(s, back[0]);
            assertEquals(s, q.seq(0));
            q.removeFirst();
        }
        assertEquals(0, q.capacity(), "emptied: released");
        vector[0] = 9;
        q.addLast(9, 9, 9, 9, vector, 0, vector, null);
        assertEquals(9, q.seq(0));
        assertEquals(2, q.capacity());
    }

    /** Every way a send leaves a queue lets go of its vectors in the store the links share. */
    @Test
    void aSendLeavingTheQueueLetsGoOfItsSharedVectors() {
        SharedVectors store = new SharedVectors(WIDTH);
        LinkQueue q = new LinkQueue(store);
        LinkQueue other = new LinkQueue(store);
        int both = store.put(new long[] {1, 2, 3}, 0, new long[] {4, 5, 6}, 2); // one send to two receivers
        q.addLast(1, 10, 100, 1000, both, null);
        other.addLast(1, 10, 100, 1000, both, null);
        for (long s = 2; s <= 5; s++) {
            add(q, s);
        }
        assertEquals(5, store.live());
        q.removeFirst();
        assertEquals(5, store.live(), "the other receiver still waits for send 1");
        long[] v = new long[WIDTH];
        other.copyVector(0, v);
        assertArrayEquals(new long[] {1, 2, 3}, v);
        q.remove(1); // seq 3
        assertEquals(4, store.live());
        assertSend(q, 1, 4);
        q.clear();
        assertEquals(1, store.live());
        other.removeFirst();
        assertEquals(0, store.live());
    }
}
