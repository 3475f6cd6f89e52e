package dev.clockscope.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A page's side of one connection to the live view's real pipeline, on {@link EmbeddedChannel}s: raw HTTP
 * bytes in, and WebSocket frames masked as a browser masks them (Netty's client-side frame codec).
 */
final class PageClient {
    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    final EmbeddedChannel server;
    private final EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
    private final EmbeddedChannel decoder = new EmbeddedChannel(new WebSocket13FrameDecoder(false, true, 1 << 24));

    PageClient(LiveHub hub, Broadcaster broadcaster, ControlTarget controls) {
        server = new EmbeddedChannel(new LiveChannelInitializer(hub, broadcaster, new Assets(), TOKEN,
                Set.of("127.0.0.1:8080"), controls, Runnable::run));
    }

    /** Sends a request and returns the raw response text (status line, headers, body). */
    String http(String request) {
        server.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        StringBuilder out = new StringBuilder();
        for (Object o = server.readOutbound(); o != null; o = server.readOutbound()) {
            ByteBuf b = (ByteBuf) o;
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }

    static String get(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n" + extraHeaders + "\r\n";
    }

    /** A WebSocket handshake as Chromium sends it; returns the response. */
    String handshake(String query, String origin) {
        return http("GET /stream" + query + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n");
    }

    void send(WebSocketFrame frame) {
        encoder.writeOutbound(frame);
        for (Object o = encoder.readOutbound(); o != null; o = encoder.readOutbound()) {
            server.writeInbound(o);
        }
    }

    void sendText(String text) {
        send(new TextWebSocketFrame(text));
    }

    void sendBinary(byte[] bytes) {
        send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    /** Every text frame the server has written since the last call, as JSON. */
    List<JsonNode> frames() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (Object o = server.readOutbound(); o != null; o = server.readOutbound()) {
            decoder.writeInbound(o);
        }
        for (Object f = decoder.readInbound(); f != null; f = decoder.readInbound()) {
            if (f instanceof TextWebSocketFrame t) {
                out.add(JSON.readTree(t.text()));
            }
            ((WebSocketFrame) f).release();
        }
        return out;
    }

    /** Bytes the server has queued for this page but not yet "sent" (EmbeddedChannel keeps them all). */
    long pendingOutboundBytes() {
        long n = 0;
        for (Object o : server.outboundMessages()) {
            n += ((ByteBuf) o).readableBytes();
        }
        return n;
    }
}
