package dev.clockscope.sim;

import dev.clockscope.node.Machine;
import dev.clockscope.node.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pause longer than the heartbeat timeout, as the real cluster lives it (docs/PROTOCOL.md, sections 4 and 5):
 * a machine that writes nothing for that long is declared down by its peers. Each peer logs {@code peer_down} and
 * reports what the paused machine had not acknowledged (had logged no {@code receive} for) as {@code undelivered},
 * {@code unacknowledged}: what was in flight or waiting in its buffers is dropped with the connection, what it had
 * already queued it keeps and may still take (in doubt, reported once). Sends to it are then refused
 * ({@code peer down}). When it runs again it finds its connections gone: after its {@code stall} it logs
 * {@code peer_down} for each peer, reports what of its own those peers have queued and not taken, and connects
 * anew ({@code peer_up} on both sides).
 */
final class PauseTimeouts {
    private final Machine[] machines;
    private final LifeTable lives;
    private final Arrivals arrivals;
    private final EventQueue agenda;
    private final VirtualTime time;
    private final long timeoutNanos;
    private final QueuedReports reportedWhileQueued;
    private final Acknowledgements acks;
    /** Per machine declared down: the peers that did, each as {peer, its life then}; only those links are gone. */
    private final Map<Integer, List<int[]>> declaredDownBy = new HashMap<>();

    PauseTimeouts(Machine[] machines, LifeTable lives, Arrivals arrivals, EventQueue agenda, VirtualTime time,
                  long timeoutNanos, QueuedReports reportedWhileQueued, Acknowledgements acks) {
        this.machines = machines;
        this.reportedWhileQueued = reportedWhileQueued;
        this.acks = acks;
        this.lives = lives;
        this.arrivals = arrivals;
        this.agenda = agenda;
        this.time = time;
        this.timeoutNanos = timeoutNanos;
    }

    /** {@code i} was paused now; {@code pause} tells this pause from a later one. */
    void paused(int i, int pause) {
        agenda.add(time.nowNanos() + timeoutNanos, Simulation.TIMEOUT, i, pause, null);
    }

    /** The timeout of a pause of {@code i}: nothing unless {@code stillThatPause} (it has not run since). */
    void timeOut(int i, boolean stillThatPause) {
        arrivals.takeArrived(i); // what has arrived by now waits in its buffers, and is dropped with them
        if (!stillThatPause || lives.state(i) != LifeTable.PAUSED) {
            return;
        }
        lives.declareDown(i);
        List<Message> dropped = new ArrayList<>();
        ArrayDeque<Object> held = lives.takeHeld(i);
        if (held != null) {
            for (Object o : held) {
                if (o instanceof Message m) {
                    dropped.add(m);
                } else {
                    lives.hold(i, o); // link changes still reach it when it runs
                }
            }
        }
        List<int[]> peers = new ArrayList<>();
        for (int nb : machines[i].neighbours()) {
            if (lives.gone(nb)) {
                continue;
            }
            arrivals.takeArrived(nb);
            if (!machines[nb].peerUp(i) || lives.linkDownHeld(nb, i)) {
                // only a connection it had gives it up: a restarted life still waiting for the paused machine's
                // handshake has none, and connects when that machine runs (Outages.connectNeighbours); nor has a
                // peer paused since it lost the link (an earlier time-out, a kill), though it has not logged that yet
                continue;
            }
            peers.add(new int[] {nb, lives.life(nb)});
            lives.linkDownNowOrHeld(nb, i, () -> {
                machines[nb].linkDown(i, true);
                machines[nb].linkDown(i, false);
            });
        }
        declaredDownBy.put(i, peers);
        for (Message m : reportedWhileQueued.reportQueued(i, machines[i])) {
            acks.settled(m); // its sender no longer waits for it, though it is still queued and may yet be taken
            arrivals.unacknowledged(i, m);
        }
        for (Message m : dropped) {
            arrivals.dropped(i, m);
        }
        arrivals.dropInFlight(i, false); // on the old connections, sent after all of those: their senders hear now
    }

    /** {@code i}, declared down, runs again: it finds its connections gone once its first tick has run. */
    void resumed(int i) {
        agenda.add(time.nowNanos(), Simulation.RECONNECT, i, lives.life(i), null);
    }

    /**
     * Its side of the links the peers gave up goes down, then it connects anew to each of those peers (a paused one:
     * when it runs again). A peer that died or came back meanwhile is left as its own lines have it.
     */
    void reconnect(int i, int life) {
        arrivals.takeArrived(i);
        List<int[]> peers = declaredDownBy.remove(i);
        if (peers == null || life != lives.life(i) || lives.gone(i) || !lives.declaredDown(i)) {
            return;
        }
        lives.backUp(i);
        Machine m = machines[i];
        List<Integer> gaveUp = new ArrayList<>();
        List<Integer> bothDown = new ArrayList<>();
        for (int[] peer : peers) {
            int nb = peer[0];
            if (lives.gone(nb) || lives.life(nb) != peer[1]) {
                continue; // that life is gone, and a new one connects by itself
            }
            if (!m.peerUp(nb)) {
                // both were paused past the timeout and each declared the other down: its side went down at nb's
                // time-out, nb's side goes down when nb runs; nothing else connects them again, so this, the first
                // to run of the two, does (and nb's own reconnect leaves that link alone)
                if (declaredDownBy.containsKey(nb) && declaredDownBy.get(nb).removeIf(p -> p[0] == i)) {
                    bothDown.add(nb);
                }
                continue;
            }
            gaveUp.add(nb);
            arrivals.takeArrived(nb);
            m.linkDown(nb, true);
            m.linkDown(nb, false);
            boolean saidGoodbye = lives.state(nb) == LifeTable.STOPPING; // it acknowledged what it had queued then
            for (Message q : reportedWhileQueued.reportQueuedFrom(m, nb, machines[nb])) {
                if (!saidGoodbye) {
                    acks.settled(q);
                }
                m.undelivered(nb, q.seq(), "unacknowledged");
            }
        }
        if (lives.state(i) != LifeTable.ALIVE) {
            return; // the run ended meanwhile: it is saying goodbye
        }
        gaveUp.addAll(bothDown);
        for (int nb : gaveUp) {
            if (lives.state(nb) == LifeTable.STOPPING) {
                continue;
            }
            int nbLife = lives.life(nb);
            lives.runWhenBothRun(i, nb, () -> connectAnew(i, life, nb, nbLife));
        }
    }

    /** {@code i} (in its life {@code life}) and {@code nb} (in {@code nbLife}) connect anew, both running now. */
    private void connectAnew(int i, int life, int nb, int nbLife) {
        if (lives.life(i) != life || lives.gone(i) || lives.life(nb) != nbLife || lives.gone(nb)) {
            return;
        }
        arrivals.takeArrived(i);
        machines[i].linkUp(nb, true);
        machines[i].linkUp(nb, false);
        machines[nb].linkUp(i, true);
        machines[nb].linkUp(i, false);
    }

    /**
     * Whether {@code m}, queued at {@code receiver}, has been reported unacknowledged already (its receiver was
     * timed out with it queued): a crash that then loses it must not have it reported twice.
     */
    boolean reported(int receiver, Message m) {
        return reportedWhileQueued.reported(receiver, m);
    }
}
