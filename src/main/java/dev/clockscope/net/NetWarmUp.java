package dev.clockscope.net;

import dev.clockscope.clock.VectorClock;
import dev.clockscope.node.Message;
import dev.clockscope.protocol.Frame;
import dev.clockscope.time.TimeSource;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends messages over a throw-away loopback connection of the machine's own event loop, through the same
 * batch encoder, frame decoder and message construction as the real links, so that the JIT has compiled
 * the network path before the first tick. Measured: without it, most messages of a machine's first second
 * at 1,000 ticks/s take more than 1 ms from send to the receiver's queue (the path runs interpreted for its
 * first few hundred messages); with it, about 5 % do (EngineeringNotebook.md, 2026-11-22). Nothing of this
 * reaches a peer or the event log. TLS, when configured, is not part of the warmed path.
 */
public final class NetWarmUp {
    /** Between two messages, so each one takes the whole path (write, wake-up, read) like a tick's send. */
    private static final long PACE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(5);

    /** What a warm-up did: messages sent, messages decoded on the other end, and how long it took. */
    public record Result(int sent, int received, Duration took) {
    }

    private NetWarmUp() {
    }

    static Result run(EventLoopGroup group, InetAddress host, int senderIndex, int clusterSize, long incarnation,
                      TimeSource time, int messages) throws InterruptedException {
        long startNanos = System.nanoTime();
        CountDownLatch delivered = new CountDownLatch(messages);
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FrameDecoder(), new Sink(delivered, time));
                    }
                })
                .bind(new InetSocketAddress(host, 0)).sync().channel();
        Channel client = null;
        try {
            client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(server.localAddress()).sync().channel();
            OutboundBatch batch = new OutboundBatch(NetTransport.BATCH_FLUSH_BYTES);
            VectorClock vector = VectorClock.zero(clusterSize);
            for (int i = 1; i <= messages; i++) {
                vector = vector.tick(senderIndex);
                batch.add(client, senderIndex, new Message(senderIndex, incarnation, i, i, vector, 0));
                batch.flush();
                LockSupport.parkNanos(PACE_NANOS);
            }
            delivered.await(DELIVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            if (client != null) {
                client.close().sync();
            }
            server.close().sync();
        }
        return new Result(messages, (int) (messages - delivered.getCount()),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** The receiving end: builds each message as the real inbound handler does, then forgets it. */
    private static final class Sink extends SimpleChannelInboundHandler<Frame> {
        private final CountDownLatch delivered;
        private final TimeSource time;
        private List<Message> burst;

        Sink(CountDownLatch delivered, TimeSource time) {
            this.delivered = delivered;
            this.time = time;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            if (frame instanceof Frame.Data d) {
                if (burst == null) {
                    burst = new ArrayList<>(16);
                }
                burst.add(new Message(d.senderIndex(), 0, d.seq(), d.lamport(), VectorClock.adopt(d.vector()),
                        time.wallMicros()));
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (burst != null) {
                burst.forEach(m -> delivered.countDown());
                burst = null;
            }
            ctx.fireChannelReadComplete();
        }
    }
}
