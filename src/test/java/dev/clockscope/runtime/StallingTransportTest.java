package dev.clockscope.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.clockscope.clock.VectorClock;
import dev.clockscope.node.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Back-pressure of the unthrottled mode, on a scripted link and fake time: no sockets, no sleeps. */
class StallingTransportTest {
    private static final int B = 1;
    private static final String FULL = StallingTransport.Reasons.SEND_BUFFER_FULL;
    private static final Message MESSAGE = new Message(0, 1, 7, 3, VectorClock.of(3, 0), 0);

    /** A link whose state per peer the test scripts; records what was taken and every flush. */
    private static final class ScriptedLink implements StallingTransport.Link {
        final Map<Integer, String> state = new HashMap<>();
        final List<String> taken = new ArrayList<>();
        int flushes;

        @Override
        public String send(int peer, Message message) {
            String s = state.get(peer);
            if (s == null) {
                taken.add(peer + ":" + message.seq());
            }
            return s;
        }

        @Override
        public String sendState(int peer) {
            return state.get(peer);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    /** An inbox that hands out scripted tasks; each poll that waits advances fake time by the timeout. */
    private static final class ScriptedInbox implements TaskInbox {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        long nanos;
        int waits;

        @Override
        public void post(Runnable task) {
            tasks.add(task);
        }

        @Override
        public Runnable poll(long timeoutNanos) {
            Runnable t = tasks.poll();
            if (t == null && timeoutNanos > 0) {
                nanos += timeoutNanos;
                waits++;
            }
            return t;
        }
    }

    private final ScriptedLink link = new ScriptedLink();
    private final ScriptedInbox inbox = new ScriptedInbox();
    private boolean stop;
    private final StallingTransport transport = new StallingTransport(link, inbox, () -> stop, 1_000_000_000L,
            100_000L, () -> inbox.nanos);

    @Test
    void aWritableLinkTakesTheMessageAtOnce() {
        assertNull(transport.send(B, MESSAGE));
        assertEquals(List.of(B + ":7"), link.taken);
        assertEquals(0, transport.stalls());
        assertEquals(0, inbox.waits);
    }

    @Test
    void aFullLinkStallsTheSendWhileIncomingMessagesAreStillTakenIn() {
        link.state.put(B, FULL);
        List<String> ranWhileWaiting = new ArrayList<>();
        // while we wait, the peer's messages keep arriving and are taken in (this is what breaks a cycle of
        // two machines waiting on each other); the third one arrives after the link drained
        inbox.post(() -> ranWhileWaiting.add("incoming 1"));
        inbox.post(() -> ranWhileWaiting.add("incoming 2"));
        inbox.post(() -> {
            ranWhileWaiting.add("link drained");
            link.state.remove(B);
        });
        assertNull(transport.send(B, MESSAGE), "not dropped: sent once the link drained");
        assertEquals(List.of(B + ":7"), link.taken);
        assertEquals(List.of("incoming 1", "incoming 2", "link drained"), ranWhileWaiting);
        assertEquals(1, link.flushes, "our own pending batch is pushed out before waiting");
        assertEquals(1, transport.stalls());
    }

    @Test
    void aLinkThatDrainsLaterIsWaitedForWithoutBusySpinning() {
        link.state.put(B, FULL);
        inbox.post(() -> { });
        for (int i = 0; i < 5; i++) {
            inbox.post(() -> { });
        }
        // drains after 3 idle polls of 100 µs
        StallingTransport t = new StallingTransport(new StallingTransport.Link() {
            @Override
            public String send(int peer, Message message) {
                return link.send(peer, message);
            }

            @Override
            public String sendState(int peer) {
                if (inbox.waits >= 3) {
                    link.state.remove(peer);
                }
                return link.sendState(peer);
            }

            @Override
            public void flush() {
            }
        }, inbox, () -> false, 1_000_000_000L, 100_000L, () -> inbox.nanos);
        assertNull(t.send(B, MESSAGE));
        assertEquals(3, inbox.waits);
        assertEquals(300_000L, t.stalledNanos());
    }

    @Test
    void aPeerThatGoesDownWhileWeWaitEndsTheWaitAsUndelivered() {
        link.state.put(B, FULL);
        inbox.post(() -> link.state.put(B, "peer down"));
        assertEquals("peer down", transport.send(B, MESSAGE));
        assertEquals(List.of(), link.taken);
    }

    @Test
    void theWaitIsBoundedThenThePeerCountsAsCongestedUntilItDrains() {
        link.state.put(B, FULL);
        assertEquals(FULL, transport.send(B, MESSAGE), "gave up after the limit: logged undelivered");
        assertEquals(10_000, inbox.waits, "1 s of 100 µs waits");
        assertEquals(1, transport.timeouts());
        int waits = inbox.waits;
        assertEquals(FULL, transport.send(B, MESSAGE), "congested: fails at once, as in throttled mode");
        assertEquals(waits, inbox.waits);
        link.state.remove(B);
        assertNull(transport.send(B, MESSAGE));
        link.state.put(B, FULL);
        inbox.post(() -> link.state.remove(B));
        assertNull(transport.send(B, MESSAGE), "drained once: waits again instead of failing");
    }

    @Test
    void aStopRequestEndsTheWait() {
        link.state.put(B, FULL);
        inbox.post(() -> stop = true);
        assertEquals(FULL, transport.send(B, MESSAGE));
        assertEquals(0, transport.timeouts());
    }
}
