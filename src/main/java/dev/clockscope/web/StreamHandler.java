package dev.clockscope.web;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A page's WebSocket once the handshake has passed the {@link HttpGate}: registers it with the
 * {@link Broadcaster}, and takes its control messages. Each control is validated in full
 * ({@link ControlRequests}) and answered with one line; a valid one is applied off the I/O thread (stopping
 * a process can take a moment) and marked on every page's diagram. Anything but a text frame closes the
 * connection with a warning.
 */
final class StreamHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(StreamHandler.class);

    private final LiveHub hub;
    private final Broadcaster broadcaster;
    private final String token;
    /** Null when this view has no controls (vm view). */
    private final ControlTarget controls;
    private final Executor controlThread;

    StreamHandler(LiveHub hub, Broadcaster broadcaster, String token, ControlTarget controls, Executor controlThread) {
        this.hub = hub;
        this.broadcaster = broadcaster;
        this.token = token;
        this.controls = controls;
        this.controlThread = controlThread;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            broadcaster.add(ctx.channel());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        broadcaster.remove(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            log.warn("live view: closed {}: a {} where only text frames are expected", ctx.channel().remoteAddress(),
                    frame.getClass().getSimpleName());
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "text frames only"))
                    .addListener(f -> ctx.close());
            return;
        }
        String message = text.text();
        long id = ControlRequests.idOf(message);
        ControlRequest request;
        try {
            if (controls == null) {
                throw new ControlException("controls: this view has none (they come with vm cluster --live)");
            }
            request = ControlRequests.parse(message, token, hub.view().machines());
        } catch (ControlException e) {
            reply(ctx, id, false, e.getMessage());
            return;
        }
        controlThread.execute(() -> apply(ctx, request));
    }

    private void apply(ChannelHandlerContext ctx, ControlRequest request) {
        try {
            String done = controls.apply(request);
            hub.mark(request.target(), new Mark(request.action().word, controls.markMicros(), done));
            reply(ctx, request.id(), true, done);
        } catch (ControlException e) {
            reply(ctx, request.id(), false, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("live view: control {} failed", request.describe(), e);
            reply(ctx, request.id(), false, request.describe() + " failed: " + e);
        }
    }

    private static void reply(ChannelHandlerContext ctx, long id, boolean ok, String message) {
        Broadcaster.write(ctx.channel(), g -> PageJson.reply(g, id, ok, message));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("live view: closed {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
