package dev.clockscope.testing;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import java.util.ArrayList;
import java.util.List;

/** An event log in memory. */
public final class ListEventLog implements EventLog {
    public final List<Event> events = new ArrayList<>();

    @Override
    public void append(Event event) {
        events.add(event);
    }

    public <T extends Event> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
