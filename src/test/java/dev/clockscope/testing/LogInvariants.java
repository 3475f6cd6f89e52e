package dev.clockscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clockscope.clock.CausalOrder;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The properties every run's logs must have, checked independently of the analyzer: clocks strictly
 * increase per machine, every receive matches exactly one send, receive clock > message clock, and vector
 * clocks respect happened-before (a -> b implies L(a) < L(b)).
 */
public final class LogInvariants {
    public final Map<String, List<Event>> logs = new LinkedHashMap<>();
    public int matchedMessages;

    public static LogInvariants check(Path dir, List<String> machines) throws Exception {
        LogInvariants inv = new LogInvariants();
        for (String m : machines) {
            inv.logs.put(m, EventLogReader.readAll(dir.resolve(m + ".log")));
        }
        inv.verify();
        return inv;
    }

    public <T extends Event> List<T> events(String machine, Class<T> type) {
        return logs.get(machine).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void verify() {
        record Key(String from, long seq, String to) {
        }
        Map<Key, Event.Send> sent = new HashMap<>();
        Set<Key> received = new HashSet<>();
        List<Event.TickEvent> all = new ArrayList<>();
        for (var entry : logs.entrySet()) {
            String machine = entry.getKey();
            List<Event> events = entry.getValue();
            Event.Start start = (Event.Start) events.get(0);
            assertEquals(machine, start.machine());
            assertTrue(events.get(events.size() - 1) instanceof Event.Stop, machine + " log ends with stop");
            long lastLamport = 0;
            long expectedTick = 1;
            for (Event e : events) {
                if (e instanceof Event.TickEvent t) {
                    assertTrue(t.lamport() > lastLamport, machine + ": Lamport " + t.lamport() + " after " + lastLamport);
                    assertEquals(expectedTick++, t.tick(), machine + ": ticks count from 1 without gaps");
                    lastLamport = t.lamport();
                    all.add(t);
                }
                if (e instanceof Event.Send s) {
                    for (String to : s.to()) {
                        sent.put(new Key(machine, s.seq(), to), s);
                    }
                }
            }
        }
        for (var entry : logs.entrySet()) {
            for (Event e : entry.getValue()) {
                if (e instanceof Event.Receive r) {
                    Key key = new Key(r.from(), r.seq(), entry.getKey());
                    Event.Send s = sent.get(key);
                    assertNotNull(s, "receive without a send: " + key);
                    assertTrue(received.add(key), "received twice: " + key);
                    assertEquals(s.lamport(), r.msgLamport(), "message clock is the send's clock: " + key);
                    assertTrue(r.lamport() > r.msgLamport(), "receive clock > message clock: " + key);
                    assertEquals(CausalOrder.BEFORE, s.vector().compare(r.vector()), "send -> receive: " + key);
                    matchedMessages++;
                }
            }
        }
        for (Event.TickEvent a : all) {
            for (Event.TickEvent b : all) {
                if (a.vector().compare(b.vector()) == CausalOrder.BEFORE && a.lamport() >= b.lamport()) {
                    fail("a -> b but L(a) = " + a.lamport() + " >= L(b) = " + b.lamport() + ": " + a + " / " + b);
                }
            }
        }
    }
}
