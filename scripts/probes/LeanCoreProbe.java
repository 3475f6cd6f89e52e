import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A cost probe for the simulator's speed floors (issue 10), not a model and not used by anything: the least work a
 * tick of `vm simulate`'s scenarios b, c and d can do in Java on this host, to say how far the real core is from
 * what the hardware allows. Every machine's hot state is one 128-byte row of a long[] (the struct-of-arrays layout
 * the notebook's "Why b and d stay open" asks for); messages live in one pooled table, chained per receiver.
 *
 * What a tick does is a simplified scale model: Lamport and HLC clocks (no skew: physical time is the virtual
 * time), the queue's head taken if any, else actions one=0.2, all=0.1, internal=0.7 over 8 random neighbours;
 * rates 1..6 ticks/s at random phases; zero link delay (a message joins its receiver's FIFO queue at once);
 * per-machine statistics (ticks, jump sum and max, the queue's time integral) and a 64-bit hash of every event, all
 * on one thread. Nothing else: no lives, faults, acknowledgements, event objects or logs. The real rules are in
 * node.Machine; this file must never be used to run one.
 *
 * The agenda is a calendar of 1,024 buckets of 1 ms (a period is at most 1 s), each sorted when it becomes
 * current, so events run in (time, machine) order; a few events ahead, the machines about to run are read early,
 * as sim.ReadAhead does (--no-read-ahead to compare).
 *
 * Options add one cost of the real simulator each, to price it: --acks (a receive decrements its sender's count of
 * unacknowledged messages, as sim.Acknowledgements does), --inbox (a message first waits in its receiver's inbox,
 * a separate array, and moves to its queue at the receiver's next turn, as sim.Inboxes does), --events (every event
 * is an object handed in batches to a second thread, which keeps the statistics and the hash, as sim.AsyncSinks
 * does), --objects (each machine's row and its neighbours are objects of their own, a long[16] and an int[8]
 * allocated in index order, reached through an array of references, as machines are objects in the simulator).
 *
 * Usage: java -Xmx1g scripts/probes/LeanCoreProbe.java MACHINES SECONDS SEED [--no-read-ahead] [--acks] [--inbox]
 *        [--events] [--objects]
 * Prints one line: "probe: ... in T s" (T = setup + loop, as `vm simulate`'s "run" includes composing the machines).
 */
public class LeanCoreProbe {
    /** Longs per machine: its row starts at ROW * machine. */
    static final int ROW = 16;
    static final int LAMPORT = 0, HLC_L = 1, HLC_C = 2, RNG = 3, DEADLINE = 4, PERIOD = 5, QUEUE_HEAD = 6,
            QUEUE_TAIL = 7, QUEUE_LENGTH = 8, TICKS = 9, JUMP_SUM = 10, JUMP_MAX = 11, QUEUE_SINCE = 12,
            QUEUE_AREA = 13, SEQ = 14;
    static final int DEGREE = 8;
    /** Longs per message: from, Lamport, HLC l, HLC c, seq, next message in its receiver's queue (or free list). */
    static final int MSG = 6;
    static final int NEXT = 5;
    static final int BUCKETS = 1024;
    static final long GOLDEN = 0x9E3779B97F4A7C15L;
    static final int BATCH = 4096;

    /** One tick event, for --events. */
    record Event(int machine, int kind, long micros, long lamport, long queue, long jump) {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: java LeanCoreProbe.java MACHINES SECONDS SEED [--no-read-ahead] [--acks] [--inbox]"
                    + " [--events] [--objects]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        long endMicros = Math.round(Double.parseDouble(args[1]) * 1e6); // 2.75 for 2750 ms
        long seed = Long.parseLong(args[2]);
        List<String> options = Arrays.asList(args).subList(3, args.length);
        for (String o : options) {
            if (!List.of("--no-read-ahead", "--acks", "--inbox", "--events", "--objects").contains(o)) {
                System.err.println("LeanCoreProbe: unknown option " + o);
                System.exit(2);
            }
        }
        boolean readAhead = !options.contains("--no-read-ahead");
        boolean acks = options.contains("--acks");
        boolean inbox = options.contains("--inbox");
        boolean events = options.contains("--events");
        boolean objects = options.contains("--objects");
        long start = System.nanoTime();

        long[] rows = new long[n * ROW];
        int[] neighbours = new int[n * DEGREE];
        long s = seed;
        for (int i = 0; i < n; i++) {
            int r = i * ROW;
            s = mix(s + GOLDEN);
            rows[r + PERIOD] = 1_000_000L / (1 + Long.remainderUnsigned(s, 6));
            s = mix(s + GOLDEN);
            rows[r + DEADLINE] = Long.remainderUnsigned(s, rows[r + PERIOD]);
            rows[r + RNG] = mix(s ^ i);
            rows[r + QUEUE_HEAD] = -1;
            rows[r + QUEUE_TAIL] = -1;
            for (int k = 0; k < DEGREE; k++) {
                s = mix(s + GOLDEN);
                int nb = (int) Long.remainderUnsigned(s, n - 1);
                neighbours[i * DEGREE + k] = nb >= i ? nb + 1 : nb; // any machine but itself
            }
        }
        // --objects: each machine's row and neighbours are objects of their own, allocated in index order
        long[][] own = objects ? new long[n][] : null;
        int[][] ownNeighbours = objects ? new int[n][] : null;
        if (objects) {
            for (int i = 0; i < n; i++) {
                own[i] = Arrays.copyOfRange(rows, i * ROW, i * ROW + ROW);
                ownNeighbours[i] = Arrays.copyOfRange(neighbours, i * DEGREE, i * DEGREE + DEGREE);
            }
        }
        // agenda keys: deadline in µs << 20 | machine (up to 2^20 machines)
        long[][] bucket = new long[BUCKETS][];
        int[] size = new int[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            bucket[b] = new long[64];
        }
        for (int i = 0; i < n; i++) {
            add(bucket, size, rows[i * ROW + DEADLINE], i);
        }
        long[] msgs = new long[(1 << 16) * MSG];
        int free = -1;
        int made = 0;
        int[] unacknowledged = new int[n];
        int[] inboxHead = new int[n];
        int[] inboxTail = new int[n];
        Arrays.fill(inboxHead, -1);
        Arrays.fill(inboxTail, -1);
        Statistics stats = new Statistics(n);
        BlockingQueue<Event[]> batches = new ArrayBlockingQueue<>(16);
        Thread sinks = new Thread(() -> stats.drain(batches), "sinks");
        if (events) {
            sinks.start();
        }
        Event[] batch = new Event[BATCH];
        int inBatch = 0;
        long tickEvents = 0, sends = 0, receives = 0, messages = 0, touched = 0;
        long currentMillis = 0;
        int current = 0;
        int pos = 0;
        Arrays.sort(bucket[0], 0, size[0]);
        long loopStart = System.nanoTime();

        while (true) {
            while (pos == size[current]) {
                size[current] = 0;
                pos = 0;
                currentMillis++;
                current = (int) (currentMillis % BUCKETS);
                Arrays.sort(bucket[current], 0, size[current]);
            }
            long[] due = bucket[current];
            if (readAhead) {
                if (pos + 12 < size[current]) {
                    int a = (int) (due[pos + 12] & 0xFFFFF);
                    touched += objects ? own[a][0] + own[a][8] : rows[a * ROW] + rows[a * ROW + 8]; // both lines
                }
                if (pos + 6 < size[current]) {
                    int a = (int) (due[pos + 6] & 0xFFFFF);
                    long head = objects ? own[a][QUEUE_HEAD] : rows[a * ROW + QUEUE_HEAD];
                    touched += head >= 0 ? msgs[(int) head * MSG + 1] : objects ? ownNeighbours[a][0] : neighbours[a * DEGREE];
                }
            }
            long key = due[pos++];
            long now = key >>> 20;
            if (now >= endMicros) {
                break;
            }
            int i = (int) (key & 0xFFFFF);
            long[] row = objects ? own[i] : rows;
            int r = objects ? 0 : i * ROW;
            long lamport = row[r + LAMPORT];
            long before = lamport;
            long hlcL = row[r + HLC_L];
            long hlcC = row[r + HLC_C];
            if (inbox && inboxHead[i] >= 0) { // what waited in the inbox joins the queue, one message at a time
                int m = inboxHead[i];
                while (m >= 0) {
                    int next = (int) msgs[m * MSG + NEXT];
                    msgs[m * MSG + NEXT] = -1;
                    append(row, msgs, r, m, now);
                    m = next;
                }
                inboxHead[i] = -1;
                inboxTail[i] = -1;
            }
            long length = row[r + QUEUE_LENGTH];
            row[r + QUEUE_AREA] += length * (now - row[r + QUEUE_SINCE]);
            row[r + QUEUE_SINCE] = now;
            int kind;
            if (length > 0) { // receive the head
                int m = (int) row[r + QUEUE_HEAD];
                int b = m * MSG;
                lamport = Math.max(lamport, msgs[b + 1]) + 1;
                long ml = msgs[b + 2];
                long l = Math.max(Math.max(hlcL, ml), now);
                hlcC = l == hlcL && l == ml ? Math.max(hlcC, msgs[b + 3]) + 1
                        : l == hlcL ? hlcC + 1 : l == ml ? msgs[b + 3] + 1 : 0;
                hlcL = l;
                row[r + QUEUE_HEAD] = msgs[b + NEXT];
                if (--length == 0) {
                    row[r + QUEUE_TAIL] = -1;
                }
                row[r + QUEUE_LENGTH] = length;
                if (acks) {
                    unacknowledged[(int) msgs[b]]--;
                }
                msgs[b + NEXT] = free;
                free = m;
                kind = 1;
                receives++;
            } else {
                long rng = row[r + RNG] + GOLDEN;
                row[r + RNG] = rng;
                long u = mix(rng) >>> 11; // uniform in [0, 2^53)
                lamport++;
                long l = Math.max(hlcL, now);
                hlcC = l == hlcL ? hlcC + 1 : 0;
                hlcL = l;
                kind = 3;
                if (u < (long) (0.3 * (1L << 53))) {
                    int from = i * DEGREE;
                    int to = from + DEGREE;
                    if (u < (long) (0.2 * (1L << 53))) { // one neighbour
                        from += (int) (u % DEGREE);
                        to = from + 1;
                    }
                    long seq = ++row[r + SEQ];
                    for (int k = from; k < to; k++) {
                        int m;
                        if (free >= 0) {
                            m = free;
                            free = (int) msgs[m * MSG + NEXT];
                        } else {
                            if ((made + 1) * MSG > msgs.length) {
                                msgs = Arrays.copyOf(msgs, msgs.length * 2);
                            }
                            m = made++;
                        }
                        int b = m * MSG;
                        msgs[b] = i;
                        msgs[b + 1] = lamport;
                        msgs[b + 2] = hlcL;
                        msgs[b + 3] = hlcC;
                        msgs[b + 4] = seq;
                        msgs[b + NEXT] = -1;
                        int dst = objects ? ownNeighbours[i][k - i * DEGREE] : neighbours[k];
                        if (inbox) {
                            int tail = inboxTail[dst];
                            if (tail < 0) {
                                inboxHead[dst] = m;
                            } else {
                                msgs[tail * MSG + NEXT] = m;
                            }
                            inboxTail[dst] = m;
                        } else {
                            append(objects ? own[dst] : rows, msgs, objects ? 0 : dst * ROW, m, now);
                        }
                        messages++;
                    }
                    if (acks) {
                        unacknowledged[i] += to - from;
                    }
                    kind = 2;
                    sends++;
                }
            }
            row[r + LAMPORT] = lamport;
            row[r + HLC_L] = hlcL;
            row[r + HLC_C] = hlcC;
            long jump = lamport - before;
            if (events) {
                batch[inBatch++] = new Event(i, kind, now, lamport, length, jump);
                if (inBatch == BATCH) {
                    put(batches, batch);
                    batch = new Event[BATCH];
                    inBatch = 0;
                }
            } else {
                row[r + JUMP_SUM] += jump;
                row[r + JUMP_MAX] = Math.max(row[r + JUMP_MAX], jump);
                row[r + TICKS]++;
                stats.hash = mix(mix(mix(mix(mix(stats.hash ^ i) ^ kind) ^ now) ^ lamport) ^ length);
            }
            tickEvents++;
            long next = row[r + DEADLINE] + row[r + PERIOD];
            row[r + DEADLINE] = next;
            add(bucket, size, next, i);
        }
        long jumpMax = 0;
        if (events) {
            put(batches, Arrays.copyOf(batch, inBatch));
            put(batches, new Event[0]); // the end
            try {
                sinks.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            jumpMax = stats.jumpMax;
        }
        long end = System.nanoTime();
        for (int i = 0; i < n; i++) {
            jumpMax = Math.max(jumpMax, objects ? own[i][JUMP_MAX] : rows[i * ROW + JUMP_MAX]);
        }
        double seconds = (end - start) / 1e9;
        System.out.printf("probe: %d machines, %s s virtual, read-ahead %s%s: setup %.3f s, loop %.3f s, %d tick events"
                        + " (%d send, %d receive), %d messages, max jump %d, hash %016x (%d), in %.3f s%n",
                n, args[1], readAhead ? "on" : "off", (objects ? ", objects" : "") + (acks ? ", acks" : "") + (inbox ? ", inbox" : "")
                        + (events ? ", events" : ""), (loopStart - start) / 1e9, (end - loopStart) / 1e9,
                tickEvents, sends, receives, messages, jumpMax, stats.hash, touched & 1, seconds);
    }

    /** Message {@code m} joins the FIFO queue of the machine whose row starts at {@code d}. */
    static void append(long[] rows, long[] msgs, int d, int m, long now) {
        long tail = rows[d + QUEUE_TAIL];
        if (tail < 0) {
            rows[d + QUEUE_HEAD] = m;
        } else {
            msgs[(int) tail * MSG + NEXT] = m;
        }
        rows[d + QUEUE_TAIL] = m;
        long length = rows[d + QUEUE_LENGTH];
        rows[d + QUEUE_AREA] += length * (now - rows[d + QUEUE_SINCE]);
        rows[d + QUEUE_SINCE] = now;
        rows[d + QUEUE_LENGTH] = length + 1;
    }

    static void put(BlockingQueue<Event[]> batches, Event[] batch) {
        try {
            batches.put(batch);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statistics and the hash: on the tick's thread, or with --events on the second thread. */
    static final class Statistics {
        static final int STATS_ROW = 4;
        final long[] statsRows;
        long hash = 0x2545F4914F6CDD1DL;
        long jumpMax;

        Statistics(int n) {
            statsRows = new long[n * STATS_ROW];
        }

        void drain(BlockingQueue<Event[]> batches) {
            try {
                while (true) {
                    Event[] b = batches.take();
                    if (b.length == 0) {
                        return;
                    }
                    for (Event e : b) {
                        int r = e.machine() * STATS_ROW;
                        statsRows[r] += e.jump();
                        statsRows[r + 1] = Math.max(statsRows[r + 1], e.jump());
                        statsRows[r + 2]++;
                        jumpMax = Math.max(jumpMax, e.jump());
                        hash = mix(mix(mix(mix(mix(hash ^ e.machine()) ^ e.kind()) ^ e.micros()) ^ e.lamport()) ^ e.queue());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void add(long[][] bucket, int[] size, long deadlineMicros, int machine) {
        int b = (int) ((deadlineMicros / 1000) % BUCKETS);
        if (size[b] == bucket[b].length) {
            bucket[b] = Arrays.copyOf(bucket[b], size[b] * 2);
        }
        bucket[b][size[b]++] = deadlineMicros << 20 | machine;
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
