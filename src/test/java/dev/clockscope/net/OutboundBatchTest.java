package dev.clockscope.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.node.Message;
import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class OutboundBatchTest {
    private static Message message(long seq) {
        return new Message(1, 5, seq, 10 + seq, VectorClock.of(4, seq, 0), 0);
    }

    private static byte[] reference(long seq) {
        Message m = message(seq);
        byte[] payload = FrameCodec.encode(new Frame.Data(1, m.seq(), m.lamport(), m.vector().toArray()));
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    @Test
    void batchedFramesAreTheCodecsBytesHandedOverAsOneWrite() {
        EmbeddedChannel ch = new EmbeddedChannel();
        OutboundBatch batch = new OutboundBatch(1024);
        for (long seq = 1; seq <= 3; seq++) {
            assertFalse(batch.add(ch, 1, message(seq)));
        }
        assertNull(ch.readOutbound(), "nothing reaches the channel before the flush");
        assertEquals(3, batch.flush());
        ByteBuf written = ch.readOutbound();
        assertNull(ch.readOutbound(), "one write for the whole batch");
        byte[] bytes = new byte[written.readableBytes()];
        written.readBytes(bytes);
        written.release();
        ByteBuffer expected = ByteBuffer.allocate(3 * OutboundBatch.frameBytes(3, false));
        for (long seq = 1; seq <= 3; seq++) {
            expected.put(reference(seq));
        }
        assertArrayEquals(expected.array(), bytes);
        assertEquals(0, batch.flush(), "empty after a flush");
    }

    @Test
    void aMessageWithAnHlcIsTheCodecsTypeEightFrame() {
        EmbeddedChannel ch = new EmbeddedChannel();
        OutboundBatch batch = new OutboundBatch(1024);
        Hlc hlc = new Hlc(1_767_225_600_150_000L, 2);
        batch.add(ch, 1, new Message(1, 5, 9, 19, VectorClock.of(4, 9, 0), 0, hlc));
        batch.flush();
        ByteBuf written = ch.readOutbound();
        byte[] bytes = new byte[written.readableBytes()];
        written.readBytes(bytes);
        written.release();
        byte[] payload = FrameCodec.encode(new Frame.Data(1, 9, 19, new long[] {4, 9, 0}, hlc));
        assertArrayEquals(ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array(), bytes);
        assertEquals(OutboundBatch.frameBytes(3, true), bytes.length);
    }

    @Test
    void addSaysWhenTheBatchReachesItsFlushSize() {
        EmbeddedChannel ch = new EmbeddedChannel();
        int frame = OutboundBatch.frameBytes(3, false);
        OutboundBatch batch = new OutboundBatch(2 * frame);
        assertFalse(batch.add(ch, 1, message(1)));
        assertTrue(batch.add(ch, 1, message(2)));
        assertEquals(2 * frame, batch.bytes());
        assertEquals(2, batch.flush());
        assertEquals(0, batch.bytes());
        ((ByteBuf) ch.readOutbound()).release();
    }

    @Test
    void withAcknowledgementsABatchIsRecordedThenWrittenWithItsSequenceNumbers() {
        EmbeddedChannel ch = new EmbeddedChannel();
        UnackedSeqs unacked = new UnackedSeqs();
        unacked.attach(ch);
        java.util.List<long[]> lost = new java.util.ArrayList<>();
        OutboundBatch batch = new OutboundBatch(1024, unacked, lost::add);
        batch.add(ch, 1, message(4));
        batch.add(ch, 1, message(7));
        assertEquals(2, batch.flush());
        DataBatch written = ch.readOutbound();
        assertArrayEquals(new long[] {4, 7}, java.util.Arrays.copyOf(written.seqs, written.count));
        assertEquals(2 * OutboundBatch.frameBytes(3, false), written.content().readableBytes());
        written.release();
        assertEquals(2, unacked.size(), "recorded before the write, until the peer acknowledges");
        assertTrue(lost.isEmpty());
    }

    @Test
    void withAcknowledgementsABatchForAClosedChannelIsReportedLost() {
        EmbeddedChannel ch = new EmbeddedChannel();
        UnackedSeqs unacked = new UnackedSeqs();
        unacked.attach(ch);
        java.util.List<long[]> lost = new java.util.ArrayList<>();
        OutboundBatch batch = new OutboundBatch(1024, unacked, lost::add);
        batch.add(ch, 1, message(3));
        batch.add(ch, 1, message(5));
        ch.close();
        assertEquals(0, batch.flush());
        assertEquals(1, lost.size());
        assertArrayEquals(new long[] {3, 5}, lost.get(0));
        assertEquals(0, unacked.size(), "never recorded: reported once, here");
    }

    @Test
    void aBatchForAClosedChannelIsReleasedNotWritten() {
        EmbeddedChannel ch = new EmbeddedChannel();
        OutboundBatch batch = new OutboundBatch(1024);
        batch.add(ch, 1, message(1));
        ch.close();
        assertEquals(0, batch.flush());
    }

    @Test
    void aNewChannelFlushesTheOldOnesBatchFirst() {
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();
        OutboundBatch batch = new OutboundBatch(1024);
        batch.add(first, 1, message(1));
        batch.add(second, 1, message(2));
        ByteBuf old = first.readOutbound();
        assertEquals(OutboundBatch.frameBytes(3, false), old.readableBytes());
        old.release();
        assertEquals(1, batch.flush());
        ByteBuf now = second.readOutbound();
        assertEquals(OutboundBatch.frameBytes(3, false), now.readableBytes());
        now.release();
    }
}
