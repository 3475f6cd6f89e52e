package dev.clockscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clockscope.clock.CausalOrder;
import dev.clockscope.clock.Hlc;
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
 * clocks respect happened-before (a -> b implies L(a) < L(b)). Where machines keep hybrid logical clocks:
 * HLCs strictly increase per life, l is never below the physical reading, and a send's HLC is below its
 * receive's.
 */
public final class LogInvariants {
    public final Map<String, List<Event>> logs = new LinkedHashMap<>();
    public int matchedMessages;
    /** Matched messages whose send and receive both carry an HLC. */
    public int hlcMessages;

    public static LogInvariants check(Path dir, List<String> machines) throws Exception {
        LogInvariants inv = new LogInvariants();
        for (String m : machines) {
            inv.logs.put(m, EventLogReader.readAll(dir.resolve(m + ".log")));
        }
        inv.verify(Set.of(), true);
        return inv;
    }

    /**
     * Several lives of machines (e.g. a crashed life's log from previous/ and the restarted one's): each
     * file is keyed by its name without ".log"; messages are matched by (sender, sender's incarnation, seq,
     * receiver). Files in {@code crashed} may lack the final stop line. The all-pairs happened-before check
     * is skipped: a restarted machine's vector entry starts again from zero, so vectors of two lives of one
     * machine are not comparable.
     */
    public static LogInvariants checkLives(List<Path> files, Set<Path> crashed) throws Exception {
        LogInvariants inv = new LogInvariants();
        Set<String> crashedKeys = new HashSet<>();
        for (Path f : files) {
            String key = f.getFileName().toString().replaceFirst("\\.log$", "");
            inv.logs.put(key, EventLogReader.readAll(f));
            if (crashed.contains(f)) {
                crashedKeys.add(key);
            }
        }
        inv.verify(crashedKeys, false);
        return inv;
    }

    /**
     * Tick slots a machine used: ticks run plus ticks skipped by stalls. A stall on a loaded host
     * legitimately skips ticks (logged as {@code stall} lines with {@code missedTicks}), and the tick loop
     * counts a skipped tick against the duration like a run one, so this, not the tick count, is exactly
     * rate x duration.
     */
    public long tickSlots(String machine) {
        long missed = events(machine, Event.Stall.class).stream().mapToLong(Event.Stall::missedTicks).sum();
        return events(machine, Event.Stop.class).get(0).ticks() + missed;
    }

    public <T extends Event> List<T> events(String machine, Class<T> type) {
        return logs.get(machine).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void verify(Set<String> crashed, boolean allPairs) {
        record Key(String from, long fromIncarnation, long seq, String to) {
        }
        Map<Key, Event.Send> sent = new HashMap<>();
        Set<Key> received = new HashSet<>();
        // a crashed life's last line, by machine and incarnation: a send after it died unwritten with the process
        Map<String, Long> crashedLastLine = new HashMap<>();
        List<Event.TickEvent> all = new ArrayList<>();
        for (var entry : logs.entrySet()) {
            List<Event> events = entry.getValue();
            Event.Start start = (Event.Start) events.get(0);
            String machine = start.machine();
            assertTrue(entry.getKey().startsWith(machine), entry.getKey() + " is a log of " + machine);
            // its last lines in the message: a failure seen once in CI (notebook, eleventh session) left no log to read
            assertTrue(crashed.contains(entry.getKey()) || events.get(events.size() - 1) instanceof Event.Stop,
                    () -> entry.getKey() + " log ends with stop; its last lines: "
                            + events.subList(Math.max(0, events.size() - 3), events.size()));
            if (crashed.contains(entry.getKey())) {
                crashedLastLine.put(machine + "#" + start.incarnation(), events.get(events.size() - 1).wallMicros());
            }
            long lastLamport = 0;
            long expectedTick = 1;
            Hlc lastHlc = null;
            for (Event e : events) {
                if (e instanceof Event.TickEvent t) {
                    assertTrue(t.lamport() > lastLamport, machine + ": Lamport " + t.lamport() + " after " + lastLamport);
                    assertEquals(start.keepsHlc(), t.hlc() != null, machine + ": an HLC on every tick event iff it keeps one");
                    if (t.hlc() != null) {
                        assertTrue(lastHlc == null || lastHlc.before(t.hlc()), machine + ": HLC " + t.hlc() + " after " + lastHlc);
                        assertTrue(t.hlc().l() >= t.physMicros(), machine + ": l below the physical clock: " + t);
                        lastHlc = t.hlc();
                    }
                    assertEquals(expectedTick++, t.tick(), machine + ": ticks count from 1 without gaps");
                    lastLamport = t.lamport();
                    all.add(t);
                }
                if (e instanceof Event.Send s) {
                    for (String to : s.to()) {
                        sent.put(new Key(machine, start.incarnation(), s.seq(), to), s);
                    }
                }
            }
        }
        for (var entry : logs.entrySet()) {
            String receiver = ((Event.Start) entry.getValue().get(0)).machine();
            for (Event e : entry.getValue()) {
                if (e instanceof Event.Receive r) {
                    Key key = new Key(r.from(), r.fromIncarnation(), r.seq(), receiver);
                    Event.Send s = sent.get(key);
                    Long diedAfter = crashedLastLine.get(r.from() + "#" + r.fromIncarnation());
                    if (s == null && diedAfter != null && r.arrivedMicros() >= diedAfter) {
                        continue; // sent by a killed life after its last line reached the file
                    }
                    assertNotNull(s, "receive without a send: " + key);
                    assertTrue(received.add(key), "received twice: " + key);
                    assertEquals(s.lamport(), r.msgLamport(), "message clock is the send's clock: " + key);
                    assertTrue(r.lamport() > r.msgLamport(), "receive clock > message clock: " + key);
                    assertEquals(CausalOrder.BEFORE, s.vector().compare(r.vector()), "send -> receive: " + key);
                    if (s.hlc() != null && r.hlc() != null) {
                        assertTrue(s.hlc().before(r.hlc()), "HLC of send " + s.hlc() + " < receive " + r.hlc() + ": " + key);
                        hlcMessages++;
                    }
                    matchedMessages++;
                }
            }
        }
        for (Event.TickEvent a : allPairs ? all : List.<Event.TickEvent>of()) {
            for (Event.TickEvent b : all) {
                if (a.vector().compare(b.vector()) == CausalOrder.BEFORE && a.lamport() >= b.lamport()) {
                    fail("a -> b but L(a) = " + a.lamport() + " >= L(b) = " + b.lamport() + ": " + a + " / " + b);
                }
            }
        }
    }
}
