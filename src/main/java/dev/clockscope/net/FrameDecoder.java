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
            // the buffer's own cached NIO view (no ByteBuffer allocated per frame); the codec is done with it
            // before this returns
            return FrameCodec.decode(payload.nioBufferCount() == 1
                    ? payload.internalNioBuffer(payload.readerIndex(), payload.readableBytes())
                    : payload.nioBuffer());
        } catch (ProtocolException e) {
            throw new CorruptedFrameException(e.getMessage());
        } finally {
            payload.release();
        }
    }
}
