package dev.clockscope.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.clock.VectorClock;
import dev.clockscope.config.MachineSpec;
import dev.clockscope.node.Message;
import dev.clockscope.random.SeededRandom;
import dev.clockscope.testing.Ports;
import dev.clockscope.time.SystemTimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two transports on loopback: a clean stop's goodbye settles every message in both directions. Whatever
 * either side's send accepted ends up taken by the other or reported undelivered, never neither.
 */
class GoodbyeIT {
    private final Heard heardByA = new Heard();
    private final Heard heardByB = new Heard();
    private NetTransport a;
    private NetTransport b;

    /** Transports "a" and "b" on loopback, connected both ways. */
    @BeforeEach
    void connectedPair() throws Exception {
        List<Integer> ports = Ports.free(2);
        List<MachineSpec> machines = List.of(new MachineSpec("a", "127.0.0.1", ports.get(0)),
                new MachineSpec("b", "127.0.0.1", ports.get(1)));
        a = new NetTransport("a", machines, 1, heardByA, SystemTimeSource.INSTANCE, new SeededRandom(1), Backoff.DEFAULT);
        b = new NetTransport("b", machines, 2, heardByB, SystemTimeSource.INSTANCE, new SeededRandom(2), Backoff.DEFAULT);
        a.start();
        b.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> heardByA.up.size() == 2 && heardByB.up.size() == 2);
    }

    /** close() twice is harmless: the tests close "a" themselves. */
    private void close() {
        a.close();
        b.close();
    }

    private static Message message(String from, long seq, int index) {
        long[] v = new long[2];
        v[index] = seq;
        return new Message(index, 1, seq, seq, VectorClock.of(v), 0);
    }

    @Test
    void aGoodbyeSettlesEverythingInFlightBothWays() throws Exception {
        try {
            // both send right up to a's goodbye; b goes on after it
            a.setBatching(true);
            for (long seq = 1; seq <= 2_000; seq++) {
                assertNull(a.send("b", message("a", seq, 0)));
                assertNull(b.send("a", message("b", seq, 1)));
            }
            NetTransport.GoodbyeOutcome outcome = a.sayGoodbye(Duration.ofSeconds(10));
            assertEquals(List.of("b"), outcome.answered());
            // a's side: everything it sent was taken by b (acknowledged before the answer was counted)
            assertEquals(2_000, heardByB.taken.size());
            assertTrue(heardByA.undelivered.isEmpty(), "a reported " + heardByA.undelivered.size());
            // b's side: its answer followed the last message it had written; the writes b's event loop still had
            // queued were not sent after it, but reported as "peer stopped"
            await().atMost(Duration.ofSeconds(10)).until(() -> heardByA.taken.size() + heardByB.undelivered.size() == 2_000);
            for (long seq : heardByB.undelivered) {
                assertTrue(!heardByA.taken.contains(seq), "seq " + seq + " both taken and reported");
            }
            assertEquals(Set.of("a"), heardByB.stopped);
            assertEquals(NetTransport.PEER_STOPPED, b.sendState("a"));
            assertEquals(NetTransport.PEER_STOPPED, b.send("a", message("b", 2_001, 1)));
            assertEquals(NetTransport.STOPPING, a.send("b", message("a", 2_001, 0)));
            a.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> heardByB.up.isEmpty());
            assertEquals(NetTransport.PEER_STOPPED, b.sendState("a"), "still stopped, not merely down");
            System.out.printf("GoodbyeIT: a took %d of b's 2000 messages, b reported %d as undelivered%n",
                    heardByA.taken.size(), heardByB.undelivered.size());
        } finally {
            close();
        }
    }

    @Test
    void closeWithoutAGoodbyeTakesNothingMoreAndItsPeerReportsWhatItSentAsUnacknowledged() throws Exception {
        try {
            b.setBatching(true);
            long accepted = 0;
            for (long seq = 1; seq <= 20_000; seq++) {
                if (b.send("a", message("b", seq, 1)) == null) {
                    accepted++;
                }
                if (seq == 10_000) {
                    b.flushSends();
                    a.close(); // a stops while b's messages are on their way
                }
            }
            b.flushSends();
            long finalAccepted = accepted;
            await().atMost(Duration.ofSeconds(10)).until(() -> heardByB.up.isEmpty());
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    heardByA.taken.size() + heardByB.undelivered.size() == finalAccepted);
            for (long seq : heardByB.undelivered) {
                assertTrue(!heardByA.taken.contains(seq), "seq " + seq + " both taken and reported");
            }
            System.out.printf("GoodbyeIT close: b's send accepted %d, a took %d, b reported %d undelivered%n",
                    accepted, heardByA.taken.size(), heardByB.undelivered.size());
        } finally {
            close();
        }
    }
}
