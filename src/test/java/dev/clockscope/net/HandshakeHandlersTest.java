package dev.clockscope.net;

import static dev.clockscope.net.LinkRig.wire;
import static dev.clockscope.net.LinkRig.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.protocol.Frame;
import dev.clockscope.protocol.FrameCodec;
import dev.clockscope.protocol.Handshake;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The protocol-3 handshake of both sides, driven frame by frame on EmbeddedChannels (docs/PROTOCOL.md, section 3). */
class HandshakeHandlersTest {
    private final LinkRig rig = new LinkRig();

    @AfterEach
    void close() {
        rig.close();
    }

    /** A Hello exactly as a version-2 machine writes it (PROTOCOL.md of version 2): no high-water fields. */
    private static ByteBuf version2Hello() {
        byte[] id = "machine_2".getBytes();
        ByteBuffer p = ByteBuffer.allocate(1 + 2 + 2 + id.length + 8 + 32);
        p.put((byte) 1).putShort((short) 2).putShort((short) id.length).put(id).putLong(5).put(new byte[32]);
        return Unpooled.buffer().writeInt(p.capacity()).writeBytes(p.array());
    }

    @Test
    void aVersion2HelloGetsARefusalNamingOurVersionAndALogLineNamingBoth() {
        EmbeddedChannel ch = rig.acceptor();
        ch.writeInbound(version2Hello());
        ByteBuf refusal = ch.readOutbound();
        // length 3, then a HelloAck cut after its version: type 02, version 0004. A version-2 machine reads the
        // type and the version first and gives up with "protocol version 4, this machine speaks 2".
        assertEquals("00000003020004", ByteBufUtil.hexDump(refusal));
        refusal.release();
        assertFalse(ch.isActive(), "closed after the refusal");
        assertTrue(rig.warnings().stream().anyMatch(w -> w.contains("protocol version 2, this machine speaks 4")),
                rig.warnings().toString());
        assertTrue(rig.events.lines.isEmpty(), "nothing reached the machine: " + rig.events.lines);
    }

    @Test
    void aConnectorRefusedByAnotherVersionNamesBothAndCloses() {
        EmbeddedChannel ch = rig.connector("machine_2");
        written(ch); // our Hello
        ch.writeInbound(wire(new Frame.OtherVersion((byte) 2, 3)));
        assertFalse(ch.isActive());
        assertTrue(rig.warnings().stream().anyMatch(w -> w.contains("machine_2 speaks protocol version 3, this machine speaks 4")),
                rig.warnings().toString());
    }

    @Test
    void aHandshakeAuthenticatesBothWaysAndExchangesHighWaterMarks() {
        PeerLink m2 = rig.links.peer("machine_2");
        m2.sawData(40, 17); // what machine_1 has seen of machine_2 (from an earlier life, say)
        EmbeddedChannel in = rig.acceptor();
        Frame.Hello hello = new Frame.Hello(FrameCodec.PROTOCOL_VERSION, "machine_2", 5, Handshake.newNonce(), 33, 9);
        in.writeInbound(wire(hello));
        Frame.HelloAck answer = (Frame.HelloAck) written(in).get(0);
        assertTrue(rig.handshake.ackValid(hello, answer));
        assertEquals(List.of(40L, 17L), List.of(answer.seenLamport(), answer.seenOwnEntry()));
        assertTrue(rig.events.lines.isEmpty(), "not up before Auth");
        in.writeInbound(wire(new Frame.Auth(rig.handshake.authMac(hello, answer))));
        assertEquals(List.of(new Frame.Ack(0)), written(in), "Auth is answered by the first Ack");
        assertEquals(List.of("high water machine_2 33/9", "up machine_2 in"), rig.events.lines);

        EmbeddedChannel out = rig.connector("machine_2");
        Frame.Hello ours = (Frame.Hello) written(out).get(0);
        assertEquals(List.of(FrameCodec.PROTOCOL_VERSION, 40L, 17L), List.of(ours.protocolVersion(), ours.seenLamport(), ours.seenOwnEntry()));
        Frame.HelloAck theirs = rig.handshake.answer(ours, "machine_2", 5, 21, 8);
        out.writeInbound(wire(theirs));
        assertTrue(written(out).get(0) instanceof Frame.Auth);
        assertTrue(m2.outbound == null, "a connector is not up before the acceptor's Ack");
        out.writeInbound(wire(new Frame.Ack(0)));
        assertTrue(m2.outbound == out);
        assertEquals(List.of("high water machine_2 33/9", "up machine_2 in", "high water machine_2 21/8",
                "up machine_2 out"), rig.events.lines);
    }

    @Test
    void aWrongProofOrTheWrongPeerIsRejected() {
        EmbeddedChannel out = rig.connector("machine_2");
        Frame.Hello ours = (Frame.Hello) written(out).get(0);
        out.writeInbound(wire(new Handshake("other").answer(ours, "machine_2", 5)));
        assertFalse(out.isActive());
        EmbeddedChannel wrongPeer = rig.connector("machine_3");
        Frame.Hello toThree = (Frame.Hello) written(wrongPeer).get(0);
        wrongPeer.writeInbound(wire(rig.handshake.answer(toThree, "machine_2", 5)));
        assertFalse(wrongPeer.isActive());
        EmbeddedChannel in = rig.acceptor();
        Frame.Hello hello = new Frame.Hello(FrameCodec.PROTOCOL_VERSION, "machine_2", 5, Handshake.newNonce());
        in.writeInbound(wire(hello));
        written(in);
        in.writeInbound(wire(new Frame.Auth(new byte[32])));
        assertFalse(in.isActive());
        assertTrue(rig.events.lines.isEmpty(), rig.events.lines.toString());
    }

    @Test
    void theSameLifeIsRefusedWhileItsConnectionIsAliveAndReplacesItOnceItsHeartbeatsStopped() {
        EmbeddedChannel first = rig.acceptedFrom("machine_2", 5, 0, 0);
        // machine_2 keeps its first connection alive: a second one of the same life is refused
        rig.advance(LinkRig.H);
        first.writeInbound(wire(Frame.Heartbeat.INSTANCE));
        EmbeddedChannel second = rig.acceptor();
        second.writeInbound(wire(new Frame.Hello(FrameCodec.PROTOCOL_VERSION, "machine_2", 5, Handshake.newNonce())));
        assertFalse(second.isActive());
        assertTrue(rig.warnings().stream().anyMatch(w -> w.endsWith("machine_2 is already connected")));
        // then nothing arrives on the first for two heartbeat intervals (its link died silently):
        // the same life coming back gets the connection, and the dead one is closed
        rig.advance(LinkRig.H.multipliedBy(2));
        assertTrue(first.isActive(), "not yet at the heartbeat timeout");
        EmbeddedChannel third = rig.acceptedFrom("machine_2", 5, 0, 0);
        assertFalse(first.isActive(), "the dead connection was replaced");
        assertTrue(third.isActive());
        assertTrue(rig.links.peer("machine_2").inbound == third);
        assertEquals(List.of("up machine_2 in", "up machine_2 in"),
                rig.events.lines.stream().filter(l -> l.startsWith("up")).toList());
    }

    @Test
    void anOlderLifeIsRefusedAndANewerOneReplacesTheOld() {
        EmbeddedChannel newer = rig.acceptedFrom("machine_2", 9, 0, 0);
        EmbeddedChannel older = rig.acceptor();
        older.writeInbound(wire(new Frame.Hello(FrameCodec.PROTOCOL_VERSION, "machine_2", 8, Handshake.newNonce())));
        assertFalse(older.isActive());
        EmbeddedChannel newest = rig.acceptedFrom("machine_2", 10, 0, 0);
        assertFalse(newer.isActive());
        assertTrue(newest.isActive());
    }

    @Test
    void handshakesFromOneAddressAreCappedAtFourPerPeer() {
        // cluster of 3: machine_1 has 2 peers, so 8 connections of one address may be in their handshake
        EmbeddedChannel[] open = new EmbeddedChannel[8];
        for (int i = 0; i < open.length; i++) {
            open[i] = rig.acceptor();
            assertTrue(open[i].isActive(), "handshake " + (i + 1));
        }
        EmbeddedChannel ninth = rig.acceptor();
        assertFalse(ninth.isActive());
        assertTrue(rig.warnings().stream().anyMatch(w -> w.endsWith("too many handshakes at once from this address (cap 8)")));
        // a completed handshake frees its slot; authenticated connections take none
        open[0].close();
        EmbeddedChannel done = rig.acceptedFrom("machine_2", 5, 0, 0);
        assertTrue(done.isActive());
        assertEquals(7, rig.links.handshakeSlots.inUse(done.remoteAddress()));
    }

    @Test
    void aHandshakeThatDoesNotCompleteInTimeIsClosed() {
        rig.links.options = rig.links.options.withHeartbeats(LinkRig.H, LinkRig.T);
        EmbeddedChannel silent = rig.acceptor();
        EmbeddedChannel out = rig.connector("machine_3");
        rig.advance(Duration.ofMillis(4_990));
        assertTrue(silent.isActive() && out.isActive());
        rig.advance(Duration.ofMillis(10));
        assertFalse(silent.isActive());
        assertFalse(out.isActive());
        assertTrue(rig.warnings().contains("closing inbound connection embedded: no handshake within 5 s"),
                rig.warnings().toString());
    }

    @Test
    void theFirstAckMayCoverSeqsOfAnEarlierConnectionButNotMore() {
        EmbeddedChannel out = rig.connector("machine_2");
        Frame.Hello hello = (Frame.Hello) written(out).get(0);
        out.writeInbound(wire(rig.handshake.answer(hello, "machine_2", 5)));
        written(out);
        out.writeInbound(wire(new Frame.Ack(3))); // nothing was ever sent to machine_2
        assertFalse(out.isActive());
        assertTrue(rig.warnings().stream().anyMatch(w -> w.endsWith("machine_2 acknowledges seq 3, which was never sent")));
    }
}
