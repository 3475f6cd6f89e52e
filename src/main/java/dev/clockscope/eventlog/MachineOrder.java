package dev.clockscope.eventlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cluster's config order (the vector-clock indices) for start lines without {@code machines}: the
 * original log schema had only {@code machine} and {@code peers}. A start line lists its peers in config
 * order, so one log leaves exactly one thing open, where its own machine stands; the other logs of the run
 * settle it (each names the machine among its own peers). Vector entries are keyed by id in the log, so
 * the order decides display and indices, never what a check concludes.
 */
public final class MachineOrder {
    /** One log's start line: its machine, its peers in config order, its machines list (null when it has none). */
    public record View(String machine, List<String> peers, List<String> machines) {
    }

    /**
     * The run's order, and the pairs of machines whose order no log fixed (then natural id order decided,
     * e.g. with two machines, whose logs each name only the other).
     */
    public record Derived(List<String> order, List<String> assumed) {
    }

    private MachineOrder() {
    }

    /**
     * One log alone: its machine placed among its peers where its id sorts in natural order (machine_2 before
     * machine_10). Exact whenever the config lists the machines in that order, as every generated config does.
     */
    public static List<String> guess(String machine, List<String> peers) {
        List<String> out = new ArrayList<>(peers.size() + 1);
        boolean placed = false;
        for (String p : peers) {
            if (!placed && NaturalOrder.compare(machine, p) < 0) {
                out.add(machine);
                placed = true;
            }
            out.add(p);
        }
        if (!placed) {
            out.add(machine);
        }
        return List.copyOf(out);
    }

    /** True when {@code order} without {@code machine} is {@code peers}: a start line that fits that cluster. */
    public static boolean fits(List<String> order, String machine, List<String> peers) {
        if (order.size() != peers.size() + 1 || !order.contains(machine)) {
            return false;
        }
        List<String> rest = new ArrayList<>(order);
        rest.remove(machine);
        return rest.equals(peers);
    }

    /**
     * The whole run's order from every log's start line: each listed order (a peers list, or a machines list)
     * is a chain of "comes before" constraints; the order is their topological sort, ties broken by natural id
     * order (and reported in {@link Derived#assumed}). Throws IllegalArgumentException when the logs name
     * different machines or contradict each other.
     */
    public static Derived ofRun(List<View> views) {
        Set<String> all = new TreeSet<>(NaturalOrder::compare);
        for (View v : views) {
            all.add(v.machine());
            all.addAll(v.peers());
            if (v.machines() != null) {
                all.addAll(v.machines());
            }
        }
        Map<String, Set<String>> after = new HashMap<>();
        Map<String, Integer> before = new HashMap<>();
        for (String id : all) {
            after.put(id, new LinkedHashSet<>());
            before.put(id, 0);
        }
        for (View v : views) {
            Set<String> known = new TreeSet<>(v.peers());
            known.add(v.machine());
            if (!known.equals(all)) {
                throw new IllegalArgumentException("machine " + v.machine() + " has peers " + v.peers()
                        + ", but the run's logs name " + all);
            }
            chain(v.peers(), after, before);
            if (v.machines() != null) {
                chain(v.machines(), after, before);
            }
        }
        List<String> order = new ArrayList<>();
        List<String> assumed = new ArrayList<>();
        TreeSet<String> ready = new TreeSet<>(NaturalOrder::compare);
        for (String id : all) {
            if (before.get(id) == 0) {
                ready.add(id);
            }
        }
        while (!ready.isEmpty()) {
            String next = ready.pollFirst();
            if (!ready.isEmpty()) {
                assumed.add(next + " before " + ready.first());
            }
            order.add(next);
            for (String a : after.get(next)) {
                if (before.merge(a, -1, Integer::sum) == 0) {
                    ready.add(a);
                }
            }
        }
        if (order.size() < all.size()) {
            List<String> stuck = new ArrayList<>(all);
            stuck.removeAll(order);
            throw new IllegalArgumentException("the logs' peers lists put " + stuck + " in contradictory orders");
        }
        return new Derived(List.copyOf(order), List.copyOf(assumed));
    }

    private static void chain(List<String> ids, Map<String, Set<String>> after, Map<String, Integer> before) {
        for (int i = 0; i + 1 < ids.size(); i++) {
            if (after.get(ids.get(i)).add(ids.get(i + 1))) {
                before.merge(ids.get(i + 1), 1, Integer::sum);
            }
        }
    }

    /** Ids compared chunk by chunk, runs of digits by value: machine_2 < machine_10. */
    static final class NaturalOrder {
        private NaturalOrder() {
        }

        static int compare(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                char x = a.charAt(i);
                char y = b.charAt(j);
                if (Character.isDigit(x) && Character.isDigit(y)) {
                    int ei = digitsEnd(a, i);
                    int ej = digitsEnd(b, j);
                    String da = stripZeros(a.substring(i, ei));
                    String db = stripZeros(b.substring(j, ej));
                    int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
                    if (c != 0) {
                        return c;
                    }
                    i = ei;
                    j = ej;
                } else {
                    if (x != y) {
                        return Character.compare(x, y);
                    }
                    i++;
                    j++;
                }
            }
            int c = Integer.compare(a.length() - i, b.length() - j);
            return c != 0 ? c : a.compareTo(b);
        }

        private static int digitsEnd(String s, int from) {
            int e = from;
            while (e < s.length() && Character.isDigit(s.charAt(e))) {
                e++;
            }
            return e;
        }

        private static String stripZeros(String digits) {
            int k = 0;
            while (k < digits.length() - 1 && digits.charAt(k) == '0') {
                k++;
            }
            return digits.substring(k);
        }
    }
}
