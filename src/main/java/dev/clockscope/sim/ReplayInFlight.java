package dev.clockscope.sim;

import dev.clockscope.node.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * A what-if's messages in flight, per link, so that a link its sender gives up on takes them with it. In the real
 * cluster a sender that declares a peer down logs what that peer never acknowledged ("unacknowledged"), and the
 * peer drops what still arrives on the connection given up; a what-if replays the recorded {@code peer_down} lines,
 * so it must do both itself.
 */
final class ReplayInFlight {
    private final int machines;
    /** Per link (from * machines + to), made on its first message. */
    private final ArrayDeque<Message>[] links;
    private final Set<Message> cut = Collections.newSetFromMap(new IdentityHashMap<>());

    @SuppressWarnings("unchecked")
    ReplayInFlight(int machines) {
        this.machines = machines;
        this.links = new ArrayDeque[machines * machines];
    }

    void sent(int from, int to, Message message) {
        int link = from * machines + to;
        if (links[link] == null) {
            links[link] = new ArrayDeque<>();
        }
        links[link].add(message);
    }

    /** The message reaches its receiver's side: false if its link was cut while it was in flight. */
    boolean arrives(int to, Message message) {
        ArrayDeque<Message> link = links[message.from() * machines + to];
        if (link != null) {
            link.removeFirstOccurrence(message);
        }
        return !cut.remove(message);
    }

    /**
     * The sender stops: what it has in flight that {@code taken} (receiver, message) says nobody takes in time is cut
     * and handed to {@code lost}, receiver by receiver, oldest first.
     */
    void settle(int from, BiPredicate<Integer, Message> taken, BiConsumer<Integer, Message> lost) {
        for (int to = 0; to < machines; to++) {
            ArrayDeque<Message> link = links[from * machines + to];
            if (link == null) {
                continue;
            }
            for (Iterator<Message> it = link.iterator(); it.hasNext(); ) {
                Message m = it.next();
                if (!taken.test(to, m)) {
                    it.remove();
                    cut.add(m);
                    lost.accept(to, m);
                }
            }
        }
    }

    /** The sender gave the link up: what is in flight on it (oldest first), but what {@code keep} keeps, is lost. */
    List<Message> cut(int from, int to, Predicate<Message> keep) {
        ArrayDeque<Message> link = links[from * machines + to];
        List<Message> lost = new ArrayList<>();
        if (link == null) {
            return lost;
        }
        for (Iterator<Message> it = link.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (!keep.test(m)) {
                it.remove();
                cut.add(m);
                lost.add(m);
            }
        }
        return lost;
    }
}
