package dev.clockscope.sim;

import dev.clockscope.node.Machine;
import dev.clockscope.node.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A what-if pause longer than the recording's heartbeat timeout, as {@link PauseTimeouts} has it in the simulator
 * and the real cluster lives it: each peer logs {@code peer_down}, reports what the paused machine has not logged a
 * {@code receive} for as {@code unacknowledged} (what it held or was on its way is dropped; what it had queued it
 * keeps, in doubt, reported once) and refuses sends to it; on resume, after its {@code stall}, the machine logs
 * {@code peer_down} for those peers, reports what of its own they have queued, and connects anew.
 */
final class ReplayTimeouts {
    private final ReplayMachines machines;
    private final WhatIfAccounting accounting;
    private final int n;
    private final QueuedReports reportedWhileQueued;
    /** Per machine declared down: the lives of the peers that did; only their links are gone. */
    private final Map<Integer, List<Machine>> declaredDownBy = new HashMap<>();

    ReplayTimeouts(ReplayMachines machines, WhatIfAccounting accounting, int n, QueuedReports reportedWhileQueued) {
        this.machines = machines;
        this.reportedWhileQueued = reportedWhileQueued;
        this.accounting = accounting;
        this.n = n;
    }

    /** The timeout of {@code i}'s what-if pause (nothing if it is not paused: it died meanwhile). */
    void timeOut(int i) {
        if (!machines.paused(i)) {
            return;
        }
        List<Machine> peers = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            if (q == i || !machines.running(q)) {
                continue;
            }
            Machine peer = machines.get(q);
            if (peer.peerUp(i)) {
                // only a connection it had is given up: a peer whose reconnect with it still waits (both paused in
                // turn) connects when both run, and does not connect twice
                peers.add(peer);
            }
            machines.runOrHold(q, () -> {
                if (peer.peerUp(i)) {
                    peer.linkDown(i, true);
                    peer.linkDown(i, false);
                }
            });
            accounting.cutLink(q, i, false); // what it holds from q, and what is on its way: dropped, reported
        }
        declaredDownBy.put(i, peers);
        for (Message m : reportedWhileQueued.reportQueued(i, machines.get(i))) {
            accounting.unacknowledged(i, m);
        }
    }

    /** {@code i} has resumed (its stall logged): if its peers declared it down, it finds those links gone. */
    void resumed(int i) {
        List<Machine> peers = declaredDownBy.remove(i);
        if (peers == null || !machines.alive(i)) {
            return;
        }
        Machine m = machines.get(i);
        List<Machine> gaveUp = new ArrayList<>();
        for (Machine peer : peers) {
            int q = peer.index();
            if (machines.get(q) != peer || machines.gone(q) || !m.peerUp(q)) {
                continue; // that life is gone, and a new one connects by itself
            }
            gaveUp.add(peer);
            m.linkDown(q, true);
            m.linkDown(q, false);
            for (Message queued : reportedWhileQueued.reportQueuedFrom(m, q, peer)) {
                m.undelivered(q, queued.seq(), "unacknowledged");
            }
        }
        for (Machine peer : gaveUp) {
            int q = peer.index();
            machines.runWhenBothRun(i, q, () -> {
                if (machines.get(i) == m && machines.running(i) && machines.get(q) == peer && !machines.gone(q)) {
                    m.linkUp(q, true);
                    m.linkUp(q, false);
                    peer.linkUp(i, true);
                    peer.linkUp(i, false);
                }
            });
        }
    }

    /** Whether {@code m}, queued at {@code receiver}, was reported when its peers timed a pause of it out. */
    boolean reported(int receiver, Message m) {
        return reportedWhileQueued.reported(receiver, m);
    }
}
