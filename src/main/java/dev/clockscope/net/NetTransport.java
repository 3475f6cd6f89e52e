package dev.clockscope.net;

import dev.clockscope.clock.VectorClock;
import dev.clockscope.config.MachineSpec;
import dev.clockscope.node.Message;
import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import dev.clockscope.protocol.Handshake;
import dev.clockscope.random.RandomSource;
import dev.clockscope.time.TimeSource;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's network over Netty TCP. It listens on its own host/port for the peers' connections
 * (inbound: messages arrive there) and keeps one connection to every peer (outbound: messages leave
 * there), reconnecting with {@link Backoff} after a failed connect or a lost link. Every connection
 * starts with a handshake; a connection that breaks the protocol is closed with a warning naming the
 * remote address and the reason, and nothing else is affected.
 */
public final class NetTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NetTransport.class);
    /** Connections we accept at once; more are closed (a stranger cannot exhaust us). */
    private static final int INBOUND_CONNECTION_CAP_PER_PEER = 4;
    private static final long WAITING_LINE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final MachineSpec self;
    private final int selfIndex;
    private final int clusterSize;
    private final long incarnation;
    private final NetListener listener;
    private final TimeSource time;
    private final RandomSource jitter;
    private final Backoff backoff;
    private final Map<String, PeerLink> links = new LinkedHashMap<>();
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final ChannelGroup inboundChannels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final int inboundCap;
    private NetOptions options = NetOptions.DEFAULT;
    private volatile boolean reading = true;
    /** Tick-thread state: batch outgoing messages (unthrottled mode). */
    private boolean batching;
    /**
     * Outgoing buffer marks while batching: a sender that outruns its reader stalls early rather than
     * parking megabytes (and seconds of messages) in the network; override with -Dclockscope.batchHighWaterKiB.
     */
    private final WriteBufferWaterMark batchingWaterMark = new WriteBufferWaterMark(
            Integer.getInteger("clockscope.batchHighWaterKiB", 256) * 1024 / 4,
            Integer.getInteger("clockscope.batchHighWaterKiB", 256) * 1024);
    private volatile boolean closed;
    private Channel server;
    /** Back-off waits cut short because the peer connected to us (see PeerLink#connectNowIfWaiting). */
    private volatile int connectsOnHello;

    public NetTransport(String selfId, List<MachineSpec> machines, long incarnation, NetListener listener,
                        TimeSource time, RandomSource jitter, Backoff backoff) {
        int index = -1;
        for (int i = 0; i < machines.size(); i++) {
            MachineSpec m = machines.get(i);
            if (m.id().equals(selfId)) {
                index = i;
            } else {
                links.put(m.id(), new PeerLink(m, i));
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException(selfId + " is not among the machines");
        }
        this.self = machines.get(index);
        this.selfIndex = index;
        this.clusterSize = machines.size();
        this.incarnation = incarnation;
        this.listener = listener;
        this.time = time;
        this.jitter = jitter;
        this.backoff = backoff;
        this.inboundCap = INBOUND_CONNECTION_CAP_PER_PEER * links.size();
    }

    /** Secret, handshake timeout and TLS; call before {@link #start()}. */
    public NetTransport withOptions(NetOptions netOptions) {
        this.options = netOptions;
        return this;
    }

    private long handshakeMillis() {
        return options.handshakeTimeout().toMillis();
    }

    private static String millisText(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Resolves every host, binds the listener, then starts connecting to every peer. */
    public void start() throws NetStartException {
        InetSocketAddress bindAddress = resolve(self);
        for (PeerLink link : links.values()) {
            link.address = resolve(link.spec);
        }
        ServerBootstrap sb = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.config().setAutoRead(reading);
                        if (options.serverTls() != null) {
                            ch.pipeline().addLast(options.serverTls().newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new FrameDecoder(), FrameEncoder.INSTANCE, new InboundHandler());
                    }
                });
        ChannelFuture bound = sb.bind(bindAddress).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new NetStartException("cannot listen on " + self.host() + ":" + self.port() + ": "
                    + bound.cause().getMessage());
        }
        server = bound.channel();
        LOG.info("{} listening on {}:{}", self.id(), self.host(), self.port());
        for (PeerLink link : links.values()) {
            link.connect();
        }
    }

    /**
     * Warms the JIT on this machine's network path with {@code messages} messages over a loopback connection
     * of its own (see {@link NetWarmUp}); call after {@link #start()}, from the tick thread, before ticking.
     */
    public NetWarmUp.Result warmUp(int messages) throws InterruptedException {
        return NetWarmUp.run(group, server.localAddress() instanceof InetSocketAddress a ? a.getAddress()
                : java.net.InetAddress.getLoopbackAddress(), selfIndex, clusterSize, incarnation, time, messages);
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
        return connectsOnHello;
    }

    /** True while the link to {@code peer} waits in reconnect back-off (for tests). */
    boolean retryPending(String peer) {
        PeerLink link = links.get(peer);
        synchronized (link) {
            return link.reconnectPending;
        }
    }


    /** Reason a send is refused while the peer's outgoing buffer is above its high-water mark. */
    public static final String SEND_BUFFER_FULL = "send buffer full";
    public static final String PEER_DOWN = "peer down";
    /** A batch is handed to its channel once it holds this many bytes (about 160 messages of 3 machines). */
    static final int BATCH_FLUSH_BYTES = 8 * 1024;

    /**
     * Hands {@code message} to the link to {@code peer}. Not batching (the default, throttled mode): written
     * and flushed at once. Batching: encoded into the peer's {@link OutboundBatch}, handed to the channel
     * when it is {@value #BATCH_FLUSH_BYTES} bytes or at {@link #flushSends()}. Call from one thread only
     * (the tick thread). Answers as {@link dev.clockscope.node.Transport#send}.
     */
    public String send(String peer, Message message) {
        PeerLink link = links.get(peer);
        Channel ch = link == null ? null : link.outbound;
        String refusal = refusal(link, ch);
        if (refusal != null) {
            return refusal;
        }
        if (batching && link.tunedChannel != ch) {
            ch.config().setWriteBufferWaterMark(batchingWaterMark);
            link.tunedChannel = ch;
        }
        if (link.batch.add(ch, selfIndex, message) || !batching) {
            link.batch.flush();
        }
        return null;
    }

    /** What a send to {@code peer} would answer now: null (it would be taken), or the reason it would not. */
    public String sendState(String peer) {
        PeerLink link = links.get(peer);
        return refusal(link, link == null ? null : link.outbound);
    }

    /** Why a message cannot be handed to {@code ch}, the current outbound channel of {@code link}; null if it can. */
    private static String refusal(PeerLink link, Channel ch) {
        if (link == null) {
            return "unknown peer";
        }
        if (ch == null || !ch.isActive()) {
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

    /** How long close() waits for written messages to reach the kernel before closing the links. */
    static final Duration DRAIN_AT_CLOSE = Duration.ofSeconds(1);

    /**
     * Flushes the pending batches and waits (at most {@code limit} in all) until every outgoing channel has
     * written what it was given to the socket, so a clean stop does not discard messages still in Netty's
     * outgoing buffer. Tick thread only.
     */
    public void drainSends(Duration limit) {
        flushSends();
        long deadline = System.nanoTime() + limit.toNanos();
        for (PeerLink link : links.values()) {
            Channel ch = link.outbound;
            if (ch != null && ch.isActive()) {
                // writes complete in order: when this empty write is done, everything before it is written
                ChannelFuture done = ch.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER);
                done.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Hands every peer's pending batch to its channel (one write + flush each). Tick thread only. */
    public void flushSends() {
        for (PeerLink link : links.values()) {
            link.batch.flush();
        }
    }

    /** Back-pressure: stop (false) or resume (true) reading from every peer's connection. */
    public void setReading(boolean on) {
        reading = on;
        for (Channel ch : inboundChannels) {
            ch.config().setAutoRead(on);
        }
    }

    @Override
    public void close() {
        drainSends(DRAIN_AT_CLOSE);
        closed = true;
        if (server != null) {
            server.close().awaitUninterruptibly();
        }
        for (PeerLink link : links.values()) {
            Channel ch = link.outbound;
            if (ch != null) {
                ch.close().awaitUninterruptibly();
            }
        }
        inboundChannels.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Set on a channel we closed with a warning, so its close is not reported a second time. */
    private static final AttributeKey<Boolean> REJECTED = AttributeKey.valueOf("clockscope.rejected");

    private static void reject(ChannelHandlerContext ctx, String what, String reason) {
        if (ctx.channel().attr(REJECTED).setIfAbsent(true) == null) {
            LOG.warn("closing {} connection {}: {}", what, ctx.channel().remoteAddress(), reason);
        }
        ctx.close();
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /** One peer: where it is, our outbound connection to it and its inbound connection to us. */
    private final class PeerLink {
        final MachineSpec spec;
        final int index;
        InetSocketAddress address;
        volatile Channel outbound;
        volatile Channel inbound;
        volatile long inboundIncarnation;
        /** Outgoing messages not yet handed to the channel; tick thread only. */
        final OutboundBatch batch = new OutboundBatch(BATCH_FLUSH_BYTES);
        /** The outbound channel whose water marks were set for batching; tick thread only. */
        Channel tunedChannel;
        private int attempt;
        private boolean reconnectPending;
        /** The scheduled retry while {@link #reconnectPending}; guarded by this link. */
        private ScheduledFuture<?> retry;
        private long lastWaitingLineNanos;
        private Bootstrap bootstrap;

        PeerLink(MachineSpec spec, int index) {
            this.spec = spec;
            this.index = index;
        }

        void connect() {
            if (closed) {
                return;
            }
            if (bootstrap == null) {
                bootstrap = new Bootstrap()
                        .group(group)
                        .channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                if (options.clientTls() != null) {
                                    ch.pipeline().addLast(options.clientTls().newHandler(ch.alloc(),
                                            spec.host(), spec.port()));
                                }
                                ch.pipeline().addLast(new FrameDecoder(), FrameEncoder.INSTANCE,
                                        new OutboundHandler(PeerLink.this));
                            }
                        });
            }
            bootstrap.connect(address).addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    retryLater(describe(f.cause()));
                }
            });
        }

        /** The one reconnect hook, for a failed connect and for a lost link alike; never schedules twice. */
        synchronized void retryLater(String why) {
            if (closed || reconnectPending) {
                return;
            }
            reconnectPending = true;
            attempt++;
            Duration delay;
            synchronized (jitter) {
                delay = backoff.delayFor(attempt, jitter);
            }
            long now = System.nanoTime();
            if (attempt == 1 || now - lastWaitingLineNanos >= WAITING_LINE_EVERY_NANOS) {
                lastWaitingLineNanos = now;
                LOG.info("{} waiting for {} at {}:{} ({}); attempt {}, next try in {} ms", self.id(), spec.id(),
                        spec.host(), spec.port(), why, attempt, delay.toMillis());
            } else {
                LOG.debug("{} retrying {} in {} ms ({}), attempt {}", self.id(), spec.id(), delay.toMillis(), why,
                        attempt);
            }
            retry = group.schedule(() -> {
                synchronized (PeerLink.this) {
                    reconnectPending = false;
                    retry = null;
                }
                connect();
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        }

        /**
         * The peer has just authenticated a connection to us, so it is evidently up: if our own link to it
         * is waiting in back-off, cancel the wait and connect now. Does nothing while a connect or handshake
         * is under way or the link is up (no double connects: only the one who cancels the pending retry
         * connects, and a retry already running is left alone). The attempt count is kept, so a peer whose
         * port still refuses us backs off as before.
         */
        void connectNowIfWaiting() {
            int waitedAttempt;
            synchronized (this) {
                if (closed || !reconnectPending || retry == null || !retry.cancel(false)) {
                    return;
                }
                reconnectPending = false;
                retry = null;
                waitedAttempt = attempt;
            }
            connectsOnHello++;
            LOG.info("{}: {} connected to us, so it is up: connecting to it now (was waiting after attempt {})",
                    self.id(), spec.id(), waitedAttempt);
            connect();
        }

        synchronized void connected(Channel ch) {
            attempt = 0;
            outbound = ch;
        }
    }

    /** Our connection to a peer: send Hello, check the HelloAck's proof, send Auth, then only write. */
    private final class OutboundHandler extends SimpleChannelInboundHandler<Frame> {
        private final PeerLink link;
        private boolean established;
        private ScheduledFuture<?> handshakeTimeout;
        private Frame.Hello hello;

        OutboundHandler(PeerLink link) {
            this.link = link;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            hello = new Frame.Hello(FrameCodec.PROTOCOL_VERSION, self.id(), incarnation, Handshake.newNonce());
            ctx.writeAndFlush(hello);
            handshakeTimeout = ctx.executor().schedule(() -> reject(ctx, "outbound", "no handshake answer within "
                    + millisText(handshakeMillis())), handshakeMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            if (established) {
                reject(ctx, "outbound", "unexpected " + frame.getClass().getSimpleName() + " from " + link.spec.id());
                return;
            }
            if (!(frame instanceof Frame.HelloAck ack)) {
                reject(ctx, "outbound", "expected a handshake answer, got " + frame.getClass().getSimpleName());
                return;
            }
            if (ack.protocolVersion() != FrameCodec.PROTOCOL_VERSION || !ack.machineId().equals(link.spec.id())) {
                reject(ctx, "outbound", "answer from \"" + ack.machineId() + "\" (protocol " + ack.protocolVersion()
                        + "), expected \"" + link.spec.id() + "\" (protocol " + FrameCodec.PROTOCOL_VERSION + ")");
                return;
            }
            if (!options.handshake().ackValid(hello, ack)) {
                reject(ctx, "outbound", link.spec.id() + " failed authentication (different cluster secret?)");
                return;
            }
            ctx.writeAndFlush(new Frame.Auth(options.handshake().authMac(hello, ack)));
            handshakeTimeout.cancel(false);
            established = true;
            link.connected(ctx.channel());
            LOG.info("{} connected to {} at {}", self.id(), link.spec.id(), ctx.channel().remoteAddress());
            listener.onLinkUp(link.spec.id(), true);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (handshakeTimeout != null) {
                handshakeTimeout.cancel(false);
            }
            if (established && link.outbound == ctx.channel()) {
                link.outbound = null;
                if (!closed) {
                    LOG.warn("{} lost its link to {}", self.id(), link.spec.id());
                }
                listener.onLinkDown(link.spec.id(), true);
            }
            link.retryLater(established ? "link lost" : "handshake failed");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            reject(ctx, "outbound", describe(cause));
        }
    }

    /**
     * A connection a peer opened to us: expect Hello, answer HelloAck with our proof, expect Auth with
     * theirs, then take Data frames. Nothing reaches the machine before the peer has proved itself.
     */
    private final class InboundHandler extends SimpleChannelInboundHandler<Frame> {
        private PeerLink peer;
        private ScheduledFuture<?> handshakeTimeout;
        private Frame.Hello hello;
        private Frame.HelloAck ack;
        private PeerLink claimed;
        /** Highest seq taken on this connection: a peer's seqs only grow, so anything else is a replay. */
        private long lastSeq;
        /** Messages of the current read burst, handed over at its end (null: none yet). */
        private List<Message> received;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            inboundChannels.add(ctx.channel());
            if (inboundChannels.size() > inboundCap) {
                reject(ctx, "inbound", "too many connections (cap " + inboundCap + ")");
                return;
            }
            handshakeTimeout = ctx.executor().schedule(() -> reject(ctx, "inbound", "no handshake within "
                    + millisText(handshakeMillis())), handshakeMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            if (peer == null) {
                if (hello == null) {
                    handshake(ctx, frame);
                } else {
                    authenticate(ctx, frame);
                }
                return;
            }
            if (!(frame instanceof Frame.Data d)) {
                reject(ctx, "inbound", "unexpected " + frame.getClass().getSimpleName() + " after the handshake");
                return;
            }
            if (d.senderIndex() != peer.index) {
                reject(ctx, "inbound", "message claims sender index " + d.senderIndex() + " on "
                        + peer.spec.id() + "'s connection (index " + peer.index + ")");
                return;
            }
            if (d.vector().length != clusterSize) {
                reject(ctx, "inbound", "vector clock of size " + d.vector().length + " in a cluster of "
                        + clusterSize);
                return;
            }
            if (received == null) {
                received = new ArrayList<>(16);
            }
            // the decoder made the vector for this message alone and checked it: no copy
            received.add(new Message(peer.index, peer.inboundIncarnation, d.seq(), d.lamport(),
                    VectorClock.adopt(d.vector()), time.wallMicros()));
            if (d.seq() <= lastSeq) {
                // handed on so the machine logs it as rejected (it never applies a seq twice); then cut off
                handOver();
                reject(ctx, "inbound", "replayed sequence number " + d.seq() + " from " + peer.spec.id()
                        + " (last was " + lastSeq + ")");
                return;
            }
            lastSeq = d.seq();
        }

        /** The end of a read burst: everything it decoded goes to the machine in one hand-over. */
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            handOver();
            ctx.fireChannelReadComplete();
        }

        private void handOver() {
            List<Message> batch = received;
            if (batch != null) {
                received = null;
                listener.onMessages(batch);
            }
        }

        private void handshake(ChannelHandlerContext ctx, Frame frame) {
            if (!(frame instanceof Frame.Hello hello)) {
                reject(ctx, "inbound", frame.getClass().getSimpleName() + " before the handshake");
                return;
            }
            if (hello.protocolVersion() != FrameCodec.PROTOCOL_VERSION) {
                reject(ctx, "inbound", "protocol version " + hello.protocolVersion() + ", this machine speaks "
                        + FrameCodec.PROTOCOL_VERSION);
                return;
            }
            PeerLink link = links.get(hello.machineId());
            if (link == null) {
                reject(ctx, "inbound", "unknown machine id \"" + hello.machineId() + "\"");
                return;
            }
            if (alreadyConnected(link, hello)) {
                reject(ctx, "inbound", hello.machineId() + " is already connected");
                return;
            }
            this.hello = hello;
            this.claimed = link;
            this.ack = options.handshake().answer(hello, self.id(), incarnation);
            ctx.writeAndFlush(ack);
        }

        private boolean alreadyConnected(PeerLink link, Frame.Hello hello) {
            Channel existing = link.inbound;
            return existing != null && existing.isActive() && hello.incarnation() <= link.inboundIncarnation;
        }

        private void authenticate(ChannelHandlerContext ctx, Frame frame) {
            if (!(frame instanceof Frame.Auth auth)) {
                reject(ctx, "inbound", frame.getClass().getSimpleName() + " before authentication");
                return;
            }
            if (!options.handshake().authValid(hello, ack, auth)) {
                reject(ctx, "inbound", "\"" + hello.machineId() + "\" failed authentication (wrong cluster secret?)");
                return;
            }
            PeerLink link = claimed;
            // checked again: another connection for this id may have completed meanwhile
            if (alreadyConnected(link, hello)) {
                reject(ctx, "inbound", hello.machineId() + " is already connected");
                return;
            }
            Channel existing = link.inbound;
            if (existing != null && existing.isActive()) {
                // a newer life of the peer (authenticated): its old connection is a leftover of a crash
                LOG.warn("{} replaces {}'s old connection {} (new incarnation)", self.id(), hello.machineId(),
                        existing.remoteAddress());
                existing.close();
            }
            handshakeTimeout.cancel(false);
            peer = link;
            link.inbound = ctx.channel();
            link.inboundIncarnation = hello.incarnation();
            listener.onLinkUp(link.spec.id(), false);
            link.connectNowIfWaiting();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handOver();
            if (handshakeTimeout != null) {
                handshakeTimeout.cancel(false);
            }
            if (peer != null && peer.inbound == ctx.channel()) {
                peer.inbound = null;
                listener.onLinkDown(peer.spec.id(), false);
            } else if (peer == null && !closed && ctx.channel().attr(REJECTED).get() == null) {
                LOG.warn("closing inbound connection {}: closed by the remote end before the handshake completed",
                        ctx.channel().remoteAddress());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            reject(ctx, "inbound", describe(cause));
        }
    }

}
