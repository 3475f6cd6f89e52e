package dev.clockscope.web;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live view's server: HTTP codec, aggregator, {@link HttpGate} (files, token, Origin), WebSocket
 * protocol handler, {@link StreamHandler}; a {@link Broadcaster} tick every {@value #TICK_MILLIS} ms. One
 * I/O thread: a handful of pages, never the machines' traffic. Binds 127.0.0.1 unless told otherwise.
 */
public final class LiveServer implements AutoCloseable {
    public static final String DEFAULT_BIND = "127.0.0.1";
    static final int TICK_MILLIS = 100;
    /** A page that has this much unsent is not written to until it drains to the low mark. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 << 10, 1 << 20);
    private static final Logger log = LoggerFactory.getLogger(LiveServer.class);

    private final EventLoopGroup group;
    private final ExecutorService controlThread;
    private final Channel server;
    private final String token;
    private final URI url;

    private LiveServer(EventLoopGroup group, ExecutorService controlThread, Channel server, String token, URI url) {
        this.group = group;
        this.controlThread = controlThread;
        this.server = server;
        this.token = token;
        this.url = url;
    }

    /** A fresh random token: 128 bits, hex. */
    public static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Starts serving {@code hub} on {@code bindHost:port} (port 0: any free one); {@code controls} null for a
     * view without controls.
     */
    public static LiveServer start(LiveHub hub, ControlTarget controls, String bindHost, int port)
            throws LiveServerException {
        if (bindHost.isBlank()) {
            // InetAddress takes "" for the loopback address: a script's empty variable would look like a choice
            throw new LiveServerException("\"" + bindHost + "\" is no address (127.0.0.1, ::1, 0.0.0.0, a host name)", true);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bindHost);
        } catch (UnknownHostException e) {
            throw new LiveServerException("\"" + bindHost + "\" is not a known address", true);
        }
        String token = newToken();
        // a frame per tick of at most 1/16 of the ring: the ring is smaller when events carry long vectors, and so
        // are the frames (8,192 events of 1,000 machines were a 14 MB frame every 100 ms)
        int perFrame = Math.min(Broadcaster.DEFAULT_EVENTS_PER_FRAME, Math.max(256, hub.ringCapacity() / 16));
        Broadcaster broadcaster = new Broadcaster(hub, perFrame, Broadcaster.DEFAULT_LIVE_EVENTS_PER_FRAME);
        Assets assets = new Assets();
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("live-view", true));
        ExecutorService controlThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "live-controls");
            t.setDaemon(true);
            return t;
        });
        // filled once the port is known; until then (and on a non-loopback bind) HttpGate accepts any Host
        Set<String> hosts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        LiveChannelInitializer init = new LiveChannelInitializer(hub, broadcaster, assets, token, hosts, controls,
                controlThread);
        Channel server;
        try {
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(init)
                    .bind(new InetSocketAddress(address, port)).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            controlThread.shutdownNow();
            throw new LiveServerException("cannot listen on " + bindHost + ":" + port + ": " + e.getMessage(), false);
        }
        int boundPort = ((InetSocketAddress) server.localAddress()).getPort();
        String shownHost = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        if (address.isLoopbackAddress()) {
            hosts.add("127.0.0.1:" + boundPort);
            hosts.add("localhost:" + boundPort);
            hosts.add("[::1]:" + boundPort);
            hosts.add(shownHost + ":" + boundPort);
        }
        group.next().scheduleAtFixedRate(() -> {
            try {
                broadcaster.tick();
            } catch (RuntimeException e) {
                log.warn("live view: broadcast failed", e);
            }
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        String hostPart = shownHost.contains(":") ? "[" + shownHost + "]" : shownHost;
        URI url = URI.create("http://" + hostPart + ":" + boundPort + "/#token=" + token);
        return new LiveServer(group, controlThread, server, token, url);
    }

    /** The page's address with the token in its fragment (never sent to the server in a request line). */
    public URI url() {
        return url;
    }

    public String token() {
        return token;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        controlThread.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
