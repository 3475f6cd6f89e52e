package dev.clockscope.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP request passes here first. Serves the page's files to anyone who can reach the port (they
 * hold no data), and lets a WebSocket handshake on {@value #STREAM_PATH} through only with the run's token
 * ({@code ?token=}) and, when the browser sends an Origin, only from the page's own origin (so another site
 * open in the same browser cannot connect). On a loopback bind the Host header must name loopback too,
 * which defeats DNS rebinding. Refusals are one-line plain-text answers and close the connection.
 */
final class HttpGate extends ChannelInboundHandlerAdapter {
    static final String STREAM_PATH = "/stream";
    private static final Logger log = LoggerFactory.getLogger(HttpGate.class);

    private final Assets assets;
    private final byte[] token;
    /** Host header values accepted; empty when bound to a wildcard or non-loopback address (any Host). */
    private final Set<String> hosts;

    HttpGate(Assets assets, String token, Set<String> hosts) {
        this.assets = assets;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.hosts = hosts;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (!req.decoderResult().isSuccess()) {
                refuse(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request");
                return;
            }
            String host = req.headers().get(HttpHeaderNames.HOST, "");
            if (!hosts.isEmpty() && !hosts.contains(host)) {
                refuse(ctx, HttpResponseStatus.FORBIDDEN, "Host \"" + clip(host) + "\" is not this server");
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            if (uri.path().equals(STREAM_PATH)) {
                String why = refusalOfStream(req, uri, host);
                if (why != null) {
                    log.warn("live view: refused a stream from {}: {}", ctx.channel().remoteAddress(), why);
                    refuse(ctx, HttpResponseStatus.FORBIDDEN, why);
                    return;
                }
                ctx.fireChannelRead(req.retain()); // on to the WebSocket handshake
                return;
            }
            if (!HttpMethod.GET.equals(req.method()) && !HttpMethod.HEAD.equals(req.method())) {
                refuse(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET");
                return;
            }
            Assets.Asset asset = assets.get(uri.path());
            if (asset == null) {
                refuse(ctx, HttpResponseStatus.NOT_FOUND, "no such file");
                return;
            }
            serve(ctx, req, asset);
        } finally {
            req.release();
        }
    }

    /** Why a stream handshake is refused, or null to let it through. */
    private String refusalOfStream(FullHttpRequest req, QueryStringDecoder uri, String host) {
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !origin.equals("http://" + host)) {
            return "Origin \"" + clip(origin) + "\" is not this page's origin";
        }
        List<String> sent = uri.parameters().get("token");
        if (sent == null || sent.size() != 1
                || !MessageDigest.isEqual(sent.get(0).getBytes(StandardCharsets.UTF_8), token)) {
            return "token missing or wrong";
        }
        return null;
    }

    private static void serve(ChannelHandlerContext ctx, FullHttpRequest req, Assets.Asset asset) {
        boolean head = HttpMethod.HEAD.equals(req.method());
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(asset.bytes()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, asset.contentType());
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, asset.bytes().length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        res.headers().set("X-Content-Type-Options", "nosniff");
        res.headers().set("Referrer-Policy", "no-referrer");
        res.headers().set("Content-Security-Policy",
                "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'");
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(f -> ctx.close());
        }
    }

    static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String why) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(why + "\n", StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // closed from here, not from the channel's tail: the WebSocket handler after us has nothing to say yet
        ctx.writeAndFlush(res).addListener(f -> ctx.close());
    }

    private static String clip(String s) {
        String oneLine = s.replaceAll("[\\r\\n\\t]", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "...";
    }
}
