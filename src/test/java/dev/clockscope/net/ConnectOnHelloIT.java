package dev.clockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.awaitility.Awaitility.await;

import dev.clockscope.config.MachineSpec;
import dev.clockscope.random.SeededRandom;
import dev.clockscope.testing.Ports;
import dev.clockscope.time.SystemTimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A machine whose outbound link waits in reconnect back-off connects at once when the peer's Hello
 * authenticates: the peer is evidently up. The back-off here is 60-120 s, so the link can only come up
 * within the test's wait through the Hello, never through the scheduled retry (no timing is measured).
 */
class ConnectOnHelloIT {
    private static final Backoff LONG = new Backoff(Duration.ofSeconds(120), Duration.ofSeconds(120));

    @Test
    void aPeersHelloEndsTheBackOffWaitAndConnectsOnce() throws Exception {
        List<Integer> ports = Ports.free(2);
        List<MachineSpec> machines = List.of(new MachineSpec("a", "127.0.0.1", ports.get(0)),
                new MachineSpec("b", "127.0.0.1", ports.get(1)));
        Heard aLinks = new Heard();
        Heard bLinks = new Heard();
        NetTransport a = new NetTransport("a", machines, 1, aLinks, SystemTimeSource.INSTANCE, new SeededRandom(1), LONG);
        NetTransport b = new NetTransport("b", machines, 2, bLinks, SystemTimeSource.INSTANCE, new SeededRandom(2), LONG);
        try {
            a.start(); // b is not listening yet: a's connect is refused and a waits 60-120 s before retrying
            await().atMost(Duration.ofSeconds(10)).until(() -> a.sendState("b") != null && waiting(a));
            b.start(); // b connects to a (a is listening) and authenticates; a then connects to b at once
            await().atMost(Duration.ofSeconds(20)).until(() -> aLinks.up.contains("b>") && bLinks.up.contains("a<"));
            assertNull(a.sendState("b"));
            assertEquals(Set.of("b>", "b<"), aLinks.up);
            assertEquals(Set.of("a>", "a<"), bLinks.up);
            assertEquals(1, a.connectsOnHello());
            assertEquals(0, b.connectsOnHello()); // b connected at its first attempt: nothing to cut short
            assertFalse(a.retryPending("b"));
        } finally {
            b.close();
            a.close();
        }
    }

    private static boolean waiting(NetTransport t) {
        return t.retryPending("b");
    }
}
