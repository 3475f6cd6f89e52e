package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.StartedProcesses;
import dev.clockscope.testing.VmProcess;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad config, bad environment and bad bytes against real processes and sockets. */
class BadInputIT {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    private VmProcess runToEnd(String... args) throws Exception {
        VmProcess p = VmProcess.start(dir, "vm", args);
        processes.add(p);
        await().atMost(Duration.ofSeconds(30)).until(() -> !p.process.isAlive());
        return p;
    }

    @Test
    void badConfigIsOneLineExitTwoNoStackTrace() throws Exception {
        Files.writeString(dir.resolve("config.json"),
                "{\"machines\":[{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":70000},{\"id\":\"b\",\"host\":\"h\",\"port\":2}]}");
        VmProcess p = runToEnd("--machine-id", "a");
        assertEquals(2, p.process.exitValue());
        assertEquals("error: config.json: machines[0].port: 70000 is outside 1..65535\n", p.err());

        VmProcess unknown = runToEnd("--machine-id", "zz", "--config", "missing.json");
        assertEquals(2, unknown.process.exitValue());
        assertEquals("error: missing.json: file not found (use --config FILE)\n", unknown.err());
    }

    @Test
    void busyPortAndUnresolvableHostExitThreeWithOneLine() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int other = Ports.free(1).get(0);
            Files.writeString(dir.resolve("config.json"), "{\"machines\":[{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":"
                    + busy.getLocalPort() + "},{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":" + other + "}]}");
            VmProcess p = runToEnd("--machine-id", "a");
            assertEquals(3, p.process.exitValue());
            assertTrue(p.err().matches("error: a: cannot listen on 127.0.0.1:\\d+: Address already in use\\n"), p.err());
            assertFalse(Files.exists(dir.resolve("output_files/a.log")), "nothing logged for a run that never started");
        }
        Files.writeString(dir.resolve("config.json"), "{\"machines\":[{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":"
                + Ports.free(1).get(0) + "},{\"id\":\"b\",\"host\":\"no-such-host.invalid\",\"port\":9}]}");
        VmProcess p = runToEnd("--machine-id", "a");
        assertEquals(3, p.process.exitValue());
        assertEquals("error: a: cannot resolve host \"no-such-host.invalid\" of b\n", p.err());
    }

    private static byte[] framed(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    /** Sends bytes on a fresh connection and returns true once the machine has closed it. */
    private static boolean closedAfter(int port, byte[] bytes) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            // drain a possible handshake answer, then expect end of stream
            byte[] buf = new byte[256];
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    return true;
                }
            }
        }
    }

    @Test
    void garbageOnOneConnectionIsClosedWithAWarningAndTheMachineKeepsTicking() throws Exception {
        // die 4: half the rolls send, so traffic flows both ways (with die 2 two machines at one rate can lock
        // into a phase where one of them only ever sends and never receives)
        List<String> ids = Ports.writeConfig(dir.resolve("config.json"), 2, "\"ticksPerSecond\":10,\"die\":4,\"duration\":0");
        VmProcess m1 = VmProcess.start(dir, "machine_1", "--machine-id", "machine_1");
        VmProcess m2 = VmProcess.start(dir, "machine_2", "--machine-id", "machine_2");
        processes.add(m1);
        processes.add(m2);
        Path log1 = dir.resolve("output_files/machine_1.log");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log1) && Files.readString(log1).contains("\"event\":\"receive\""));
        int port = Integer.parseInt(Files.readString(dir.resolve("config.json")).split("\"port\":")[1].split("}")[0]);

        List<byte[]> attacks = List.of(
                new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3},                                   // 2 GB length prefix
                framed(new byte[] {42, 1, 2}),                                                   // unknown frame type
                framed(FrameCodec.encode(new Frame.Data(1, 1, 5, new long[] {0, 1}))),          // data before handshake
                framed(FrameCodec.encode(new Frame.Hello(FrameCodec.PROTOCOL_VERSION, "mallory", 1, new byte[32]))),     // unknown machine id
                framed(ByteBuffer.allocate(14).put((byte) 1).putShort((short) 99).putShort((short) 1)
                        .put((byte) 'x').putLong(1).array()),                                    // wrong protocol version
                framed(FrameCodec.encode(new Frame.Hello(FrameCodec.PROTOCOL_VERSION, "machine_2", 1, new byte[32]))),    // an older life of a connected id
                new byte[] {0, 0, 0, 0});                                                        // empty frame
        for (byte[] attack : attacks) {
            assertTrue(closedAfter(port, attack));
        }
        String console = m1.out();
        for (String reason : List.of("frame length", "unknown frame type 42", "Data before the handshake",
                "unknown machine id \"mallory\"", "protocol version 99, this machine speaks " + FrameCodec.PROTOCOL_VERSION,
                "machine_2 is connected with a newer life", "empty frame")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> m1.out().contains(reason));
        }
        assertTrue(console.contains("WARN"), console);
        long receivesBefore = count(log1, "\"event\":\"receive\"");
        long ticksBefore = count(log1, "\"tick\":");
        // the machine keeps ticking and keeps taking messages from the real peer (a generous bound: on a
        // loaded 2-core host a starved tick thread skips ticks rather than bunching them)
        await().atMost(Duration.ofSeconds(60)).until(() -> count(log1, "\"event\":\"receive\"") > receivesBefore + 3
                && count(log1, "\"tick\":") > ticksBefore + 10);
        assertTrue(m1.process.isAlive());
        // no attack cut the real peer off: no replaced connection, and a peer_down only where a heartbeat timed out
        // (a loaded 2-core host can stall a JVM past the 1.5 s timeout: that is the protocol working, not an attack)
        // (then machine_2 reconnects, and replacing the dead connection is the protocol too)
        if (m1.out().contains("heartbeat timeout") || m2.out().contains("heartbeat timeout")) {
            System.out.println("BadInputIT: a heartbeat timed out on this host (a stalled JVM); the link check is skipped");
            return;
        }
        assertFalse(Files.readString(log1).contains("\"event\":\"peer_down\""),
                "the real peer was cut off:\n" + m1.out() + "\n" + m2.out());
        assertFalse(m1.out().contains("replaces machine_2's old connection"), m1.out());
    }

    private static long count(Path file, String needle) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> l.contains(needle)).count();
    }
}
