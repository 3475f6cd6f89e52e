package dev.clockscope.net;

import dev.clockscope.protocol.FrameCodec;
import dev.clockscope.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Bytes -> {@link dev.clockscope.protocol.Frame}: Netty cuts frames by the 4-byte length prefix (failing
 * fast on a length above the maximum), then {@link FrameCodec} decodes and validates the payload.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    FrameDecoder() {
        super(FrameCodec.MAX_PAYLOAD_BYTES, 0, 4, 0, 4, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        ByteBuf payload = (ByteBuf) super.decode(ctx, in);
        if (payload == null) {
            return null;
        }
        try {
            return FrameCodec.decode(payload.nioBuffer());
        } catch (ProtocolException e) {
            throw new CorruptedFrameException(e.getMessage());
        } finally {
            payload.release();
        }
    }
}
