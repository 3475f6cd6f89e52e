package dev.clockscope.net;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.node.Message;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Data frames for one peer, encoded by the tick thread straight into one outgoing buffer and handed to
 * the channel as a single write + flush. A flush per message costs an event-loop task and a
 * {@code write} system call per message (about 200k messages/s per link on this machine); one per
 * batch costs one of each per batch. Owned by the tick thread; the channel's event loop only sees the
 * finished buffer. The bytes are exactly those of {@link dev.clockscope.protocol.FrameCodec} with the
 * 4-byte length prefix ({@code OutboundBatchTest} checks it).
 *
 * <p>With {@link UnackedSeqs} (a peer's link), each batch's sequence numbers are recorded as unacknowledged
 * before it is written, and a batch whose connection has gone is reported to {@code lost} instead.
 */
final class OutboundBatch {
    /** Where the messages of a batch that could not be handed to its channel are reported. */
    interface Lost {
        void report(long[] seqs);
    }

    /** Type byte of a Data frame (protocol version 1), and of one with the sender's HLC (version 4). */
    static final byte TYPE_DATA = 3;
    static final byte TYPE_DATA_HLC = 8;

    private final int flushBytes;
    /** Null: no acknowledgements (the warm-up); the raw bytes are written. */
    private final UnackedSeqs unacked;
    private final Lost lost;
    private Channel channel;
    private ByteBuf buffer;
    private int messages;
    private long[] seqs = new long[16];

    /** A batch without acknowledgements (the warm-up's loopback connection). */
    OutboundBatch(int flushBytes) {
        this(flushBytes, null, seqs -> { });
    }

    OutboundBatch(int flushBytes, UnackedSeqs unacked, Lost lost) {
        this.flushBytes = flushBytes;
        this.unacked = unacked;
        this.lost = lost;
    }

    /** Bytes of one Data frame on the wire, length prefix included. */
    static int frameBytes(int vectorSize, boolean hlc) {
        return 4 + payloadBytes(vectorSize, hlc);
    }

    private static int payloadBytes(int vectorSize, boolean hlc) {
        return 1 + 2 + 8 + 8 + (hlc ? Hlc.WIRE_BYTES : 0) + 2 + vectorSize * Long.BYTES;
    }

    /** Appends one message from {@code senderIndex} for {@code ch}; true when the batch has reached its flush size. */
    boolean add(Channel ch, int senderIndex, Message message) {
        if (channel != ch) {
            flush(); // a new connection: never mix buffers of two channels
            channel = ch;
        }
        VectorClock v = message.vector();
        int n = v.size();
        if (buffer == null) {
            buffer = ch.alloc().ioBuffer(Math.max(flushBytes + frameBytes(n, true), 256));
        }
        writeData(buffer, senderIndex, message.seq(), message.lamport(), v, message.hlc());
        if (messages == seqs.length) {
            seqs = java.util.Arrays.copyOf(seqs, messages * 2);
        }
        seqs[messages++] = message.seq();
        return buffer.readableBytes() >= flushBytes;
    }

    static void writeData(ByteBuf out, int senderIndex, long seq, long lamport, VectorClock v, Hlc hlc) {
        int n = v.size();
        out.ensureWritable(frameBytes(n, hlc != null));
        out.writeInt(payloadBytes(n, hlc != null));
        out.writeByte(hlc == null ? TYPE_DATA : TYPE_DATA_HLC);
        out.writeShort(senderIndex);
        out.writeLong(seq);
        out.writeLong(lamport);
        if (hlc != null) {
            out.writeLong(hlc.l());
            out.writeInt(hlc.c());
        }
        out.writeShort(n);
        for (int i = 0; i < n; i++) {
            out.writeLong(v.get(i));
        }
    }

    int messages() {
        return messages;
    }

    int bytes() {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    /**
     * Hands the batch to its channel: one write and one flush. If the channel closed meanwhile, the batch
     * is dropped and its messages reported to {@code lost} (they were accepted but never written); returns
     * the number of messages handed over (0 when dropped or empty).
     */
    int flush() {
        ByteBuf b = buffer;
        Channel ch = channel;
        int n = messages;
        long[] batchSeqs = seqs;
        buffer = null;
        messages = 0;
        if (b == null) {
            return 0;
        }
        if (unacked == null) {
            if (ch.isActive()) {
                ch.writeAndFlush(b, ch.voidPromise());
                return n;
            }
            b.release();
            return 0;
        }
        seqs = new long[Math.max(16, n)];
        if (!ch.isActive() || !unacked.record(ch, batchSeqs, n)) {
            b.release();
            lost.report(java.util.Arrays.copyOf(batchSeqs, n));
            return 0;
        }
        ch.writeAndFlush(new DataBatch(b, batchSeqs, n), ch.voidPromise());
        return n;
    }
}
