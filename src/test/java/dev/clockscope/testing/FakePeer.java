package dev.clockscope.testing;

import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import dev.clockscope.protocol.Handshake;
import dev.clockscope.protocol.ProtocolException;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A machine played by the test over plain blocking sockets and {@link FrameCodec}, speaking protocol 3: it
 * answers the real machines' handshakes (so they count it as connected and start ticking), acknowledges
 * what they send, keeps every connection alive with heartbeats, and opens authenticated connections on
 * which the test writes whatever frames or bytes it likes.
 */
public final class FakePeer implements AutoCloseable {
    /** Well inside the machines' default heartbeat timeout (1.5 s). */
    private static final long HEARTBEAT_MILLIS = 200;
    private final String id;
    private final Handshake handshake;
    private final long incarnation;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-heartbeats");
        t.setDaemon(true);
        return t;
    });
    /** Data frames the real machines sent to this peer. */
    public final List<Frame.Data> received = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public FakePeer(String id, int port, String secret, long incarnation) throws IOException {
        this.id = id;
        this.handshake = new Handshake(secret);
        this.incarnation = incarnation;
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        daemon("fake-" + id, this::acceptLoop);
        heartbeats.scheduleAtFixedRate(this::beat, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private void beat() {
        for (Socket s : sockets) {
            try {
                write(s, Frame.Heartbeat.INSTANCE);
            } catch (IOException gone) {
                sockets.remove(s);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                daemon("fake-" + id + "-in", () -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** A real machine's connection to us: handshake, first Ack, then acknowledge each Data frame. */
    private void serve(Socket s) {
        try {
            DataInputStream in = new DataInputStream(s.getInputStream());
            Frame.Hello hello = (Frame.Hello) read(in);
            Frame.HelloAck ack = handshake.answer(hello, id, incarnation);
            write(s, ack);
            Frame.Auth auth = (Frame.Auth) read(in);
            if (!handshake.authValid(hello, ack, auth)) {
                s.close();
                return;
            }
            write(s, new Frame.Ack(0));
            sockets.add(s);
            while (!closed) {
                Frame f = read(in);
                if (f instanceof Frame.Data d) {
                    received.add(d);
                    write(s, new Frame.Ack(d.seq()));
                } else if (f instanceof Frame.Goodbye) {
                    return;
                }
            }
        } catch (IOException | ProtocolException | ClassCastException e) {
            // the connection ended
        }
    }

    /** Opens a connection to a real machine and completes the handshake as this peer (up to its first Ack). */
    public Socket connect(int port) throws IOException, ProtocolException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(10_000);
        Frame.Hello hello = new Frame.Hello(FrameCodec.PROTOCOL_VERSION, id, incarnation, Handshake.newNonce());
        write(s, hello);
        DataInputStream in = new DataInputStream(s.getInputStream());
        Frame.HelloAck ack = (Frame.HelloAck) read(in);
        if (!handshake.ackValid(hello, ack)) {
            s.close();
            throw new IOException(ack.machineId() + " failed authentication");
        }
        write(s, new Frame.Auth(handshake.authMac(hello, ack)));
        Frame first = read(in);
        if (!(first instanceof Frame.Ack)) {
            s.close();
            throw new IOException("expected the first Ack, got " + first);
        }
        s.setSoTimeout(0);
        sockets.add(s);
        // what the machine writes back (Acks, heartbeats) is read and forgotten, so its buffers never fill
        daemon("fake-" + id + "-acks", () -> {
            try {
                while (!closed) {
                    read(in);
                }
            } catch (IOException | ProtocolException e) {
                // the connection ended
            }
        });
        return s;
    }

    public static Frame read(DataInputStream in) throws IOException, ProtocolException {
        int length = in.readInt();
        if (length < 0 || length > FrameCodec.MAX_PAYLOAD_BYTES) {
            throw new ProtocolException("bad length " + length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return FrameCodec.decode(ByteBuffer.wrap(payload));
    }

    public static byte[] framed(Frame frame) {
        byte[] payload = FrameCodec.encode(frame);
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    /** One write of the whole frame: never interleaved with another thread's frame on the same socket. */
    public static void write(Socket s, Frame frame) throws IOException {
        s.getOutputStream().write(framed(frame));
    }

    @Override
    public void close() throws IOException {
        closed = true;
        heartbeats.shutdownNow();
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
