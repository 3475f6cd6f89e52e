package dev.clockscope.runtime;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import dev.clockscope.eventlog.EventLogWriter;
import dev.clockscope.net.NetTransport;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Acknowledges a received message only once its receive line is in the file: passes every event on to the log,
 * remembers each receive with its number in the log, and when the writer reports the file holds that many events,
 * acknowledges the senders up to them (protocol 3's cumulative Ack). So a machine killed with -9 leaves nothing
 * acknowledged that its log does not show, and its senders report everything else: no message in no log.
 */
final class DurableAcks implements EventLog {
    private record Taken(long eventNumber, String from, long incarnation, long seq) {
    }

    private final EventLogWriter log;
    private final NetTransport transport;
    private final ConcurrentLinkedQueue<Taken> pending = new ConcurrentLinkedQueue<>();

    DurableAcks(EventLogWriter log, NetTransport transport) {
        this.log = log;
        this.transport = transport;
        log.onWritten(this::written);
    }

    @Override
    public void append(Event event) {
        log.append(event);
        if (event instanceof Event.Receive r) {
            pending.add(new Taken(log.appended(), r.from(), r.fromIncarnation(), r.seq()));
        }
    }

    /** Writer thread: the file holds {@code events} events; acknowledge what they include, the highest per sender life. */
    private void written(long events) {
        Map<String, Taken> highest = null;
        for (Taken t = pending.peek(); t != null && t.eventNumber() <= events; t = pending.peek()) {
            pending.poll();
            if (highest == null) {
                highest = new HashMap<>();
            }
            highest.put(t.from() + '\u0000' + t.incarnation(), t);
        }
        if (highest != null) {
            for (Taken t : highest.values()) {
                transport.acknowledge(t.from(), t.incarnation(), t.seq());
            }
        }
    }
}
