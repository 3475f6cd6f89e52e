package dev.clockscope.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.clockscope.config.MachineSpec;
import dev.clockscope.node.Message;
import dev.clockscope.random.SeededRandom;
import dev.clockscope.testing.Ports;
import dev.clockscope.time.SystemTimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The warm-up's messages take the real path on a loopback connection of its own and reach no one. */
class NetWarmUpIT {
    /** Counts what reaches the machine. */
    static final class Received implements NetListener {
        final AtomicInteger messages = new AtomicInteger();
        final AtomicInteger linksUp = new AtomicInteger();

        @Override
        public void onMessage(Message message) {
            messages.incrementAndGet();
        }

        @Override
        public void onLinkUp(String peer, boolean outbound) {
            linksUp.incrementAndGet();
        }

        @Override
        public void onLinkDown(String peer, boolean outbound) {
        }
    }

    @Test
    void everyWarmUpMessageIsDecodedAndNoneReachesTheMachineOrItsPeer() throws Exception {
        List<Integer> ports = Ports.free(2);
        List<MachineSpec> machines = List.of(new MachineSpec("a", "127.0.0.1", ports.get(0)),
                new MachineSpec("b", "127.0.0.1", ports.get(1)));
        Received atA = new Received();
        Received atB = new Received();
        NetTransport a = new NetTransport("a", machines, 1, atA, SystemTimeSource.INSTANCE, new SeededRandom(1),
                Backoff.DEFAULT);
        NetTransport b = new NetTransport("b", machines, 2, atB, SystemTimeSource.INSTANCE, new SeededRandom(2),
                Backoff.DEFAULT);
        try {
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> atA.linksUp.get() == 2 && atB.linksUp.get() == 2);

            NetWarmUp.Result first = a.warmUp(300);
            assertEquals(300, first.sent());
            assertEquals(300, first.received(), "every message decoded on the loopback end");
            // its connection is closed again: a second warm-up binds and connects anew
            assertEquals(50, a.warmUp(50).received());

            // the real link is untouched: one real message arrives, and it is the only one either side got
            Message real = new Message(0, 1, 1, 1, dev.clockscope.clock.VectorClock.zero(2).tick(0), 0);
            assertNull(a.send("b", real));
            await().atMost(Duration.ofSeconds(10)).until(() -> atB.messages.get() == 1);
            assertEquals(0, atA.messages.get());
            assertEquals(1, atB.messages.get());
            assertEquals(2, atA.linksUp.get(), "no link to anyone came or went");
        } finally {
            b.close();
            a.close();
        }
    }
}
