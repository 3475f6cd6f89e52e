package dev.clockscope.analysis;

import dev.clockscope.clock.LamportClock;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Writes the logs of a simulated run (virtual time, the scale model's rules, FIFO links with random
 * delay) with the real {@link EventLogWriter}, so tests and the benchmark get logs of any size in the
 * exact format. Deterministic for a seed. {@code dropEvery} > 0 loses every n-th message in the network.
 */
public final class SyntheticRun {
    private final List<String> ids = new ArrayList<>();
    private final int[] rates;
    private final long seed;
    private int die = 10;
    private int dropEvery;

    public SyntheticRun(long seed, int... ticksPerSecond) {
        this.seed = seed;
        this.rates = ticksPerSecond.clone();
        for (int i = 0; i < rates.length; i++) {
            ids.add("machine_" + (i + 1));
        }
    }

    public SyntheticRun dropEvery(int n) {
        this.dropEvery = n;
        return this;
    }

    public SyntheticRun die(int sides) {
        this.die = sides;
        return this;
    }

    private record Msg(int from, int to, long seq, long lamport, VectorClock vector, long arriveMicros, long order)
            implements Comparable<Msg> {
        @Override
        public int compareTo(Msg o) {
            int c = Long.compare(arriveMicros, o.arriveMicros);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /** Writes {@code dir/<id>.log} for every machine, each ticking for {@code seconds} of virtual time; returns lines written. */
    public long write(Path dir, double seconds) throws IOException {
        int n = rates.length;
        SplittableRandom random = new SplittableRandom(seed);
        long t0 = 1_700_000_000_000_000L;
        EventLogWriter[] logs = new EventLogWriter[n];
        LamportClock[] lamport = new LamportClock[n];
        VectorClock[] vector = new VectorClock[n];
        long[] ticks = new long[n];
        long[] seq = new long[n];
        long[] linkLastArrive = new long[n * n];
        @SuppressWarnings("unchecked")
        PriorityQueue<Msg>[] network = new PriorityQueue[n];
        @SuppressWarnings("unchecked")
        ArrayDeque<Msg>[] queue = new ArrayDeque[n];
        long lines = 0;
        for (int i = 0; i < n; i++) {
            logs[i] = EventLogWriter.open(dir, ids.get(i));
            lamport[i] = new LamportClock();
            vector[i] = VectorClock.zero(n);
            network[i] = new PriorityQueue<>();
            queue[i] = new ArrayDeque<>();
            List<String> peers = new ArrayList<>(ids);
            peers.remove(i);
            logs[i].append(new Event.Start(Event.FORMAT, ids.get(i), ids, peers, rates[i], die, seed, t0 + i, t0 + i, "test"));
            logs[i].append(new Event.Connected(t0 + 1000, peers));
            lines += 2;
        }
        long endMicros = t0 + 2000 + (long) (seconds * 1e6);
        PriorityQueue<long[]> clock = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (int i = 0; i < n; i++) {
            clock.add(new long[] {t0 + 2000 + i, i});
        }
        long order = 0;
        while (!clock.isEmpty()) {
            long[] next = clock.poll();
            long now = next[0];
            int i = (int) next[1];
            if (now > endMicros) {
                continue;
            }
            ticks[i]++;
            clock.add(new long[] {t0 + 2000 + i + Math.round(ticks[i] * 1e6 / rates[i]), i});
            while (!network[i].isEmpty() && network[i].peek().arriveMicros() <= now) {
                queue[i].add(network[i].poll());
            }
            Msg m = queue[i].poll();
            if (m != null) {
                long l = lamport[i].merge(m.lamport());
                vector[i] = vector[i].mergeAndTick(m.vector(), i);
                logs[i].append(new Event.Receive(now, ticks[i], l, vector[i], queue[i].size(), ids.get(m.from()),
                        m.seq(), m.lamport(), t0 + m.from(), m.arriveMicros()));
                lines++;
                continue;
            }
            int face = 1 + random.nextInt(die);
            if (face <= n) {
                List<Integer> targets = new ArrayList<>();
                if (face == n) {
                    for (int j = 0; j < n; j++) {
                        if (j != i) {
                            targets.add(j);
                        }
                    }
                } else {
                    int j = face - 1;
                    targets.add(j >= i ? j + 1 : j);
                }
                long l = lamport[i].tick();
                vector[i] = vector[i].tick(i);
                long s = ++seq[i];
                List<String> to = targets.stream().map(ids::get).toList();
                logs[i].append(new Event.Send(now, ticks[i], l, vector[i], queue[i].size(), to, s));
                lines++;
                for (int j : targets) {
                    order++;
                    if (dropEvery > 0 && order % dropEvery == 0) {
                        continue;
                    }
                    long arrive = Math.max(linkLastArrive[i * n + j], now + 50 + random.nextInt(400));
                    linkLastArrive[i * n + j] = arrive;
                    network[j].add(new Msg(i, j, s, l, vector[i], arrive, order));
                }
            } else {
                long l = lamport[i].tick();
                vector[i] = vector[i].tick(i);
                logs[i].append(new Event.Internal(now, ticks[i], l, vector[i], queue[i].size()));
                lines++;
            }
        }
        for (int i = 0; i < n; i++) {
            logs[i].append(new Event.Stop(endMicros, "duration", ticks[i]));
            lines++;
            logs[i].close();
        }
        return lines;
    }

    public List<String> ids() {
        return ids;
    }
}
