package dev.clockscope.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clockscope.config.MachineSpec;
import dev.clockscope.random.SeededRandom;
import dev.clockscope.testing.Ports;
import dev.clockscope.time.SystemTimeSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An acknowledgement asked for after the transport's event loop has ended is dropped quietly. The log's writer
 * thread asks for them after each write and can lag behind the goodbye's close under load; before, Netty's
 * RejectedExecutionException killed that thread, and the machine's last lines were lost with exit 0. A start that
 * fails (its port taken) ends the loop without marking the transport closed: the state the race reaches.
 */
class AcknowledgeAfterShutdownTest {
    @Test
    void anAcknowledgementAfterTheLoopEndedIsDroppedQuietly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<MachineSpec> machines = List.of(new MachineSpec("a", "127.0.0.1", taken.getLocalPort()),
                    new MachineSpec("b", "127.0.0.1", Ports.free(1).get(0))); // never reached: the bind fails first
            NetTransport a = new NetTransport("a", machines, 1, new Heard(), SystemTimeSource.INSTANCE,
                    new SeededRandom(1), Backoff.DEFAULT);
            assertThrows(NetStartException.class, a::start);
            // the loop ends within milliseconds of the failed start; each call must return quietly throughout
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() -> {
                a.acknowledge("b", 2, 1);
                return true;
            });
        }
    }
}
