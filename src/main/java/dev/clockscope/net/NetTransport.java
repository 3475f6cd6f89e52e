package dev.clockscope.net;

import dev.clockscope.config.MachineSpec;
import dev.clockscope.node.Message;
import dev.clockscope.protocol.Frame;
import dev.clockscope.random.RandomSource;
import dev.clockscope.time.TimeSource;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's network over Netty TCP, protocol 3 (docs/PROTOCOL.md). It listens on its own host/port
 * for the peers' connections ({@link Acceptor}: messages arrive there, and are acknowledged there) and
 * keeps one connection to every peer ({@link Connector}: messages leave there), reconnecting with
 * {@link Backoff}. Each connection's pipeline is built by an initializer; its handshake, heartbeats and
 * acknowledgements live in their own handlers. This class is the machine's side of it all: sending
 * (batched or not), back-pressure, goodbye and close.
 */
public final class NetTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NetTransport.class);
    /** Reason a send is refused while the peer's outgoing buffer is above its high-water mark. */
    public static final String SEND_BUFFER_FULL = "send buffer full";
    public static final String PEER_DOWN = "peer down";
    /** The peer said goodbye (it stopped cleanly): nothing more is sent to that life of it. */
    public static final String PEER_STOPPED = "peer stopped";
    /** Accepted for sending, but the link was lost before the peer acknowledged it (it may or may not have it). */
    public static final String UNACKNOWLEDGED = "unacknowledged";
    /** This machine has said goodbye: it sends nothing more. */
    public static final String STOPPING = "stopping";
    /** A batch is handed to its channel once it holds this many bytes (about 160 messages of 3 machines). */
    static final int BATCH_FLUSH_BYTES = Links.BATCH_FLUSH_BYTES;
    /** How long close() waits for our last messages to be acknowledged before closing the links. */
    static final Duration DRAIN_AT_CLOSE = Duration.ofSeconds(1);

    private final Links links;
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final AtomicInteger connectsOnHello = new AtomicInteger();
    /** Tick-thread state: batch outgoing messages (unthrottled mode). */
    private boolean batching;
    /**
     * Outgoing buffer marks while batching: a sender that outruns its reader stalls early rather than
     * parking megabytes (and seconds of messages) in the network; override with -Dclockscope.batchHighWaterKiB.
     */
    private final WriteBufferWaterMark batchingWaterMark = new WriteBufferWaterMark(
            Integer.getInteger("clockscope.batchHighWaterKiB", 256) * 1024 / 4,
            Integer.getInteger("clockscope.batchHighWaterKiB", 256) * 1024);
    private Channel server;

    public NetTransport(String selfId, List<MachineSpec> machines, long incarnation, NetListener listener,
                        TimeSource time, RandomSource jitter, Backoff backoff) {
        this.links = new Links(selfId, machines, incarnation, listener, time);
        for (PeerLink link : links.peers()) {
            link.connector = new Connector(links, link, group, backoff, jitter, connectsOnHello);
        }
    }

    /** Secret, handshake timeout, heartbeats and TLS; call before {@link #start()}. */
    public NetTransport withOptions(NetOptions netOptions) {
        links.options = netOptions;
        return this;
    }

    /** What this machine tells each peer it has seen of it (default: the Data frames this transport received). */
    public NetTransport withHighWater(PeerHighWater highWater) {
        links.highWater = highWater;
        return this;
    }

    /** Resolves every host, binds the listener, then starts connecting to every peer. */
    public void start() throws NetStartException {
        InetSocketAddress bindAddress = resolve(links.self);
        for (PeerLink link : links.peers()) {
            link.address = resolve(link.spec);
        }
        try {
            server = Acceptor.bind(group, links, bindAddress);
        } catch (NetStartException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
        LOG.info("{} listening on {}:{}", links.self.id(), links.self.host(), links.self.port());
        for (PeerLink link : links.peers()) {
            link.connector.connect();
        }
    }

    /**
     * Warms the JIT on this machine's network path with {@code messages} messages over a loopback connection
     * of its own (see {@link NetWarmUp}); call after {@link #start()}, from the tick thread, before ticking.
     */
    public NetWarmUp.Result warmUp(int messages) throws InterruptedException {
        return NetWarmUp.run(group, server.localAddress() instanceof InetSocketAddress a ? a.getAddress()
                : InetAddress.getLoopbackAddress(), links.selfIndex, links.clusterSize, links.incarnation, links.time,
                messages);
    }

    private static InetSocketAddress resolve(MachineSpec spec) throws NetStartException {
        InetSocketAddress address = new InetSocketAddress(spec.host(), spec.port());
        if (address.isUnresolved()) {
            throw new NetStartException("cannot resolve host \"" + spec.host() + "\" of " + spec.id());
        }
        return address;
    }

    /** How many reconnect waits were cut short because the peer had just connected to us. */
    public int connectsOnHello() {
        return connectsOnHello.get();
    }

    /** True while the link to {@code peer} waits in reconnect back-off (for tests). */
    boolean retryPending(String peer) {
        return links.peer(peer).connector.retryPending();
    }

    /**
     * Hands {@code message} to the link to {@code peer}. Not batching (the default, throttled mode): written
     * and flushed at once. Batching: encoded into the peer's {@link OutboundBatch}, handed to the channel
     * when it is {@value #BATCH_FLUSH_BYTES} bytes or at {@link #flushSends()}. A message accepted here is
     * later either acknowledged by the peer or reported to {@link NetListener#onUndelivered}. Call from one
     * thread only (the tick thread). Answers as {@link dev.clockscope.node.Transport#send}.
     */
    public String send(String peer, Message message) {
        PeerLink link = links.peer(peer);
        Channel ch = link == null ? null : link.outbound;
        String refusal = refusal(link, ch);
        if (refusal != null) {
            return refusal;
        }
        if (batching && link.tunedChannel != ch) {
            ch.config().setWriteBufferWaterMark(batchingWaterMark);
            link.tunedChannel = ch;
        }
        if (link.batch.add(ch, links.selfIndex, message) || !batching) {
            link.batch.flush();
        }
        return null;
    }

    /** What a send to {@code peer} would answer now: null (it would be taken), or the reason it would not. */
    public String sendState(String peer) {
        PeerLink link = links.peer(peer);
        return refusal(link, link == null ? null : link.outbound);
    }

    /** Why a message cannot be handed to {@code ch}, the current outbound channel of {@code link}; null if it can. */
    private String refusal(PeerLink link, Channel ch) {
        if (link == null) {
            return "unknown peer";
        }
        if (links.sayingGoodbye) {
            return STOPPING;
        }
        if (link.stopped) {
            return PEER_STOPPED;
        }
        // up means both connections established (PROTOCOL.md), as the machine logs peer_up: not only ours
        Channel theirs = link.inbound;
        if (ch == null || !ch.isActive() || theirs == null || !theirs.isActive()) {
            return PEER_DOWN;
        }
        return ch.isWritable() ? null : SEND_BUFFER_FULL;
    }

    /** Batch sends (unthrottled mode) instead of writing and flushing each message. Tick thread only. */
    public void setBatching(boolean on) {
        if (!on) {
            flushSends();
        }
        batching = on;
    }

    /**
     * Flushes the pending batches and waits (at most {@code limit} in all) until every outgoing channel has
     * written what it was given to the socket. Tick thread only.
     */
    public void drainSends(Duration limit) {
        flushSends();
        long deadline = System.nanoTime() + limit.toNanos();
        for (PeerLink link : links.peers()) {
            Channel ch = link.outbound;
            if (ch != null && ch.isActive()) {
                // writes complete in order: when this empty write is done, everything before it is written
                ChannelFuture done = ch.writeAndFlush(Unpooled.EMPTY_BUFFER);
                done.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Hands every peer's pending batch to its channel (one write + flush each). Tick thread only. */
    public void flushSends() {
        for (PeerLink link : links.peers()) {
            link.batch.flush();
        }
    }

    /** Back-pressure: stop (false) or resume (true) reading from every peer's connection. */
    public void setReading(boolean on) {
        links.reading = on;
        for (Channel ch : links.inboundChannels) {
            try {
                // on the connection's own thread, as the flag is then: a connection that has just joined the group
                // reads the flag there too (AcceptorHandshake), so the two cannot land in the wrong order
                ch.eventLoop().execute(() -> ch.config().setAutoRead(links.reading));
            } catch (RejectedExecutionException e) {
                // its loop has ended: the connection is closed
            }
        }
    }

    /** Which peers settled a goodbye within its bound, and which did not. */
    public record GoodbyeOutcome(List<String> answered, List<String> unanswered) {
    }

    /**
     * A clean stop's goodbye (docs/PROTOCOL.md, "Goodbye"): flushes what is pending, tells every peer we are
     * stopping (after our last message), and waits, at most {@code bound}, until every peer has acknowledged
     * all we sent and answered with its own Goodbye after the last message it sent us. Reading goes on
     * meanwhile, so what arrives after the machine's last tick still reaches the listener (to be logged as
     * unprocessed). Sends are refused ({@link #STOPPING}) from now on. Tick thread only.
     */
    public GoodbyeOutcome sayGoodbye(Duration bound) {
        flushSends();
        links.sayingGoodbye = true;
        acknowledgeAllTaken();
        writeGoodbyes();
        long deadline = links.time.monotonicNanos() + bound.toNanos();
        links.farewell.await(() -> links.peers().stream().allMatch(NetTransport::settled), deadline,
                links.time::monotonicNanos);
        List<String> answered = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        for (PeerLink link : links.peers()) {
            (settled(link) ? answered : unanswered).add(link.id());
        }
        if (!unanswered.isEmpty()) {
            LOG.warn("{}: no goodbye from {} within {} ms", links.self.id(), unanswered, bound.toMillis());
        }
        return new GoodbyeOutcome(answered, unanswered);
    }

    private static boolean settled(PeerLink link) {
        return Links.outboundSettled(link) && Links.inboundSettled(link);
    }

    /**
     * Acknowledge messages only once the machine has logged them ({@link #acknowledge}); call before
     * {@link #start()}. Then a kill -9 leaves what was queued but not logged unacknowledged: its senders report it.
     */
    public NetTransport ackWhenLogged() {
        links.ackWhenLogged = true;
        return this;
    }

    /**
     * The machine has logged the receive of {@code peer}'s life {@code incarnation}'s message {@code seq} (and every
     * earlier one): acknowledge up to it. Any thread.
     */
    public void acknowledge(String peer, long incarnation, long seq) {
        PeerLink link = links.peer(peer);
        if (link == null || links.closed) {
            return;
        }
        try {
            group.execute(() -> {
                link.logged(incarnation, seq);
                acknowledgeOn(link);
            });
        } catch (RejectedExecutionException e) {
            // closed since the check above (the log's writer thread can lag behind a goodbye under load): the
            // goodbye acknowledged everything taken, and no connection is left to carry this
        }
    }

    private static void acknowledgeOn(PeerLink link) {
        io.netty.channel.Channel in = link.inbound;
        AcceptorLink handler = in == null ? null : in.pipeline().get(AcceptorLink.class);
        if (handler != null) {
            handler.acknowledge(in);
        }
    }

    /** A goodbye: everything taken will be in the log (processed, or unprocessed at the stop), so acknowledge it. */
    private void acknowledgeAllTaken() {
        if (!links.ackWhenLogged) {
            return;
        }
        try {
            group.submit(() -> links.peers().forEach(NetTransport::acknowledgeOn)).get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("{}: could not acknowledge before the goodbye: {}", links.self.id(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeGoodbyes() {
        for (PeerLink link : links.peers()) {
            Channel ch = link.outbound;
            if (ch != null && ch.isActive()) {
                ch.writeAndFlush(Frame.Goodbye.INSTANCE, ch.voidPromise());
            }
        }
    }

    /**
     * Stops: from now on nothing arriving is taken (so its senders report it), our last messages are
     * flushed and followed by a Goodbye (if {@link #sayGoodbye} did not run), and we wait at most
     * {@link #DRAIN_AT_CLOSE} (one second) for their acknowledgements; what is still unacknowledged then is
     * reported to the listener, and every connection is closed.
     */
    @Override
    public void close() {
        links.closing = true;
        setReading(false);
        flushSends();
        if (!links.sayingGoodbye) {
            links.sayingGoodbye = true;
            writeGoodbyes();
        }
        links.farewell.await(() -> links.peers().stream().allMatch(Links::outboundSettled),
                links.time.monotonicNanos() + DRAIN_AT_CLOSE.toNanos(), links.time::monotonicNanos);
        links.closed = true;
        if (server != null) {
            server.close().awaitUninterruptibly();
        }
        for (PeerLink link : links.peers()) {
            Channel ch = link.outbound;
            if (ch != null) {
                ch.close().awaitUninterruptibly();
            }
        }
        links.inboundChannels.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
