package dev.clockscope.sim;

import dev.clockscope.node.Machine;
import dev.clockscope.node.Message;

/**
 * How a message reaches its receiver in a simulation: into the machine's queue, held while the machine is
 * paused, or, if the receiver's life ended while it was in flight, logged undelivered by its sender (protocol 3)
 * or lost with a sender that is gone too.
 *
 * <p>In a plain run a message waits in its receiver's {@link Inboxes inbox} and is taken in just before anything
 * next happens to the receiver (its tick, a pause, a crash, a link going down), at its own arrival time and in the
 * agenda's order: the same events, and the receiver is touched once instead of once more per message. The
 * simulation calls {@link #takeArrived} before it touches a machine. In a live run every message is an agenda
 * event of its own and reaches {@link #deliver} from the agenda.
 */
final class Arrivals {
    private final Machine[] machines;
    private final LifeTable lives;
    private final EventQueue agenda;
    private final VirtualTime time;
    /** Null: every message is an agenda event. */
    private final Inboxes inboxes;
    private long lostInFlight;
    private long takenFromInboxes;

    /** {@code machines} is the simulation's own array: a restarted machine's new life is seen here too. */
    Arrivals(Machine[] machines, LifeTable lives, EventQueue agenda, VirtualTime time, Inboxes inboxes) {
        this.machines = machines;
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
     * {@code i}'s life has ended, or its connections: what is still in flight to it goes back to the agenda under
     * its own place in the order, to arrive at nobody when it is due (and its sender to hear of it then).
     */
    void returnInFlight(int i) {
        if (inboxes == null) {
            return;
        }
        while (inboxes.takeBefore(i, Long.MAX_VALUE, Long.MAX_VALUE)) {
            agenda.addWithSeq(inboxes.takenDueNanos, SimNetwork.DELIVER, i, inboxes.takenConnection, inboxes.takenMessage(0),
                    inboxes.takenSeq);
        }
    }

    /** {@code message} (from the agenda, not yet stamped) reaches {@code i}, sent on its connection {@code connection}, now. */
    void deliver(int i, int connection, Message message) {
        arrive(i, connection, message.arrivedAt(time.wallMicros()));
    }

    /** As {@link #deliver}, the message stamped with its arrival now. */
    private void arrive(int i, int connection, Message message) {
        if (connection != lives.connection(i) || lives.gone(i)) {
            // its receiver died while it was in the network, or its peers timed it out: the connection is gone
            unacknowledged(i, message);
            return;
        }
        if (lives.state(i) == LifeTable.STOPPING) {
            // arrives after its last tick: it will be in the machine's unprocessed lines
            machines[i].deliver(message);
            return;
        }
        if (lives.state(i) == LifeTable.PAUSED) {
            lives.hold(i, message); // the kernel's buffers hold it; the machine sees it when it runs again
            return;
        }
        machines[i].deliver(message);
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

    /** Messages whose receiver and sender were both gone when they arrived: in no log. */
    long lostInFlight() {
        return lostInFlight;
    }

    /** Messages taken in from inboxes so far (each would have been an agenda event). */
    long takenFromInboxes() {
        return takenFromInboxes;
    }
}
