package dev.clockscope.sim;

import dev.clockscope.node.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * What-if only: the messages that reach one machine in the same microsecond enter its queue in the order its recorded
 * life took them. A message whose delay a what-if leaves alone arrives at its recorded stamp; two with one stamp were
 * read at once (a pause too short for any line released them, or one read of the socket), and the recorded receive
 * lines are the only order of that queue the recording shows. Taken in the order they were sent instead, they would
 * change the receiver's clocks in a what-if that changes nothing. The faithful replay's inbox keeps the same rule
 * ({@link ReplayInbox#take}).
 */
final class SameMicrosecondArrivals {
    /** One arrival: the receiver's recorded life it is for (-1: whichever is up), and the message. */
    record Arrival(int receiverLife, Message message) {
    }

    /** Per machine, what reached it in the current microsecond and is not yet in its queue. */
    private final List<Arrival>[] arrived;

    @SuppressWarnings("unchecked")
    SameMicrosecondArrivals(int machines) {
        this.arrived = new List[machines];
    }

    /** A message reached machine {@code i}; true if it is the first this microsecond (then the caller plans the take). */
    boolean add(int i, int receiverLife, Message message) {
        if (arrived[i] == null) {
            arrived[i] = new ArrayList<>(2);
        }
        arrived[i].add(new Arrival(receiverLife, message));
        return arrived[i].size() == 1;
    }

    /**
     * Takes what reached machine {@code i} this microsecond, in {@code recordedOrder} (ranks of the recorded receive
     * lines; equal ranks, such as messages the recording never saw taken, keep their arrival order).
     */
    List<Arrival> take(int i, ToIntFunction<Message> recordedOrder) {
        List<Arrival> now = arrived[i];
        arrived[i] = null;
        if (now.size() > 1) {
            now.sort(Comparator.comparingInt(a -> recordedOrder.applyAsInt(a.message())));
        }
        return now;
    }
}
