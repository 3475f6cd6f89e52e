package dev.clockscope.sim;

import dev.clockscope.node.Machine;
import dev.clockscope.node.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A replay's what-if pauses (like SIGSTOP). A paused machine's recorded ticks are counted, not run; what reaches it
 * (a {@link Message}) and what it is told (a {@link Runnable}: a peer gone or back, a message it sent never
 * acknowledged) wait, in order, until it resumes, as the simulator's {@link LifeTable} holds them.
 */
final class ReplayPauses {
    private final ArrayDeque<Object>[] held;
    private final long[] missedTicks;
    /** When the first tick a pause missed was due (its recorded time). */
    private final long[] firstMissedMicros;

    @SuppressWarnings("unchecked")
    ReplayPauses(int n) {
        this.held = new ArrayDeque[n];
        this.missedTicks = new long[n];
        this.firstMissedMicros = new long[n];
        for (int i = 0; i < n; i++) {
            held[i] = new ArrayDeque<>();
        }
    }

    void pause(int i) {
        missedTicks[i] = 0;
    }

    void missTick(int i, long nowMicros) {
        if (missedTicks[i]++ == 0) {
            firstMissedMicros[i] = nowMicros;
        }
    }

    void hold(int i, Object messageOrWork) {
        held[i].add(messageOrWork);
    }

    /** A paused machine is killed: the messages it held (what it was told dies with it). */
    List<Message> drop(int i) {
        List<Message> messages = new ArrayList<>();
        for (Object o : held[i]) {
            if (o instanceof Message m) {
                messages.add(m);
            }
        }
        held[i].clear();
        return messages;
    }

    /** Messages from {@code sender}'s current life that machine {@code i} holds: taken out (their link was cut). */
    List<Message> dropFrom(int i, int sender, long incarnation) {
        List<Message> messages = new ArrayList<>();
        held[i].removeIf(o -> {
            if (o instanceof Message m && m.from() == sender && m.fromIncarnation() == incarnation) {
                messages.add(m);
                return true;
            }
            return false;
        });
        return messages;
    }

    /**
     * Sorts each run of messages that machine {@code i} holds (with no notice between them) by {@code order}; equal
     * ranks keep their places.
     */
    void sortHeldMessages(int i, ToIntFunction<Message> order) {
        List<Object> items = new ArrayList<>(held[i]);
        for (int from = 0; from < items.size(); ) {
            int to = from;
            while (to < items.size() && items.get(to) instanceof Message) {
                to++;
            }
            items.subList(from, to).sort(Comparator.comparingInt(o -> order.applyAsInt((Message) o)));
            from = to + 1;
        }
        held[i].clear();
        held[i].addAll(items);
    }

    /**
     * Like SIGCONT, as {@link Machine#runDue} takes it: the ticks it missed are one stall if the first of them is now
     * too late ({@link Machine#stallsWhenLate}), then what reached it meanwhile, in order; after a shorter pause it
     * runs the missed ticks now, one after the other, after taking in what reached it.
     */
    void resume(int i, Machine machine, long wallMicros) {
        long missed = missedTicks[i];
        missedTicks[i] = 0;
        boolean stall = missed > 0 && machine.stallsWhenLate((wallMicros - firstMissedMicros[i]) * 1_000);
        if (stall) {
            machine.skipTicks(missed);
        }
        release(i, machine, wallMicros);
        for (long k = 0; !stall && k < missed; k++) {
            machine.tick();
        }
    }

    /** What reached it (into its queue) and what it was told (done), in order: on resuming, or at its stop. */
    void release(int i, Machine machine, long wallMicros) {
        while (!held[i].isEmpty()) {
            Object o = held[i].poll();
            if (o instanceof Message m) {
                machine.deliver(m.arrivedAt(wallMicros));
            } else {
                ((Runnable) o).run();
            }
        }
    }
}
