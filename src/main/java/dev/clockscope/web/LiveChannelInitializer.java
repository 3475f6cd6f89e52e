package dev.clockscope.web;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * One connection's pipeline: HTTP codec, aggregator (requests and control messages up to
 * {@value #MAX_REQUEST_BYTES} bytes), {@link HttpGate}, WebSocket protocol handler, frame aggregator (a fragmented
 * message, same limit), {@link StreamHandler}.
 */
final class LiveChannelInitializer extends ChannelInitializer<Channel> {
    /** Largest HTTP request or control message accepted. */
    static final int MAX_REQUEST_BYTES = 64 << 10;

    private final LiveHub hub;
    private final Broadcaster broadcaster;
    private final Assets assets;
    private final String token;
    private final Set<String> hosts;
    private final ControlTarget controls;
    private final Executor controlThread;

    LiveChannelInitializer(LiveHub hub, Broadcaster broadcaster, Assets assets, String token, Set<String> hosts,
                           ControlTarget controls, Executor controlThread) {
        this.hub = hub;
        this.broadcaster = broadcaster;
        this.assets = assets;
        this.token = token;
        this.hosts = hosts;
        this.controls = controls;
        this.controlThread = controlThread;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(new HttpServerCodec());
        p.addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES));
        p.addLast(new HttpGate(assets, token, hosts));
        p.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(HttpGate.STREAM_PATH)
                .checkStartsWith(true)
                .maxFramePayloadLength(MAX_REQUEST_BYTES)
                .handshakeTimeoutMillis(10_000)
                .build()));
        // a text message may arrive in fragments (RFC 6455 5.4): one message, up to the same limit in all
        p.addLast(new WebSocketFrameAggregator(MAX_REQUEST_BYTES));
        p.addLast(new StreamHandler(hub, broadcaster, token, controls, controlThread));
    }
}
