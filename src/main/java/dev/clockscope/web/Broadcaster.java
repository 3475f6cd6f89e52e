package dev.clockscope.web;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sends each connected page, once per tick (every 100 ms in the server), the exact totals and a bounded
 * slice of events, never more than the page can take:
 * <ul>
 *   <li>at most {@code eventsPerFrame} events a tick; while a running producer publishes faster than that,
 *       a page that has fallen behind gets the newest {@code liveEventsPerFrame} (contiguous, so its messages still pair up) and
 *       the rest only as totals ("skipped"); a page catching up with a quiet or finished run gets the
 *       events in order, a frame per tick;</li>
 *   <li>nothing at all while its channel is not writable (Netty's write-buffer high-water mark), so a slow
 *       page holds at most the mark plus one tick's frames in memory; it resumes from the newest slice.</li>
 * </ul>
 * {@link #tick()} runs on one thread at a time.
 */
final class Broadcaster {
    /** A frame while catching up (a finished run, a page that just opened): 80,000 events/s. */
    static final int DEFAULT_EVENTS_PER_FRAME = 8192;
    /** A frame while a running producer outpaces the page: 20,000 events/s, which a page draws and keeps up with. */
    static final int DEFAULT_LIVE_EVENTS_PER_FRAME = 2000;

    private final LiveHub hub;
    private final int eventsPerFrame;
    private final int liveEventsPerFrame;
    private final List<StreamClient> clients = new CopyOnWriteArrayList<>();
    private final Object[] items;
    private final int[] machines;
    private final long[] lines;
    private long lastHead;

    Broadcaster(LiveHub hub, int eventsPerFrame, int liveEventsPerFrame) {
        this.hub = hub;
        this.eventsPerFrame = eventsPerFrame;
        this.liveEventsPerFrame = Math.min(eventsPerFrame, liveEventsPerFrame);
        items = new Object[eventsPerFrame];
        machines = new int[eventsPerFrame];
        lines = new long[eventsPerFrame];
    }

    void add(Channel channel) {
        clients.add(new StreamClient(channel));
    }

    void remove(Channel channel) {
        clients.removeIf(c -> c.channel == channel);
    }

    int clients() {
        return clients.size();
    }

    StreamClient client(Channel channel) {
        for (StreamClient c : clients) {
            if (c.channel == channel) {
                return c;
            }
        }
        return null;
    }

    /** One round: every page gets what it can take now. */
    void tick() {
        LiveHub.View view = hub.view();
        // a running producer publishing more a tick than a frame holds: the pages follow the head, not the
        // tail; a finished run's events are all sent in order, however fast they were read (the ring bounds them)
        boolean flooding = view.head() - lastHead > eventsPerFrame && !"finished".equals(view.run().mode());
        lastHead = view.head();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < view.machines().size(); i++) {
            index.put(view.machines().get(i), i);
        }
        for (StreamClient c : clients) {
            if (!c.channel.isActive()) {
                clients.remove(c);
                continue;
            }
            send(c, view, flooding, index);
        }
    }

    private void send(StreamClient c, LiveHub.View view, boolean flooding, Map<String, Integer> index) {
        if (!c.channel.isWritable()) {
            c.slowTicks++;
            return;
        }
        if (c.runVersion != view.runVersion()) {
            if (c.generation != view.runGeneration()) {
                c.generation = view.runGeneration();
                c.cursor = view.oldest();
                c.skipped = view.oldest();
                c.warningsSent = 0;
            }
            c.runVersion = view.runVersion();
            write(c.channel, g -> PageJson.run(g, view, eventsPerFrame));
        }
        if (c.cursor < view.oldest()) {
            c.skipped += view.oldest() - c.cursor;
            c.cursor = view.oldest();
        }
        long backlog = view.head() - c.cursor;
        int budget = flooding ? liveEventsPerFrame : eventsPerFrame;
        if (backlog > budget && flooding) {
            c.skipped += backlog - budget;
            c.cursor = view.head() - budget;
        }
        if (view.head() > c.cursor) {
            int want = (int) Math.min(budget, view.head() - c.cursor);
            LiveHub.Copied copied = hub.copy(c.generation, c.cursor, want, items, machines, lines);
            if (copied.count() > 0) {
                c.skipped += copied.first() - c.cursor;
                long skippedBefore = copied.first() - c.cursor;
                c.cursor = copied.first() + copied.count();
                write(c.channel, g -> PageJson.events(g, copied.first(), skippedBefore, items, machines, lines,
                        copied.count(), index));
            }
        }
        // counted over the run, not by the list's size: that stays 100 once the oldest are dropped
        long warnings = view.warnings().size() + view.warningsDropped();
        if (warnings > c.warningsSent) {
            c.warningsSent = warnings;
            write(c.channel, g -> PageJson.warnings(g, view.warnings()));
        }
        long skipped = c.skipped;
        write(c.channel, g -> PageJson.stats(g, view, skipped));
    }

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static void write(Channel channel, Body body) {
        ByteBuf buf = channel.alloc().buffer();
        try (ByteBufOutputStream out = new ByteBufOutputStream(buf); JsonGenerator g = PageJson.generator(out)) {
            body.write(g);
        } catch (IOException e) {
            buf.release();
            throw new UncheckedIOException(e);
        }
        channel.writeAndFlush(new TextWebSocketFrame(buf));
    }
}
