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
 *
 * <p>Fast path: a frame whose length is in 1..{@link FrameCodec#MAX_PAYLOAD_BYTES} and which is wholly in
 * the buffer is decoded in place (the buffer's own NIO view, no slice, no reference counting); anything
 * else (incomplete, zero, negative or oversized length) takes Netty's path, so every malformed input is
 * treated exactly as before.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    /** Set at the first malformed input: from then on only Netty's path (it may be discarding a frame). */
    private boolean failed;

    FrameDecoder() {
        super(FrameCodec.MAX_PAYLOAD_BYTES, 0, 4, 0, 4, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        try {
            return decodeFrame(ctx, in);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private Object decodeFrame(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        int start = in.readerIndex();
        if (!failed && in.readableBytes() >= 4 && in.nioBufferCount() == 1) {
            int length = in.getInt(start);
            if (length > 0 && length <= FrameCodec.MAX_PAYLOAD_BYTES && in.readableBytes() >= 4 + length) {
                java.nio.ByteBuffer payload = in.internalNioBuffer(start + 4, length);
                in.readerIndex(start + 4 + length); // consumed even if malformed, as on Netty's path
                return decodePayload(payload);
            }
        }
        ByteBuf payload = (ByteBuf) super.decode(ctx, in);
        if (payload == null) {
            return null;
        }
        try {
            return decodePayload(payload.nioBufferCount() == 1
                    ? payload.internalNioBuffer(payload.readerIndex(), payload.readableBytes())
                    : payload.nioBuffer());
        } finally {
            payload.release();
        }
    }

    /** The codec is done with {@code payload} (a shared view) before this returns. */
    private static Object decodePayload(java.nio.ByteBuffer payload) {
        try {
            return FrameCodec.decode(payload);
        } catch (ProtocolException e) {
            throw new CorruptedFrameException(e.getMessage());
        }
    }
}
