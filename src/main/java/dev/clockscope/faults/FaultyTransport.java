package dev.clockscope.faults;

import dev.clockscope.config.NetworkFaults;
import dev.clockscope.node.Message;
import dev.clockscope.node.Transport;
import dev.clockscope.random.RandomSource;
import dev.clockscope.time.TimeSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Injects the config's network faults into the sending path of any {@link Transport}: partitions and
 * loss make a send fail with reason "partition" / "injected loss" (the machine logs it as undelivered),
 * a delay hands the message to the inner transport later. Delays keep each link FIFO, like TCP with a
 * slow path (a later message never overtakes an earlier one, so seqs on a link still only grow).
 * Uses only the machine's injected time and randomness, so the simulator can reuse it.
 */
public final class FaultyTransport implements Transport {
    /** Runs a task after a delay on some thread; the inner transport must accept sends from it. */
    public interface Scheduler {
        void schedule(long delayNanos, Runnable task);
    }

    /** What the machine must log. {@code undelivered} may be called from the scheduler's thread. */
    public interface Reporter {
        void undelivered(String peer, long seq, String reason);

        void partition(String peer, boolean started);
    }

    private final String self;
    private final List<String> peers;
    private final Transport inner;
    private final TimeSource time;
    private final RandomSource random;
    private final Scheduler scheduler;
    private final Reporter reporter;
    private final Map<String, List<NetworkFaults.Rule>> rulesByPeer = new HashMap<>();
    private final Map<String, Boolean> partitioned = new HashMap<>();
    private final Map<String, Long> lastDueNanos = new HashMap<>();
    /** Per link, the delayed messages in sending order (their due times never decrease). */
    private final Map<String, ArrayDeque<Delayed>> delayed = new HashMap<>();
    private long startNanos = -1;

    public FaultyTransport(String self, List<String> peers, NetworkFaults faults, Transport inner, TimeSource time,
                           RandomSource random, Scheduler scheduler, Reporter reporter) {
        this.self = self;
        this.peers = List.copyOf(peers);
        this.inner = inner;
        this.time = time;
        this.random = random;
        this.scheduler = scheduler;
        this.reporter = reporter;
        for (String peer : peers) {
            rulesByPeer.put(peer, faults.rules().stream().filter(r -> r.covers(self, peer)).toList());
            partitioned.put(peer, false);
        }
    }

    /** Partition windows count from here (the moment the machine starts ticking). */
    public void start() {
        startNanos = time.monotonicNanos();
    }

    private long elapsedMillis() {
        return startNanos < 0 ? -1 : (time.monotonicNanos() - startNanos) / 1_000_000;
    }

    private boolean inPartition(String peer, long elapsed) {
        for (NetworkFaults.Rule r : rulesByPeer.get(peer)) {
            for (NetworkFaults.Window w : r.partitions()) {
                if (w.contains(elapsed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Call on the machine's thread before each tick: logs partitions starting and ending. */
    public void poll() {
        long elapsed = elapsedMillis();
        for (String peer : peers) {
            boolean now = elapsed >= 0 && inPartition(peer, elapsed);
            if (now != partitioned.get(peer)) {
                partitioned.put(peer, now);
                reporter.partition(peer, now);
            }
        }
    }

    @Override
    public String send(String peer, Message message) {
        List<NetworkFaults.Rule> rules = rulesByPeer.get(peer);
        if (rules == null || rules.isEmpty()) {
            return inner.send(peer, message);
        }
        long elapsed = elapsedMillis();
        if (elapsed >= 0 && inPartition(peer, elapsed)) {
            return "partition";
        }
        NetworkFaults.Delay delay = null;
        for (NetworkFaults.Rule r : rules) {
            if (r.loss() > 0 && random.nextDouble() < r.loss()) {
                return "injected loss";
            }
            if (delay == null) {
                delay = r.delay();
            }
        }
        if (delay == null) {
            return inner.send(peer, message);
        }
        long now = time.monotonicNanos();
        long due = Math.max(now + delayNanos(delay), lastDueNanos.getOrDefault(peer, 0L));
        lastDueNanos.put(peer, due);
        synchronized (delayed) {
            delayed.computeIfAbsent(peer, k -> new ArrayDeque<>()).add(new Delayed(due, message));
        }
        scheduler.schedule(due - now, () -> sendDue(peer));
        return null;
    }

    /**
     * Sends, in order, every delayed message to {@code peer} that is due. Each message's timer drains the
     * link's queue from its head rather than sending "its" message: a scheduler may fire timers with equal
     * or nearly equal deadlines in either order, and a reordered link would make the receiver refuse the
     * earlier message as a replay (found by the analyzer in the 200 ms delay experiment).
     */
    private void sendDue(String peer) {
        while (true) {
            Delayed next;
            synchronized (delayed) {
                ArrayDeque<Delayed> queue = delayed.get(peer);
                if (queue == null || queue.isEmpty() || queue.peek().dueNanos() > time.monotonicNanos()) {
                    return;
                }
                next = queue.poll();
            }
            String failure = inner.send(peer, next.message());
            if (failure != null) {
                reporter.undelivered(peer, next.message().seq(), failure + " (after injected delay)");
            }
        }
    }

    private record Delayed(long dueNanos, Message message) {
    }

    private long delayNanos(NetworkFaults.Delay d) {
        double millis = switch (d.kind()) {
            case "uniform" -> d.aMillis() + random.nextDouble() * (d.bMillis() - d.aMillis());
            case "exponential" -> -d.aMillis() * Math.log(1 - random.nextDouble());
            default -> d.aMillis();
        };
        return (long) (millis * 1_000_000);
    }

    public String self() {
        return self;
    }
}
