package dev.clockscope.net;

import static dev.clockscope.net.LinkRig.data;
import static dev.clockscope.net.LinkRig.message;
import static dev.clockscope.net.LinkRig.wire;
import static dev.clockscope.net.LinkRig.written;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cumulative, batched acknowledgements (docs/PROTOCOL.md, "Acknowledgements"), both sides. */
class AcknowledgementsTest {
    private final LinkRig rig = new LinkRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void theAcceptorAnswersAReadBurstWithOneCumulativeAck() {
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        // seqs of one sender life are not contiguous on one link (a send to the other peer takes a seq too)
        ByteBuf burst = wire(data(1, 2), data(1, 3), data(1, 7));
        int dataBytes = burst.readableBytes();
        in.writeInbound(burst);
        List<Frame> acks = written(in);
        assertEquals(List.of(new Frame.Ack(7)), acks, "one Ack for the burst, naming its highest seq");
        assertEquals(List.of("messages 3"), rig.events.lines.subList(2, 3), "and one hand-over");
        // 13 bytes on the wire (4 length + type + i64) for 3 messages of 4 + 45 bytes each
        assertEquals(3 * (4 + 45), dataBytes);
        assertEquals(13, 4 + FrameCodec.encodedSize(new Frame.Ack(7)));
        in.writeInbound(wire(data(1, 8)));
        assertEquals(List.of(new Frame.Ack(8)), written(in));
        in.writeInbound(wire(Frame.Heartbeat.INSTANCE));
        assertEquals(List.of(), written(in), "nothing new taken: no Ack");
    }

    @Test
    void theCumulativeAckOfALifeCarriesOverToItsNextConnection() {
        EmbeddedChannel first = rig.acceptedFrom("machine_2", 5, 0, 0);
        first.writeInbound(wire(data(1, 4)));
        written(first);
        first.close();
        // the same life reconnects: its first Ack says what was taken on the old connection
        EmbeddedChannel ch = rig.acceptor();
        Frame.Hello hello = new Frame.Hello(FrameCodec.PROTOCOL_VERSION, "machine_2", 5, dev.clockscope.protocol.Handshake.newNonce());
        ch.writeInbound(wire(hello));
        Frame.HelloAck answer = (Frame.HelloAck) written(ch).get(0);
        ch.writeInbound(wire(new Frame.Auth(rig.handshake.authMac(hello, answer))));
        assertEquals(List.of(new Frame.Ack(4)), written(ch));
        // a new life of machine_2 starts from 0
        EmbeddedChannel newLife = rig.acceptedFrom("machine_2", 6, 0, 0);
        newLife.writeInbound(wire(data(1, 1)));
        assertEquals(List.of(new Frame.Ack(1)), written(newLife));
    }

    @Test
    void theConnectorDropsWhatAnAckCoversAndAResentOrOlderAckCountsNothingTwice() {
        EmbeddedChannel out = rig.connectedTo("machine_2", 5, 0, 0);
        PeerLink m2 = rig.links.peer("machine_2");
        for (long seq : new long[] {1, 2, 4, 6}) {
            m2.batch.add(out, 0, message(seq));
        }
        assertEquals(4, m2.batch.flush());
        List<Frame> sent = written(out);
        assertEquals(4, sent.size(), "one write of 4 Data frames: " + sent);
        assertEquals(4, m2.unacked.size());
        out.writeInbound(wire(new Frame.Ack(2)));
        assertEquals(2, m2.unacked.size(), "1 and 2 acknowledged");
        out.writeInbound(wire(new Frame.Ack(2), new Frame.Ack(1)));
        assertEquals(2, m2.unacked.size(), "a repeated or older Ack acknowledges nothing more");
        out.writeInbound(wire(new Frame.Ack(5)));
        assertEquals(1, m2.unacked.size(), "cumulative: 5 covers 4, not 6");
        out.writeInbound(wire(new Frame.Ack(6)));
        assertEquals(0, m2.unacked.size());
        out.close();
        assertFalse(rig.events.lines.stream().anyMatch(l -> l.startsWith("undelivered")), "nothing to report");
    }

    @Test
    void whatIsUnacknowledgedWhenTheLinkIsLostIsReportedOnceInSendOrder() {
        EmbeddedChannel out = rig.connectedTo("machine_2", 5, 0, 0);
        PeerLink m2 = rig.links.peer("machine_2");
        for (long seq = 1; seq <= 5; seq++) {
            m2.batch.add(out, 0, message(seq));
            m2.batch.flush();
        }
        out.writeInbound(wire(new Frame.Ack(2)));
        out.close();
        // a batch the tick thread flushes after the loss is reported by the batch itself, once
        m2.batch.add(out, 0, message(6));
        assertEquals(0, m2.batch.flush());
        assertEquals(List.of("down machine_2 out", "undelivered machine_2 [3, 4, 5] unacknowledged",
                "undelivered machine_2 [6] unacknowledged"), rig.events.lines.subList(2, 5));
    }

    @Test
    void anAckForSomethingNeverSentClosesTheConnection() {
        EmbeddedChannel out = rig.connectedTo("machine_2", 5, 0, 0);
        PeerLink m2 = rig.links.peer("machine_2");
        m2.batch.add(out, 0, message(3));
        m2.batch.flush();
        out.writeInbound(wire(new Frame.Ack(9)));
        assertFalse(out.isActive());
        assertTrue(rig.events.lines.contains("undelivered machine_2 [3] unacknowledged"));
    }

    @Test
    void theHighWaterMarkFollowsTheDataReceived() {
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        in.writeInbound(wire(new Frame.Data(1, 1, 30, new long[] {0, 4, 0}), new Frame.Data(1, 2, 12, new long[] {0, 9, 2})));
        assertEquals(30, rig.links.lamportSeenFrom("machine_2"));
        assertEquals(9, rig.links.ownEntrySeenFrom("machine_2"));
        assertEquals(0, rig.links.lamportSeenFrom("machine_3"));
    }

    @Test
    void whileClosingNothingIsTakenOrAcknowledged() {
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        rig.links.closing = true;
        in.writeInbound(wire(data(1, 1)));
        assertEquals(List.of(), written(in));
        assertTrue(rig.events.messages.isEmpty());
    }

    @Test
    void unackedSeqsForgetABatchThatWasNeverWritten() {
        EmbeddedChannel ch = new EmbeddedChannel();
        UnackedSeqs u = new UnackedSeqs();
        u.attach(ch);
        u.record(ch, new long[] {1, 2, 3, 5, 8}, 5);
        assertArrayEquals(new long[] {5, 8}, u.forget(ch, new long[] {5, 8, 9}, 3));
        assertArrayEquals(new long[] {1, 2, 3}, u.detach(ch));
        assertArrayEquals(new long[0], u.detach(ch), "reported once");
        assertFalse(u.record(ch, new long[] {9}, 1), "a detached connection records nothing");
    }
}
