package dev.clockscope.sim;

/**
 * When a clean stop ends, as protocol 3's goodbye has it: once the last message sent to the machine has arrived (it
 * logs what it holds as unprocessed) and every message it sent is acknowledged ({@link Acknowledgements}). The
 * simulation's {@code FINISH} event is the end; this decides when it is due.
 */
final class Goodbyes {
    private final EventQueue agenda;
    private final VirtualTime time;
    private final LifeTable lives;
    private final SimNetwork network;
    private final Acknowledgements acks;
    private final int finishKind;
    private long unacknowledged;

    /** {@code acks} tells {@link #acknowledged} when a machine's last message is; {@code finishKind}: the end event. */
    Goodbyes(EventQueue agenda, VirtualTime time, LifeTable lives, SimNetwork network, Acknowledgements acks,
             int finishKind) {
        this.agenda = agenda;
        this.time = time;
        this.lives = lives;
        this.network = network;
        this.acks = acks;
        this.finishKind = finishKind;
    }

    /** Machine {@code i} has said goodbye and acknowledged what it holds: its end is due now, or when it is told. */
    void said(int i) {
        if (!acks.waitFor(i)) {
            finishDue(i);
        }
    }

    /** The last message {@code i} sent is acknowledged: a goodbye that waited for it can end. */
    void acknowledged(int i) {
        if (lives.state(i) == LifeTable.STOPPING) {
            finishDue(i);
        }
    }

    /** Its end, once the last message sent to the machine has arrived. */
    private void finishDue(int i) {
        // not before the event now running, though a message taken in from an inbox shows an earlier time
        long now = Math.max(time.nowNanos(), agenda.poppedTime);
        agenda.add(Math.max(now, network.lastArrivalAt(i)), finishKind, i, lives.life(i), null);
    }

    /**
     * Nothing is left to happen, and goodbyes still wait: an acknowledgement was missed (none is expected). They end
     * now, so that their logs end, and are counted; true if there were any.
     */
    boolean endWaiting(int n) {
        boolean any = false;
        for (int i = 0; i < n; i++) {
            if (lives.state(i) == LifeTable.STOPPING) {
                unacknowledged++;
                finishDue(i);
                any = true;
            }
        }
        return any;
    }

    /** Goodbyes that ended by {@link #endWaiting} (0 unless an acknowledgement was missed). */
    long unacknowledged() {
        return unacknowledged;
    }
}
