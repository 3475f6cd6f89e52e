package dev.clockscope.analysis.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** One of the machines that stand out on a figure: its id and its value. */
public record Extreme(String machine, double value) {
    /**
     * The {@code limit} highest (or lowest) of {@code values[0..count)}, best first, ties broken by position: a
     * partial selection, since a run of a million machines needs ten of them, not a sort.
     */
    static List<Extreme> top(double[] values, int count, IntFunction<String> machine, boolean highest, int limit) {
        int[] order = new int[Math.min(count, limit)];
        int filled = 0;
        for (int k = 0; k < count; k++) {
            if (filled < order.length) {
                order[filled++] = k;
                siftUp(values, order, filled - 1, highest);
            } else if (better(values, k, order[order.length - 1], highest)) {
                order[order.length - 1] = k;
                siftUp(values, order, order.length - 1, highest);
            }
        }
        List<Extreme> top = new ArrayList<>();
        for (int j = 0; j < filled; j++) {
            top.add(new Extreme(machine.apply(order[j]), values[order[j]]));
        }
        return List.copyOf(top);
    }

    private static void siftUp(double[] values, int[] order, int from, boolean highest) {
        for (int j = from; j > 0 && better(values, order[j], order[j - 1], highest); j--) {
            int tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    }

    private static boolean better(double[] values, int a, int b, boolean highest) {
        int c = Double.compare(values[a], values[b]);
        return highest ? c > 0 : c < 0;
    }
}
