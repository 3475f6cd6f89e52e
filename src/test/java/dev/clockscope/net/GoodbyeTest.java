package dev.clockscope.net;

import static dev.clockscope.net.LinkRig.data;
import static dev.clockscope.net.LinkRig.message;
import static dev.clockscope.net.LinkRig.wire;
import static dev.clockscope.net.LinkRig.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.protocol.Frame;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The goodbye of a clean stop (docs/PROTOCOL.md, "Goodbye"), as seen by the machine that is told. */
class GoodbyeTest {
    private final LinkRig rig = new LinkRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aPeersGoodbyeIsAnsweredAfterOurLastMessageAndStopsOurSends() {
        EmbeddedChannel out = rig.connectedTo("machine_2", 5, 0, 0);
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        PeerLink m2 = rig.links.peer("machine_2");
        m2.batch.add(out, 0, message(1));
        m2.batch.flush();
        written(out);
        in.writeInbound(wire(data(1, 3), Frame.Goodbye.INSTANCE));
        assertEquals(List.of(new Frame.Ack(3)), written(in), "what came before the Goodbye is taken and acknowledged");
        assertEquals(List.of(Frame.Goodbye.INSTANCE), written(out), "answered on our connection to it");
        assertTrue(m2.stopped);
        assertTrue(rig.events.lines.contains("stopped machine_2"));
        assertTrue(Links.inboundSettled(m2), "nothing more comes from it");
        assertFalse(Links.outboundSettled(m2), "our message 1 is not acknowledged yet");
        out.writeInbound(wire(new Frame.Ack(1)));
        assertTrue(Links.outboundSettled(m2));
    }

    @Test
    void aBatchThatReachesTheConnectionAfterOurGoodbyeIsNotWrittenButReportedPeerStopped() {
        EmbeddedChannel out = rig.connectedTo("machine_2", 5, 0, 0);
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        PeerLink m2 = rig.links.peer("machine_2");
        written(out);
        // the tick thread had encoded these before it could know; the event loop answers the Goodbye first
        m2.batch.add(out, 0, message(7));
        m2.batch.add(out, 0, message(8));
        in.writeInbound(wire(Frame.Goodbye.INSTANCE));
        m2.batch.flush();
        assertEquals(List.of(Frame.Goodbye.INSTANCE), written(out), "no Data after the Goodbye");
        assertTrue(rig.events.lines.contains("undelivered machine_2 [7, 8] peer stopped"), rig.events.lines.toString());
        assertEquals(0, m2.unacked.size(), "reported once: not again when the link goes");
        out.close();
        assertFalse(rig.events.lines.stream().anyMatch(l -> l.endsWith("unacknowledged")));
    }

    @Test
    void dataAfterAGoodbyeBreaksTheProtocol() {
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        in.writeInbound(wire(Frame.Goodbye.INSTANCE, data(1, 1)));
        assertFalse(in.isActive());
        assertTrue(rig.events.messages.isEmpty());
        assertTrue(rig.warnings().stream().anyMatch(w -> w.endsWith("unexpected Data after Goodbye")));
    }

    @Test
    void whenWeSayGoodbyeOurselvesThePeersGoodbyeIsAnAnswerNotNews() {
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        rig.links.sayingGoodbye = true;
        in.writeInbound(wire(Frame.Goodbye.INSTANCE));
        assertFalse(rig.events.lines.contains("stopped machine_2"));
        assertTrue(Links.inboundSettled(rig.links.peer("machine_2")));
    }

    @Test
    void aConnectionThatComesUpInTheMiddleOfAGoodbyeCarriesAGoodbyeToo() {
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        in.writeInbound(wire(Frame.Goodbye.INSTANCE)); // machine_2 is stopping; we have no connection to it yet
        EmbeddedChannel out = rig.connectedTo("machine_2", 5, 0, 0);
        assertEquals(List.of(Frame.Goodbye.INSTANCE), written(out), "our answer, on the connection that came up");
        rig.links.sayingGoodbye = true; // and when we are the one stopping
        EmbeddedChannel toThree = rig.connectedTo("machine_3", 8, 0, 0);
        assertEquals(List.of(Frame.Goodbye.INSTANCE), written(toThree));
    }

    @Test
    void aNewLifeOfAStoppedPeerIsSentToAgain() {
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        in.writeInbound(wire(Frame.Goodbye.INSTANCE));
        PeerLink m2 = rig.links.peer("machine_2");
        assertTrue(m2.stopped);
        in.close();
        rig.acceptedFrom("machine_2", 5, 0, 0); // the same life cannot undo its goodbye
        assertTrue(m2.stopped);
        rig.connectedTo("machine_2", 6, 0, 0);
        assertFalse(m2.stopped, "machine_2 restarted");
    }
}
