package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.config.ConfigLoader;
import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import dev.clockscope.protocol.Handshake;
import dev.clockscope.testing.FakePeer;
import dev.clockscope.testing.FaultTally;
import dev.clockscope.testing.LogInvariants;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.StartedProcesses;
import dev.clockscope.testing.VmProcess;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS with certificates from scripts/make-test-certs.sh, plus the cluster secret. */
class TlsIT {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    @Test
    void machinesTalkOverMutualTlsAndAPlainTextClientIsRefused() throws Exception {
        Path script = Path.of(System.getProperty("clockscope.jar")).resolveSibling("scripts/make-test-certs.sh");
        Process certs = new ProcessBuilder("bash", script.toString(), dir.resolve("certs").toString(), "machine_1", "machine_2")
                .redirectErrorStream(true).start();
        assertEquals(0, certs.waitFor(), new String(certs.getInputStream().readAllBytes()));
        List<String> ids = Ports.writeConfig(dir.resolve("config.json"), 2, "\"ticksPerSecond\":20,\"duration\":\"4s\","
                + "\"secret\":\"tls-and-hmac\",\"tls\":{\"ca\":\"certs/ca.pem\",\"cert\":\"certs/{id}.pem\",\"key\":\"certs/{id}.key\"}");
        for (String id : ids) {
            processes.add(VmProcess.start(dir, id, "--machine-id", id));
        }
        Path log1 = dir.resolve("output_files/machine_1.log");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log1) && Files.readString(log1).contains("\"event\":\"receive\""));

        // a client that speaks the protocol in clear text never gets past the TLS layer
        int port = new ConfigLoader().load(dir.resolve("config.json")).machines().get(0).port();
        int local;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            local = s.getLocalPort();
            s.getOutputStream().write(FakePeer.framed(new Frame.Hello(FrameCodec.PROTOCOL_VERSION, "machine_2", Long.MAX_VALUE,
                    Handshake.newNonce())));
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // until closed
            }
        } catch (java.net.SocketException reset) {
            local = -1;
        }
        for (VmProcess p : processes) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !p.process.isAlive());
            assertEquals(0, p.process.exitValue(), p.err());
            assertTrue(p.out().contains("TLS on"), p.out());
            assertFalse(p.out().contains("tls-and-hmac"), "the secret is never logged");
        }
        String out1 = processes.get(0).out();
        assertTrue(out1.contains("closing inbound connection /127.0.0.1:" + (local > 0 ? local + ":" : "")), out1);
        LogInvariants inv = LogInvariants.check(dir.resolve("output_files"), ids);
        assertTrue(inv.matchedMessages > 5, "messages over TLS: " + inv.matchedMessages);
        FaultTally.add("plain-text client against TLS", 1);
    }
}
