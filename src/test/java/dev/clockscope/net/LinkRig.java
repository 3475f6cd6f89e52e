package dev.clockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.clockscope.config.MachineSpec;
import dev.clockscope.node.Message;
import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import dev.clockscope.protocol.Handshake;
import dev.clockscope.protocol.ProtocolException;
import dev.clockscope.testing.FakeTime;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * One machine's connection handlers without sockets: a real {@link Links} for machine_1 of a cluster of
 * three, the real initializers on {@link EmbeddedChannel}s, a fake time source that moves together with
 * the channels' schedulers, and a listener that records what the network reports. The test plays the peer
 * with {@link FrameCodec} and {@link Handshake}.
 */
final class LinkRig implements AutoCloseable {
    static final String SECRET = "rig-secret";
    static final List<MachineSpec> MACHINES = List.of(new MachineSpec("machine_1", "127.0.0.1", 1),
            new MachineSpec("machine_2", "127.0.0.1", 2), new MachineSpec("machine_3", "127.0.0.1", 3));
    static final Duration H = NetOptions.DEFAULT_HEARTBEAT_INTERVAL;
    static final Duration T = NetOptions.DEFAULT_HEARTBEAT_TIMEOUT;
    /** A step of the fake clock: small against H, so checks run at their own moments. */
    private static final Duration STEP = Duration.ofMillis(5);

    final FakeTime time = new FakeTime(1_700_000_000_000_000L);
    final Recorder events = new Recorder();
    final Links links = new Links("machine_1", MACHINES, 11, events, time);
    final Handshake handshake = new Handshake(SECRET);
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(NetTransport.class);

    LinkRig() {
        links.options = new NetOptions(handshake, Duration.ofSeconds(5), null, null);
        log.start();
        logger.addAppender(log);
    }

    /** What the network told the listener, one line per call, e.g. "up machine_2 out". */
    static final class Recorder implements NetListener {
        final List<String> lines = new ArrayList<>();
        final List<Message> messages = new ArrayList<>();

        @Override
        public void onMessage(Message message) {
            messages.add(message);
        }

        @Override
        public void onMessages(List<Message> burst) {
            messages.addAll(burst);
            lines.add("messages " + burst.size());
        }

        @Override
        public void onLinkUp(String peer, boolean outbound) {
            lines.add("up " + peer + (outbound ? " out" : " in"));
        }

        @Override
        public void onLinkDown(String peer, boolean outbound) {
            lines.add("down " + peer + (outbound ? " out" : " in"));
        }

        @Override
        public void onUndelivered(String peer, long[] seqs, String reason) {
            lines.add("undelivered " + peer + " " + java.util.Arrays.toString(seqs) + " " + reason);
        }

        @Override
        public void onPeerStopped(String peer) {
            lines.add("stopped " + peer);
        }

        @Override
        public void onPeerHighWater(String peer, long lamport, long ownEntry) {
            lines.add("high water " + peer + " " + lamport + "/" + ownEntry);
        }
    }

    /** A connection a peer opened to machine_1, with the acceptor's pipeline. */
    EmbeddedChannel acceptor() {
        EmbeddedChannel ch = new EmbeddedChannel(new AcceptorInitializer(links));
        ch.freezeTime(); // its scheduler moves only with advance()
        channels.add(ch);
        return ch;
    }

    /** machine_1's connection to {@code peer}, with the connector's pipeline (its Hello is already written). */
    EmbeddedChannel connector(String peer) {
        EmbeddedChannel ch = new EmbeddedChannel(new ConnectorInitializer(links, links.peer(peer)));
        ch.freezeTime();
        channels.add(ch);
        return ch;
    }

    /** Moves the fake time and every channel's scheduler forward together, running what falls due. */
    void advance(Duration d) {
        for (long left = d.toNanos(); left > 0; left -= STEP.toNanos()) {
            long step = Math.min(left, STEP.toNanos());
            time.advanceNanos(step);
            for (EmbeddedChannel ch : channels) {
                ch.advanceTimeBy(step, TimeUnit.NANOSECONDS);
                ch.runScheduledPendingTasks();
            }
        }
    }

    static ByteBuf wire(Frame... frames) {
        ByteBuf b = Unpooled.buffer();
        for (Frame f : frames) {
            byte[] payload = FrameCodec.encode(f);
            b.writeInt(payload.length).writeBytes(payload);
        }
        return b;
    }

    /** Every frame machine_1 has written on {@code ch} since the last call, decoded. */
    static List<Frame> written(EmbeddedChannel ch) {
        List<Frame> frames = new ArrayList<>();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = o instanceof DataBatch d ? d.content() : (ByteBuf) o;
            try {
                while (b.isReadable()) {
                    byte[] payload = new byte[b.readInt()];
                    b.readBytes(payload);
                    frames.add(FrameCodec.decode(java.nio.ByteBuffer.wrap(payload)));
                }
            } catch (ProtocolException e) {
                throw new AssertionError("machine_1 wrote an invalid frame", e);
            } finally {
                b.release();
            }
        }
        return frames;
    }

    /** Plays {@code peer} (life {@code incarnation}) opening a connection to machine_1, up to its first Ack. */
    EmbeddedChannel acceptedFrom(String peer, long incarnation, long seenLamport, long seenOwn) {
        EmbeddedChannel ch = acceptor();
        Frame.Hello hello = new Frame.Hello(FrameCodec.PROTOCOL_VERSION, peer, incarnation, Handshake.newNonce(),
                seenLamport, seenOwn);
        ch.writeInbound(wire(hello));
        Frame.HelloAck answer = (Frame.HelloAck) written(ch).get(0);
        assertTrue(handshake.ackValid(hello, answer), "machine_1 proves it knows the secret");
        ch.writeInbound(wire(new Frame.Auth(handshake.authMac(hello, answer))));
        List<Frame> confirmation = written(ch);
        assertEquals(1, confirmation.size(), confirmation.toString());
        assertTrue(confirmation.get(0) instanceof Frame.Ack, "Auth is answered by an Ack: " + confirmation);
        return ch;
    }

    /** Plays {@code peer} (life {@code incarnation}) answering machine_1's connection to it, up to the first Ack. */
    EmbeddedChannel connectedTo(String peer, long incarnation, long seenLamport, long seenOwn) {
        EmbeddedChannel ch = connector(peer);
        Frame.Hello hello = (Frame.Hello) written(ch).get(0);
        Frame.HelloAck answer = handshake.answer(hello, peer, incarnation, seenLamport, seenOwn);
        ch.writeInbound(wire(answer));
        Frame.Auth auth = (Frame.Auth) written(ch).get(0);
        assertTrue(handshake.authValid(hello, answer, auth));
        ch.writeInbound(wire(new Frame.Ack(0)));
        return ch;
    }

    static Frame.Data data(int sender, long seq) {
        long[] vector = new long[3];
        vector[sender] = seq;
        return new Frame.Data(sender, seq, 10 + seq, vector);
    }

    static Message message(long seq) {
        return new Message(0, 11, seq, 10 + seq, dev.clockscope.clock.VectorClock.of(seq, 0, 0), 0);
    }

    /** The warnings logged so far, formatted. */
    List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(log);
        for (EmbeddedChannel ch : channels) {
            ch.finishAndReleaseAll();
        }
    }
}
