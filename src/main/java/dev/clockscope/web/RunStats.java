package dev.clockscope.web;

import dev.clockscope.eventlog.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact running totals over every event published, whatever the page is sent: per machine (events by
 * kind, latest clock, tick and queue, stalls, undelivered sends, lost peers) and per directed link
 * (messages sent, received, undelivered). The page derives rates from two successive snapshots. Not
 * thread-safe: {@link LiveHub} guards it.
 */
final class RunStats {
    /** Links are reported at most this many, busiest first, so a huge cluster's snapshot stays small. */
    static final int MAX_LINKS = 4096;

    /** Per machine; a plain mutable holder copied into snapshots. */
    static final class Machine implements Cloneable {
        long events;
        long sends;
        long receives;
        long internals;
        long lamport;
        long tick;
        long queue;
        long wallMicros;
        long stalls;
        long missedTicks;
        long undelivered;
        long peerDowns;
        long starts;
        /** Log lines counted but not parsed (the follower fell behind and skipped ahead). */
        long countedOnly;
        boolean stopped;

        @Override
        protected Machine clone() {
            try {
                return (Machine) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Messages on the link from machine {@code from} to machine {@code to}. */
    static final class Link implements Cloneable {
        final int from;
        final int to;
        long sent;
        long received;
        long undelivered;

        Link(int from, int to) {
            this.from = from;
            this.to = to;
        }

        /** Sent but neither received nor refused (yet): in the network or a queue, or lost. */
        long inFlight() {
            return Math.max(0, sent - received - undelivered);
        }

        @Override
        protected Link clone() {
            try {
                return (Link) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    record Snapshot(List<Machine> machines, List<Link> links, long published, long latestWallMicros) {
    }

    private final List<Machine> machines = new ArrayList<>();
    private final Map<Long, Link> links = new HashMap<>();
    private long published;
    private long latestWallMicros;

    private Machine machine(int index) {
        while (machines.size() <= index) {
            machines.add(new Machine());
        }
        return machines.get(index);
    }

    private Link link(int from, int to) {
        return links.computeIfAbsent(((long) from << 32) | to, k -> new Link(from, to));
    }

    /** Counts one event of machine {@code m}; {@code index} maps peer ids to machine indices. */
    void apply(int m, Event e, java.util.function.ToIntFunction<String> index) {
        Machine s = machine(m);
        published++;
        s.events++;
        s.wallMicros = e.wallMicros();
        latestWallMicros = Math.max(latestWallMicros, e.wallMicros());
        if (e instanceof Event.TickEvent t) {
            s.lamport = t.lamport();
            s.tick = t.tick();
            s.queue = t.queue();
        }
        if (e instanceof Event.Send send) {
            s.sends++;
            for (String to : send.to()) {
                link(m, index.applyAsInt(to)).sent++;
            }
        } else if (e instanceof Event.Receive r) {
            s.receives++;
            link(index.applyAsInt(r.from()), m).received++;
        } else if (e instanceof Event.Internal) {
            s.internals++;
        } else if (e instanceof Event.Stall st) {
            s.stalls++;
            s.missedTicks += st.missedTicks();
        } else if (e instanceof Event.Undelivered u) {
            s.undelivered++;
            link(m, index.applyAsInt(u.to())).undelivered++;
        } else if (e instanceof Event.PeerDown) {
            s.peerDowns++;
        } else if (e instanceof Event.Start) {
            s.starts++;
            s.stopped = false;
        } else if (e instanceof Event.Stop) {
            s.stopped = true;
        }
        // peer_up, connected, rejected, partition: counted as events only
    }

    void countOnly(int m, long lines) {
        Machine s = machine(m);
        s.events += lines;
        s.countedOnly += lines;
        published += lines;
    }

    Snapshot snapshot() {
        List<Machine> ms = new ArrayList<>(machines.size());
        machines.forEach(m -> ms.add(m.clone()));
        List<Link> ls = new ArrayList<>(Math.min(links.size(), MAX_LINKS));
        links.values().stream()
                .sorted((a, b) -> Long.compare(b.sent + b.received, a.sent + a.received))
                .limit(MAX_LINKS)
                .forEach(l -> ls.add(l.clone()));
        return new Snapshot(ms, ls, published, latestWallMicros);
    }

    void clear() {
        machines.clear();
        links.clear();
        published = 0;
        latestWallMicros = 0;
    }
}
