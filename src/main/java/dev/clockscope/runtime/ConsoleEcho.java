package dev.clockscope.runtime;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes every event on to the event log and tells the person at the console what matters of a peer's
 * fate (the machine itself has no console: it only logs events).
 */
final class ConsoleEcho implements EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(MachineRuntime.class);

    private final String self;
    private final EventLog log;
    private boolean connected;

    ConsoleEcho(String self, EventLog log) {
        this.self = self;
        this.log = log;
    }

    @Override
    public void append(Event event) {
        log.append(event);
        if (event instanceof Event.PeerDown d) {
            LOG.warn("{}: {} is down; sends to it are logged as undelivered", self, d.peer());
        } else if (event instanceof Event.PeerUp u && connected) {
            LOG.info("{}: {} is back", self, u.peer());
        } else if (event instanceof Event.Connected) {
            connected = true;
        } else if (event instanceof Event.Partition p) {
            LOG.warn("{}: injected partition to {} {}", self, p.peer(), "start".equals(p.state()) ? "starts" : "ends");
        }
    }
}
