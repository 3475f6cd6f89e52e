package dev.clockscope.runtime;

import dev.clockscope.eventlog.DurableEventLog;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import java.util.Arrays;
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

    /** Acknowledges {@code peer}'s life {@code incarnation} up to {@code seq} (protocol 3's cumulative Ack). */
    @FunctionalInterface
    interface Acknowledge {
        void upTo(String peer, long incarnation, long seq);
    }

    private final DurableEventLog log;
    private final Acknowledge acknowledge;
    private final ConcurrentLinkedQueue<Taken> pending = new ConcurrentLinkedQueue<>();
    /** Writer thread only: the latest receive per sender life in the events just written. */
    private Taken[] latest = new Taken[4];

    DurableAcks(DurableEventLog log, Acknowledge acknowledge) {
        this.log = log;
        this.acknowledge = acknowledge;
        log.onWritten(this::written);
    }

    @Override
    public void append(Event event) {
        if (event instanceof Event.Receive r) {
            // known before the line is handed over: the writer may write it, and look here, before append returns
            pending.add(new Taken(log.appended() + 1, r.from(), r.fromIncarnation(), r.seq()));
        }
        log.append(event);
    }

    /**
     * Writer thread: the file holds {@code events} events; acknowledge what they include, the highest per sender
     * life (a receive later in the log is a later seq of its sender life: FIFO per link). Sender lives are few
     * (one per peer, two across a restart), so they are found by a scan, not a map: this runs once per receive.
     */
    private void written(long events) {
        int lives = 0;
        for (Taken t = pending.peek(); t != null && t.eventNumber() <= events; t = pending.peek()) {
            pending.poll();
            int k = 0;
            while (k < lives && !(latest[k].from().equals(t.from()) && latest[k].incarnation() == t.incarnation())) {
                k++;
            }
            if (k == lives) {
                if (lives == latest.length) {
                    latest = Arrays.copyOf(latest, 2 * lives);
                }
                lives++;
            }
            latest[k] = t;
        }
        for (int k = 0; k < lives; k++) {
            acknowledge.upTo(latest[k].from(), latest[k].incarnation(), latest[k].seq());
            latest[k] = null;
        }
    }
}
