package dev.clockscope.sim;

import java.util.Arrays;

/**
 * A 4-ary min-heap of (time, order) pairs side by side in one {@code long[]}, ordered by time, then order: a node's
 * four children lie in 64 bytes. The agenda keeps its events due soon and those beyond its calendar in two of them.
 */
final class PairHeap {
    /** Entry k at [2k] (time) and [2k+1] (order). */
    private long[] heap = new long[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    long time() {
        return heap[0];
    }

    long order() {
        return heap[1];
    }

    void add(long time, long order) {
        if (2 * size == heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        long[] h = heap;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = h[2 * parent];
            if (pt < time || (pt == time && h[2 * parent + 1] < order)) {
                break;
            }
            h[2 * i] = pt;
            h[2 * i + 1] = h[2 * parent + 1];
            i = parent;
        }
        h[2 * i] = time;
        h[2 * i + 1] = order;
    }

    /** Removes the earliest entry. */
    void pop() {
        long[] h = heap;
        int last = --size;
        if (last == 0) {
            return;
        }
        long t = h[2 * last];
        long o = h[2 * last + 1];
        // sift the last entry down from the root
        int i = 0;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= last) {
                break;
            }
            int best = first;
            long bt = h[2 * first];
            long bo = h[2 * first + 1];
            int stop = Math.min(first + 4, last);
            for (int c = first + 1; c < stop; c++) {
                long ct = h[2 * c];
                if (ct < bt || (ct == bt && h[2 * c + 1] < bo)) {
                    best = c;
                    bt = ct;
                    bo = h[2 * c + 1];
                }
            }
            if (bt > t || (bt == t && bo > o)) {
                break;
            }
            h[2 * i] = bt;
            h[2 * i + 1] = bo;
            i = best;
        }
        h[2 * i] = t;
        h[2 * i + 1] = o;
    }
}
