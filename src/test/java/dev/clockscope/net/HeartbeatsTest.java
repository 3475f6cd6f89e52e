package dev.clockscope.net;

import static dev.clockscope.net.LinkRig.H;
import static dev.clockscope.net.LinkRig.T;
import static dev.clockscope.net.LinkRig.data;
import static dev.clockscope.net.LinkRig.wire;
import static dev.clockscope.net.LinkRig.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.protocol.Frame;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats on established connections (docs/PROTOCOL.md, "Heartbeats"), H = 250 ms and T = 1.5 s, on
 * fake time: the channels' schedulers and the time source move together, 5 ms at a time.
 */
class HeartbeatsTest {
    private static final Duration MS = Duration.ofMillis(1);
    private final LinkRig rig = new LinkRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void anIdleLinkSendsAHeartbeatEveryInterval() {
        EmbeddedChannel out = rig.connectedTo("machine_2", 5, 0, 0);
        written(out);
        rig.advance(H.minus(MS.multipliedBy(5)));
        assertEquals(List.of(), written(out), "nothing before H");
        rig.advance(MS.multipliedBy(5));
        assertEquals(List.of(Frame.Heartbeat.INSTANCE), written(out), "one at H");
        out.writeInbound(wire(Frame.Heartbeat.INSTANCE)); // the peer is alive too
        rig.advance(H);
        assertEquals(List.of(Frame.Heartbeat.INSTANCE), written(out), "and one every H after");
        EmbeddedChannel in = rig.acceptedFrom("machine_3", 5, 0, 0);
        rig.advance(H);
        assertEquals(List.of(Frame.Heartbeat.INSTANCE), written(in), "the acceptor's side beats as well");
    }

    @Test
    void aLinkThatWritesSendsNoHeartbeat() {
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        // machine_2 sends a message every 100 ms; each burst is acknowledged, which is a frame too
        for (int i = 1; i <= 10; i++) {
            rig.advance(Duration.ofMillis(100));
            in.writeInbound(wire(data(1, i)));
        }
        List<Frame> frames = written(in);
        assertEquals(10, frames.size(), frames.toString());
        assertTrue(frames.stream().allMatch(f -> f instanceof Frame.Ack), frames.toString());
    }

    @Test
    void silenceForTheTimeoutClosesTheLinkAsDeadAndReportsWhatWasUnacknowledged() {
        EmbeddedChannel out = rig.connectedTo("machine_2", 5, 0, 0);
        PeerLink m2 = rig.links.peer("machine_2");
        m2.batch.add(out, 0, LinkRig.message(1));
        m2.batch.flush();
        // the check runs every H: silence is noticed at the first check at or after T (here exactly at T)
        rig.advance(T.minus(MS.multipliedBy(5)));
        assertTrue(out.isActive(), "still alive just before T");
        rig.advance(MS.multipliedBy(5));
        assertFalse(out.isActive(), "dead at T");
        assertEquals(List.of("high water machine_2 0/0", "up machine_2 out", "down machine_2 out",
                "undelivered machine_2 [1] unacknowledged"), rig.events.lines);
        assertTrue(rig.warnings().stream().anyMatch(w -> w.contains("nothing arrived from machine_2 for 1.5 s "
                + "(heartbeat timeout 1.5 s): the link is dead")), rig.warnings().toString());
    }

    @Test
    void anyFrameKeepsTheLinkAlive() {
        EmbeddedChannel out = rig.connectedTo("machine_2", 5, 0, 0);
        for (int i = 0; i < 8; i++) {
            rig.advance(T.minus(MS.multipliedBy(100)));
            out.writeInbound(wire(Frame.Heartbeat.INSTANCE));
        }
        assertTrue(out.isActive(), "a heartbeat every 1.4 s keeps a 1.5 s timeout at bay");
    }

    @Test
    void silenceWhileWeHaveStoppedReadingDoesNotCount() {
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        in.config().setAutoRead(false); // back-pressure: the machine's queue is full
        rig.advance(T.multipliedBy(3));
        assertTrue(in.isActive(), "not dead: we are the ones not reading");
        in.config().setAutoRead(true);
        rig.advance(T.minus(MS.multipliedBy(5)));
        assertTrue(in.isActive(), "the timeout counts from when reading resumed");
        rig.advance(H);
        assertFalse(in.isActive());
    }

    @Test
    void afterAPauseLongerThanTheTimeoutAnAcceptorDropsWhatArrivesInsteadOfTakingIt() {
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        in.writeInbound(wire(data(1, 1)));
        assertEquals(1, rig.events.messages.size());
        // the process is stopped (SIGSTOP) for 2.1 s: time moves, but neither its scheduler nor its
        // reads run; machine_2 meanwhile timed the link out and reported what it sent as unacknowledged
        rig.time.advanceNanos(T.plus(H.multipliedBy(2)).plusMillis(100).toNanos());
        in.writeInbound(wire(data(1, 2), data(1, 3)));
        assertFalse(in.isActive());
        assertEquals(1, rig.events.messages.size(), "nothing taken after the pause");
        assertTrue(rig.warnings().stream().anyMatch(w -> w.contains("this machine wrote nothing to machine_2 for 2.1 s")),
                rig.warnings().toString());
    }

    @Test
    void aShortPauseTakesWhatArrives() {
        EmbeddedChannel in = rig.acceptedFrom("machine_2", 5, 0, 0);
        rig.time.advanceNanos(T.toNanos()); // within T + 2H: machine_2 may not have given up yet
        in.writeInbound(wire(data(1, 1)));
        assertTrue(in.isActive());
        assertEquals(1, rig.events.messages.size());
    }
}
