package dev.clockscope.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.clockscope.config.MachineSpec;
import dev.clockscope.random.SeededRandom;
import dev.clockscope.testing.FakePeer;
import dev.clockscope.testing.Ports;
import dev.clockscope.time.SystemTimeSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md: a peer is up when both connections with it are established, and a send to a peer that is not up is
 * refused as "peer down". Machine a's own connection to b is established first (b, played by the test, answers it)
 * while b has not yet connected to a: a has not logged b up, so a send must be refused. It used to go out over the
 * one connection, and a survivor's send to a restarted peer could then be neither refused nor after its peer_up.
 */
class SendNeedsBothConnectionsIT {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));

    @Test
    void aSendIsRefusedUntilThePeerIsUpBothWays() throws Exception {
        List<Integer> ports = Ports.free(2);
        List<MachineSpec> machines = List.of(new MachineSpec("a", "127.0.0.1", ports.get(0)),
                new MachineSpec("b", "127.0.0.1", ports.get(1)));
        Heard aLinks = new Heard();
        NetTransport a = new NetTransport("a", machines, 1, aLinks, SystemTimeSource.INSTANCE, new SeededRandom(1), QUICK);
        try (FakePeer b = new FakePeer("b", ports.get(1), null, 7)) {
            a.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> aLinks.up.contains("b>"));
            assertEquals(NetTransport.PEER_DOWN, a.sendState("b"), "only a's connection to b is established");
            b.connect(ports.get(0));
            await().atMost(Duration.ofSeconds(10)).until(() -> aLinks.up.contains("b<"));
            assertNull(a.sendState("b"), "both connections established: b is up");
        } finally {
            a.close();
        }
    }
}
