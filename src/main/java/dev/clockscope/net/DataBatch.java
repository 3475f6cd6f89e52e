package dev.clockscope.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * Encoded Data frames on their way to an outbound connection, with their sequence numbers: the
 * connection's handler ({@link ConnectorLink}) writes the bytes, or, after a goodbye, drops them and
 * reports the messages. Releasing it releases the bytes.
 */
final class DataBatch extends DefaultByteBufHolder {
    final long[] seqs;
    final int count;

    DataBatch(ByteBuf bytes, long[] seqs, int count) {
        super(bytes);
        this.seqs = seqs;
        this.count = count;
    }
}
