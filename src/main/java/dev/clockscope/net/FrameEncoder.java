package dev.clockscope.net;

import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.ByteBuffer;

/** Frame -> 4-byte big-endian length + payload, encoded straight into the outgoing buffer. */
@ChannelHandler.Sharable
final class FrameEncoder extends MessageToByteEncoder<Frame> {
    static final FrameEncoder INSTANCE = new FrameEncoder();

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        int size = FrameCodec.encodedSize(frame);
        out.ensureWritable(4 + size);
        out.writeInt(size);
        ByteBuffer target = out.nioBuffer(out.writerIndex(), size);
        FrameCodec.encode(frame, target);
        out.writerIndex(out.writerIndex() + size);
    }
}
