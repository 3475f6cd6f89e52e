package dev.clockscope.testing;

import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import dev.clockscope.protocol.Handshake;
import dev.clockscope.protocol.ProtocolException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A machine played by the test over plain blocking sockets and {@link FrameCodec}: it answers the real
 * machines' handshakes (so they count it as connected and start ticking) and opens authenticated
 * connections on which the test writes whatever frames or bytes it likes.
 */
public final class FakePeer implements AutoCloseable {
    private final String id;
    private final Handshake handshake;
    private final long incarnation;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Data frames the real machines sent to this peer. */
    public final List<Frame.Data> received = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public FakePeer(String id, int port, String secret, long incarnation) throws IOException {
        this.id = id;
        this.handshake = new Handshake(secret);
        this.incarnation = incarnation;
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "fake-" + id);
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "fake-" + id + "-in");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

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
            while (!closed) {
                received.add((Frame.Data) read(in));
            }
        } catch (IOException | ProtocolException | ClassCastException e) {
            // the connection ended
        }
    }

    /** Opens a connection to a real machine and completes the handshake as this peer. */
    public Socket connect(int port) throws IOException, ProtocolException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(10_000);
        sockets.add(s);
        Frame.Hello hello = new Frame.Hello(FrameCodec.PROTOCOL_VERSION, id, incarnation, Handshake.newNonce());
        write(s, hello);
        Frame.HelloAck ack = (Frame.HelloAck) read(new DataInputStream(s.getInputStream()));
        if (!handshake.ackValid(hello, ack)) {
            throw new IOException(ack.machineId() + " failed authentication");
        }
        write(s, new Frame.Auth(handshake.authMac(hello, ack)));
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

    public static void write(Socket s, Frame frame) throws IOException {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.write(framed(frame));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
