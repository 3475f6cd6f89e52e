package dev.clockscope.sim;

import dev.clockscope.node.Machine;
import dev.clockscope.node.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a message reaches its receiver in a simulation: into the machine's queue, held while the machine is
 * paused, or, if the receiver's connection goes (its life ends, or its peers time a pause of it out) while it is on
 * its way, logged undelivered by its sender then (protocol 3), or lost with a sender that is gone too.
 *
 * <p>In a plain run a message waits in its receiver's {@link Inboxes inbox} and is taken in just before anything
 * next happens to the receiver (its tick, a pause, a crash, a link going down), at its own arrival time and in the
 * agenda's order: the same events, and the receiver is touched once instead of once more per message. The
 * simulation calls {@link #takeArrived} before it touches a machine. In a live run every message is an agenda
 * event of its own and reaches {@link #deliver} from the agenda.
 */
final class Arrivals {
    /** By sender, its life, then seq: the order in which senders hear of messages dropped with a connection. */
    private static final Comparator<Message> BY_SENDER_LIFE_AND_SEQ = Comparator.comparingInt(Message::from)
            .thenComparingLong(Message::fromIncarnation).thenComparingLong(Message::seq);

    private final Machine[] machines;
    private final LifeTable lives;
    private final EventQueue agenda;
    private final VirtualTime time;
    /** Null: every message is an agenda event. */
    private final Inboxes inboxes;
    private final Acknowledgements acks;
    private long lostInFlight;
    private long takenFromInboxes;

    /** {@code machines} is the simulation's own array: a restarted machine's new life is seen here too. */
    Arrivals(Machine[] machines, LifeTable lives, EventQueue agenda, VirtualTime time, Inboxes inboxes,
             Acknowledgements acks) {
        this.machines = machines;
        this.acks = acks;
        this.lives = lives;
        this.agenda = agenda;
        this.time = time;
        this.inboxes = inboxes;
    }

    /**
     * Takes in, in their order, the messages that reached {@code i} before the agenda event now running, each as
     * the agenda would have delivered it, at its arrival time.
     */
    void takeArrived(int i) {
        if (inboxes == null) {
            return;
        }
        while (inboxes.takeBefore(i, agenda.poppedTime, agenda.poppedSeq)) {
            takenFromInboxes++;
            long now = time.showEarlier(inboxes.takenDueNanos);
            // made once, stamped with its arrival: a message a second is as many objects as events at 10^6 machines
            arrive(i, inboxes.takenConnection, inboxes.takenMessage(time.wallMicros()));
            time.advanceTo(now);
        }
    }

    /**
     * {@code i}'s life has ended ({@code saidGoodbye}: while it said goodbye), or its connections: what is still on
     * its way to it will not arrive. Its senders hear of each now (protocol 3: a sender reports what was never
     * acknowledged when the connection goes), after whatever the caller has them log first, by sender and seq. A
     * sender gone as well takes it to no log (lost in flight).
     */
    void dropInFlight(int i, boolean saidGoodbye) {
        List<Message> dropped = new ArrayList<>();
        if (inboxes != null) {
            while (inboxes.takeBefore(i, Long.MAX_VALUE, Long.MAX_VALUE)) {
                takenFromInboxes++; // as in a live run, where it is an agenda event that arrives to nothing
                dropped.add(inboxes.takenMessage(0));
            }
        }
        if (inboxes == null || saidGoodbye) { // after a goodbye its inbox is in the agenda (see goodbye)
            for (Object m : agenda.takePayloads(SimNetwork.DELIVER, i)) {
                dropped.add((Message) m); // each still pops, as the event it was, and arrives to nothing
            }
        }
        dropped.sort(BY_SENDER_LIFE_AND_SEQ);
        for (Message m : dropped) {
            dropped(i, m);
        }
    }

    /**
     * {@code i} says goodbye: from now on it acknowledges what it has taken in (each will be logged unprocessed), and
     * what is on its way to it as it arrives. What is in its inbox becomes agenda events again, each in its place, so
     * that its sender hears of the arrival at its time in a plain run as in a live one (not when the inbox is next
     * looked at).
     */
    void goodbye(int i) {
        machines[i].forEachQueued((from, incarnation, seq) -> acks.acknowledged(i, from, incarnation, seq));
        if (inboxes != null) {
            while (inboxes.takeBefore(i, Long.MAX_VALUE, Long.MAX_VALUE)) {
                agenda.addWithSeq(inboxes.takenDueNanos, SimNetwork.DELIVER, i, inboxes.takenConnection,
                        inboxes.takenMessage(0), inboxes.takenSeq);
            }
        }
    }

    /**
     * At a clean stop nothing is expected on its way to {@code i} (its stop waits for the last message sent to it); in
     * a plain run whatever is left in its inbox is dropped all the same, as with a connection that goes. A run without
     * inboxes is not searched: each stop would read the whole agenda.
     */
    void dropLeftInInbox(int i) {
        if (inboxes != null) {
            dropInFlight(i, false);
        }
    }

    /**
     * {@code message} (from the agenda, not yet stamped) reaches {@code i}, sent on its connection {@code connection},
     * now; null: it was dropped with a connection of its receiver ({@link #dropInFlight}), and its sender heard then.
     */
    void deliver(int i, int connection, Message message) {
        if (message == null) {
            return;
        }
        arrive(i, connection, message.arrivedAt(time.wallMicros()));
    }

    /** As {@link #deliver}, the message stamped with its arrival now. */
    private void arrive(int i, int connection, Message message) {
        if (connection != lives.connection(i) || lives.gone(i)) {
            // not expected: what was on a connection that went was dropped then (dropInFlight); its sender hears now
            dropped(i, message);
            return;
        }
        if (lives.state(i) == LifeTable.STOPPING) {
            // arrives after its last tick: it will be in the machine's unprocessed lines
            acks.settled(message);
            machines[i].deliver(message);
            return;
        }
        if (lives.state(i) == LifeTable.PAUSED) {
            lives.hold(i, message); // the kernel's buffers hold it; the machine sees it when it runs again
            return;
        }
        machines[i].deliver(message);
    }

    /** {@code message} to {@code i} went with {@code i}'s connection: no longer waited for; its sender reports it. */
    void dropped(int i, Message message) {
        acks.settled(message);
        unacknowledged(i, message);
    }

    /**
     * {@code message} to {@code i} was never acknowledged (its receiver died before logging its receive), so its
     * sender (protocol 3) logs it undelivered when the link goes; only a sender that is gone as well takes it to no
     * log (counted as lost in flight).
     */
    void unacknowledged(int i, Message message) {
        int from = message.from();
        takeArrived(from);
        if (machines[from] != null && machines[from].incarnation() == message.fromIncarnation() && !lives.gone(from)) {
            Machine sender = machines[from];
            lives.runOrHold(from, () -> sender.undelivered(i, message.seq(), "unacknowledged"));
        } else {
            lostInFlight++;
        }
    }

    /** At the run's end every life has ended, and with it every inbox: a message left in one was never delivered. */
    void checkAllTaken() {
        if (inboxes != null && inboxes.pending() != 0) {
            throw new IllegalStateException(inboxes.pending() + " messages were never taken in from their inboxes");
        }
    }

    /** Messages whose receiver's connection went while they were on their way, their sender gone as well: in no log. */
    long lostInFlight() {
        return lostInFlight;
    }

    /** Messages taken in from inboxes so far (each would have been an agenda event). */
    long takenFromInboxes() {
        return takenFromInboxes;
    }
}
