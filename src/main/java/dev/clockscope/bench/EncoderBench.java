package dev.clockscope.bench;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLineEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How long {@link EventLineEncoder} takes per event on a 3-machine run's kind of lines: 100,000 events (half
 * receives, a fifth sends, the rest internal; an HLC and a vector of 3 on each; µs times 0-3 µs apart), encoded
 * {@code rounds} times into a buffer. Prints one line {@code nsPerEvent=...} (the median of the last half of the
 * rounds: the JIT has settled by then) and {@code bytesPerEvent=...}. scripts/bench-encoder.sh runs it under each
 * JIT. A benchmark, not a test: the numbers depend on the host.
 */
public final class EncoderBench {
    private EncoderBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        List<Event> events = events(100_000);
        EventLineEncoder encoder = new EventLineEncoder();
        EventLineEncoder.Buffer buffer = new EventLineEncoder.Buffer(1 << 20);
        double[] nanos = new double[rounds];
        long bytes = 0;
        for (int r = 0; r < rounds; r++) {
            long encoded = 0;
            long t0 = System.nanoTime();
            for (Event e : events) {
                encoder.encode(e, buffer);
                if (buffer.length() > (1 << 19)) {
                    encoded += buffer.length();
                    buffer.clear();
                }
            }
            nanos[r] = (System.nanoTime() - t0) / (double) events.size();
            bytes = encoded + buffer.length();
            buffer.clear();
        }
        double[] settled = java.util.Arrays.copyOfRange(nanos, rounds / 2, rounds);
        java.util.Arrays.sort(settled);
        System.out.printf(Locale.ROOT, "nsPerEvent=%.1f%n", settled[settled.length / 2]);
        System.out.printf(Locale.ROOT, "bytesPerEvent=%.1f%n", bytes / (double) events.size());
    }

    private static List<Event> events(int n) {
        List<String> ids = List.of("machine_1", "machine_2", "machine_3");
        List<String> peers = List.of("machine_2", "machine_3");
        SplittableRandom random = new SplittableRandom(1);
        long wall = 1_795_330_732_459_990L;
        long[] incarnations = {1_795_330_700_000_000L, 1_795_330_700_123_456L};
        List<Event> events = new ArrayList<>(n + 1);
        events.add(new Event.Start(1, "machine_1", ids, peers, 0, 10, 7, wall, wall, "bench"));
        for (int i = 1; i <= n; i++) {
            wall += random.nextInt(0, 3);
            VectorClock v = VectorClock.of(i * 3L, i * 2L + 5, i * 2L + 9);
            Hlc hlc = new Hlc(wall, random.nextInt(3));
            int queue = random.nextInt(2000);
            int kind = random.nextInt(10);
            if (kind < 5) {
                int p = random.nextInt(2);
                events.add(new Event.Receive(wall, i, i * 3L, v, queue, peers.get(p), i / 2 + 1, i * 3L - 7,
                        incarnations[p], wall - random.nextInt(5000), wall, hlc));
            } else if (kind < 7) {
                events.add(new Event.Send(wall, i, i * 3L, v, queue, kind == 5 ? List.of(peers.get(0)) : peers, i / 2 + 1,
                        wall, hlc));
            } else {
                events.add(new Event.Internal(wall, i, i * 3L, v, queue, wall, hlc));
            }
        }
        return events;
    }
}
