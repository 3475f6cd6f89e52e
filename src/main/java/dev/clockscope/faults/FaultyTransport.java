package dev.clockscope.faults;

import dev.clockscope.config.NetworkFaults;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Message;
import dev.clockscope.node.Transport;
import dev.clockscope.random.RandomSource;
import dev.clockscope.time.TimeSource;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Injects the config's network faults into the sending path of any {@link Transport}: partitions and
 * loss make a send fail with reason "partition" / "injected loss" (the machine logs it as undelivered),
 * a delay hands the message to the inner transport later. Delays keep each link FIFO, like TCP with a
 * slow path (a later message never overtakes an earlier one, so seqs on a link still only grow).
 * Uses only the machine's injected time, randomness and scheduler, so the real runtime and the simulator
 * share it. State is per neighbour slot (arrays), not per map entry: a simulation has millions of links.
 */
public final class FaultyTransport implements Transport {
    /** Runs a task after a delay on some thread; the inner transport must accept sends from it. */
    public interface Scheduler {
        void schedule(long delayNanos, Runnable task);
    }

    /** What the machine must log. {@code undelivered} may be called from the scheduler's thread. */
    public interface Reporter {
        void undelivered(int peer, long seq, String reason);

        void partition(int peer, boolean started);
    }

    private final int[] neighbours;
    private final Transport inner;
    private final TimeSource time;
    private final RandomSource random;
    private final Scheduler scheduler;
    private final Reporter reporter;
    /** Per neighbour slot: the rules that cover the link (shared list instances). */
    private final List<NetworkFaults.Rule>[] rules;
    /** Per slot: inside a configured partition window; and whether the log last said the link is partitioned. */
    private final boolean[] partitioned;
    private final boolean[] logged;
    private final long[] lastDueNanos;
    /** Live controls per slot (the live view's cut, delay, loss); null until the first one. */
    private boolean[] cut;
    private long[] controlDelayNanos;
    private double[] controlLoss;
    /** Per neighbour slot, the delayed messages in sending order (their due times never decrease); lazily made. */
    private final ArrayDeque<Delayed>[] delayed;
    private long startNanos = -1;

    /**
     * @param neighbours the machine's neighbours, ascending (as {@code Machine.neighbours()})
     */
    @SuppressWarnings("unchecked")
    public FaultyTransport(int self, MachineIds ids, int[] neighbours, FaultRules faults, Transport inner,
                           TimeSource time, RandomSource random, Scheduler scheduler, Reporter reporter) {
        this.neighbours = neighbours.clone();
        Arrays.sort(this.neighbours);
        this.inner = inner;
        this.time = time;
        this.random = random;
        this.scheduler = scheduler;
        this.reporter = reporter;
        int k = this.neighbours.length;
        this.rules = new List[k];
        for (int s = 0; s < k; s++) {
            rules[s] = faults.covering(ids.id(self), ids.id(this.neighbours[s]));
        }
        this.partitioned = new boolean[k];
        this.logged = new boolean[k];
        this.lastDueNanos = new long[k];
        this.delayed = new ArrayDeque[k];
    }

    /** Partition windows count from here (the moment the machine starts ticking). */
    public void start() {
        startNanos = time.monotonicNanos();
    }

    private long elapsedMillis() {
        return startNanos < 0 ? -1 : (time.monotonicNanos() - startNanos) / 1_000_000;
    }

    private boolean inPartition(int slot, long elapsed) {
        for (NetworkFaults.Rule r : rules[slot]) {
            for (NetworkFaults.Window w : r.partitions()) {
                if (w.contains(elapsed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Before each tick (on the machine's thread): logs partitions starting and ending. */
    @Override
    public void beforeTick() {
        long elapsed = elapsedMillis();
        for (int s = 0; s < neighbours.length; s++) {
            if (rules[s].isEmpty()) {
                continue;
            }
            partitioned[s] = elapsed >= 0 && inPartition(s, elapsed);
            report(s);
        }
        inner.beforeTick();
    }

    @Override
    public void logged(int receiver, int from, long fromIncarnation, long seq) {
        inner.logged(receiver, from, fromIncarnation, seq);
    }

    /**
     * Logs a partition start or end when the link starts or stops refusing sends, a configured window and a live
     * cut together: a cut inside a window (or a window ending under a cut) is one partition in the log.
     */
    private void report(int slot) {
        boolean now = partitioned[slot] || (cut != null && cut[slot]);
        if (now != logged[slot]) {
            logged[slot] = now;
            reporter.partition(neighbours[slot], now);
        }
    }

    /**
     * Applies a live control to the link to {@code peer} (machine thread): cut (sends refused as "partition",
     * logged as a partition start), heal (undoes cut, delay and loss; a partition end unless a configured window
     * still cuts the link), an extra constant delay, or a loss probability, on top of the configured rules.
     */
    public void control(int peer, LinkControl c) {
        int slot = Arrays.binarySearch(neighbours, peer);
        if (slot < 0) {
            throw new IllegalArgumentException("machine index " + peer + " is not a neighbour");
        }
        if (cut == null) {
            cut = new boolean[neighbours.length];
            controlDelayNanos = new long[neighbours.length];
            controlLoss = new double[neighbours.length];
        }
        switch (c.kind()) {
            case CUT -> {
                cut[slot] = true;
                report(slot);
            }
            case HEAL -> {
                cut[slot] = false;
                report(slot);
                controlDelayNanos[slot] = 0;
                controlLoss[slot] = 0;
            }
            case DELAY -> controlDelayNanos[slot] = c.delayMillis() * 1_000_000;
            case LOSS -> controlLoss[slot] = c.lossProbability();
            default -> throw new IllegalStateException(c.kind().toString());
        }
    }

    @Override
    public String send(int peer, Message message) {
        int slot = Arrays.binarySearch(neighbours, peer);
        boolean controlled = cut != null && slot >= 0;
        if (slot < 0 || (rules[slot].isEmpty() && !controlled)) {
            return inner.send(peer, message);
        }
        long elapsed = elapsedMillis();
        if ((elapsed >= 0 && inPartition(slot, elapsed)) || (controlled && cut[slot])) {
            return PARTITION;
        }
        NetworkFaults.Delay delay = null;
        for (NetworkFaults.Rule r : rules[slot]) {
            if (r.loss() > 0 && random.nextDouble() < r.loss()) {
                return INJECTED_LOSS;
            }
            if (delay == null) {
                delay = r.delay();
            }
        }
        if (controlled && controlLoss[slot] > 0 && random.nextDouble() < controlLoss[slot]) {
            return INJECTED_LOSS;
        }
        long extra = controlled ? controlDelayNanos[slot] : 0;
        if (delay == null && extra == 0 && lastDueNanos[slot] <= time.monotonicNanos()) {
            return inner.send(peer, message);
        }
        long now = time.monotonicNanos();
        long due = Math.max(now + (delay == null ? 0 : DelaySampler.sampleNanos(delay, random)) + extra,
                lastDueNanos[slot]);
        lastDueNanos[slot] = due;
        synchronized (delayed) {
            if (delayed[slot] == null) {
                delayed[slot] = new ArrayDeque<>();
            }
            delayed[slot].add(new Delayed(due, message));
        }
        scheduler.schedule(due - now, () -> sendDue(slot));
        return null;
    }

    /**
     * Sends, in order, every delayed message on the link in {@code slot} that is due. Each message's timer
     * drains the link's queue from its head rather than sending "its" message: a scheduler may fire timers
     * with equal or nearly equal deadlines in either order, and a reordered link would make the receiver
     * refuse the earlier message as a replay (found by the analyzer in the 200 ms delay experiment).
     */
    private void sendDue(int slot) {
        int peer = neighbours[slot];
        while (true) {
            Delayed next;
            synchronized (delayed) {
                ArrayDeque<Delayed> queue = delayed[slot];
                if (queue == null || queue.isEmpty() || queue.peek().dueNanos() > time.monotonicNanos()) {
                    return;
                }
                next = queue.poll();
            }
            String failure = inner.send(peer, next.message());
            if (failure != null) {
                reporter.undelivered(peer, next.message().seq(), failure + AFTER_DELAY);
            }
        }
    }

    /** Why a send in an injected partition (or a cut from the live view) is undelivered. */
    public static final String PARTITION = "partition";
    /** Ends the reason of a send that failed once its injected delay was over: logged then, not at the send. */
    public static final String AFTER_DELAY = " (after injected delay)";

    /**
     * Whether an undelivered line with this reason was logged after its send's injected delay, or at its sender's
     * stop during it: not the transport's answer at the send, and the message never left its sender.
     */
    public static boolean failedDuringDelay(String reason) {
        return reason.endsWith(AFTER_DELAY) || reason.equals(STOPPED_DURING_DELAY);
    }
    /** Why a send that injected loss dropped is undelivered. */
    public static final String INJECTED_LOSS = "injected loss";

    /** Why a message still held for its injected delay when its machine stopped is undelivered. */
    public static final String STOPPED_DURING_DELAY = "stopped during injected delay";

    /**
     * A clean stop: every message still held for its injected delay is reported undelivered
     * ({@link #STOPPED_DURING_DELAY}) and none is sent later. Without this a message sent in the last delay
     * window before the stop would be in no log: not on the wire, and gone with the machine.
     */
    public void abandonDelayed() {
        for (int slot = 0; slot < neighbours.length; slot++) {
            Delayed[] left;
            synchronized (delayed) {
                ArrayDeque<Delayed> queue = delayed[slot];
                if (queue == null || queue.isEmpty()) {
                    continue;
                }
                left = queue.toArray(new Delayed[0]);
                queue.clear();
            }
            for (Delayed d : left) {
                reporter.undelivered(neighbours[slot], d.message().seq(), STOPPED_DURING_DELAY);
            }
        }
    }

    private record Delayed(long dueNanos, Message message) {
    }
}
