package dev.clockscope.sim;

import dev.clockscope.node.Message;
import java.util.IdentityHashMap;
import java.util.Map;

/** What a replay's network asks of the replay: the time, which lives are up, and deliveries into its agenda. */
final class ReplayHost implements ReplayNetwork.Host {
    private final ReplayAgenda agenda;
    private final VirtualTime time;
    private final ReplayMachines machines;
    /** What-if only (else null): told of every message sent, to account for it. */
    private final WhatIfAccounting accounting;
    /**
     * What-if only: a message sent to the receiver's life that is up now, by that life's incarnation. A what-if crash
     * and restart keep the recorded life's index, and the message dies with the life it was sent to.
     */
    private final Map<Message, Long> toIncarnation = new IdentityHashMap<>();

    ReplayHost(ReplayAgenda agenda, VirtualTime time, ReplayMachines machines, WhatIfAccounting accounting) {
        this.agenda = agenda;
        this.time = time;
        this.machines = machines;
        this.accounting = accounting;
    }

    @Override
    public void deliver(int receiver, int receiverLife, long atMicros, Message message) {
        Message arriving = message.arrivedAt(atMicros);
        if (accounting != null) {
            accounting.sent(receiver, arriving);
            if (receiverLife == machines.recordedLife(receiver) && machines.running(receiver)) {
                toIncarnation.put(arriving, machines.get(receiver).incarnation());
            }
        }
        agenda.delivery(atMicros, receiver, receiverLife, arriving);
    }

    /** What-if only: whether {@code arriving} was sent to a life of {@code receiver} that has ended since. */
    boolean sentToAnEndedLife(int receiver, Message arriving) {
        Long incarnation = toIncarnation.remove(arriving);
        return incarnation != null && machines.get(receiver).incarnation() != incarnation;
    }

    /** How many messages it keeps a receiver's life for. */
    int onTheBooks() {
        return toIncarnation.size();
    }

    @Override
    public long nowMicros() {
        return time.wallMicros();
    }

    @Override
    public String refusal(int sender, int receiver) {
        if (machines.hasStopped(receiver)) {
            return LifeTable.PEER_STOPPED; // it said goodbye: a real transport remembers that, its links gone or not
        }
        // the link at both ends: the recording's peer_up/peer_down lines (a restarted life is not reachable until its
        // peers log peer_up; a peer that gave a paused machine up refuses its first sends after it resumes, as a
        // closed connection does) and the what-if's own link changes
        return machines.gone(receiver) || !machines.get(sender).peerUp(receiver)
                || !machines.get(receiver).peerUp(sender) ? LifeTable.PEER_DOWN : null;
    }

    @Override
    public boolean alive(int machine) {
        return machines.alive(machine);
    }

    @Override
    public int lifeNow(int machine) {
        return machines.recordedLife(machine);
    }
}
