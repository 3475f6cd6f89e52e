package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules of the real cluster that no message outcome shows, checked on the logs of a simulated run: a paused machine
 * writes nothing, and, without injected faults (an injected delay holds a send, and the link is checked after it), a
 * send over a link its sender has logged down is refused at once, and none is taken over a connection its receiver
 * had given up; and a neighbour of a killed machine logs its link down. Random fault plans broke the first three
 * (notebook, 2026-12-04 evening): in 1,200 plans, 106 lines inside pauses, and sends taken over such links in 213 and
 * 195 plans.
 */
final class RealClusterRules {
    private RealClusterRules() {
    }

    static void check(Path out, SimRun run, String what) throws Exception {
        Map<String, List<List<Event>>> lives = new HashMap<>();
        try (var files = Files.walk(out)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                List<Event> events = SimRun.events(log);
                lives.computeIfAbsent(((Event.Start) events.get(0)).machine(), m -> new ArrayList<>()).add(events);
            }
        }
        lives.values().forEach(l -> l.sort(Comparator.comparingLong(events -> events.get(0).wallMicros())));
        for (Map.Entry<String, List<List<Event>>> machine : lives.entrySet()) {
            for (List<Event> life : machine.getValue()) {
                pausedMachineLogsNothing(life, run.ids.indexOf(machine.getKey()), run, what);
                if (run.faults.isEmpty()) {
                    sendsGoOverLinksBothEndsHaveUp(life, lives, what);
                }
            }
        }
        killsAreSeenByNeighbours(lives, run, what);
    }

    /**
     * A neighbour that had its link to a machine up when that machine was killed logs {@code peer_down} for it, if it
     * runs again in that life (a paused one when it resumes), as a real peer sees the connection reset.
     */
    private static void killsAreSeenByNeighbours(Map<String, List<List<Event>>> lives, SimRun run, String what) {
        for (Outage kill : run.crashes) {
            String dead = run.ids.id(kill.machine());
            long atMicros = SimOptions.DEFAULT_ORIGIN_MICROS + kill.fromNanos() / 1_000;
            for (int nb : run.neighbours.apply(kill.machine())) {
                List<List<Event>> nbLives = lives.get(run.ids.id(nb));
                List<Event> life = nbLives == null ? null : lifeAt(nbLives, atMicros);
                if (life == null || downAt(life, dead, atMicros)
                        || life.get(life.size() - 1).wallMicros() <= atMicros) {
                    continue;
                }
                assertTrue(life.stream().anyMatch(e -> e instanceof Event.PeerDown d && d.peer().equals(dead)
                        && e.wallMicros() >= atMicros), what + ": " + run.ids.id(nb) + " had its link to " + dead
                        + " up when " + dead + " was killed, ran on, and never logged it down");
            }
        }
    }

    /** No line inside a pause that began before the life's last tick (one during its goodbye is not applied). */
    private static void pausedMachineLogsNothing(List<Event> life, int machine, SimRun run, String what) {
        double lastTick = life.stream().filter(e -> e instanceof Event.TickEvent).mapToDouble(SimRun::at).max()
                .orElse(0);
        for (Outage pause : run.pauses) {
            double from = pause.fromNanos() / 1e9;
            double to = pause.toNanos() / 1e9;
            if (pause.machine() == machine && from < lastTick) {
                for (Event e : life) {
                    assertFalse(SimRun.at(e) > from && SimRun.at(e) < to, what + ": " + run.ids.id(machine)
                            + " logged inside its pause " + from + ".." + to + " s: " + e);
                }
            }
        }
    }

    /**
     * Each send not refused at once went over a link its sender had up, to a receiver that had not given the sender's
     * connection up by then (its lines up to that microsecond).
     */
    private static void sendsGoOverLinksBothEndsHaveUp(List<Event> life, Map<String, List<List<Event>>> lives,
                                                       String what) {
        String self = ((Event.Start) life.get(0)).machine();
        Set<String> down = new HashSet<>(((Event.Start) life.get(0)).peers());
        for (int k = 0; k < life.size(); k++) {
            Event e = life.get(k);
            if (e instanceof Event.PeerUp u) {
                down.remove(u.peer());
            } else if (e instanceof Event.PeerDown d) {
                down.add(d.peer());
            } else if (e instanceof Event.Send send) {
                for (String to : send.to()) {
                    if (refusedAtOnce(life, k, to)) {
                        continue;
                    }
                    assertFalse(down.contains(to), what + ": " + self + " sent over its link to " + to
                            + ", logged down, and it was taken: " + e);
                    List<Event> receiver = lifeAt(lives.get(to), send.wallMicros());
                    assertFalse(receiver != null && downAt(receiver, self, send.wallMicros()), what + ": " + to
                            + " had given up its connection from " + self + ", which sent over it: " + e);
                }
            }
        }
    }

    private static boolean refusedAtOnce(List<Event> life, int k, String to) {
        long seq = ((Event.Send) life.get(k)).seq();
        for (int j = k + 1; j < life.size() && life.get(j) instanceof Event.Undelivered u && u.seq() == seq; j++) {
            if (u.to().equals(to)) {
                return true;
            }
        }
        return false;
    }

    /** The life of a machine whose lines span {@code micros}, if any. */
    private static List<Event> lifeAt(List<List<Event>> lives, long micros) {
        List<Event> at = null;
        for (List<Event> life : lives) {
            if (life.get(0).wallMicros() <= micros && life.get(life.size() - 1).wallMicros() >= micros) {
                at = life;
            }
        }
        return at;
    }

    /** Whether {@code life} had its link to {@code peer} down by its lines up to {@code micros}. */
    private static boolean downAt(List<Event> life, String peer, long micros) {
        boolean down = ((Event.Start) life.get(0)).peers().contains(peer);
        for (Event e : life) {
            if (e.wallMicros() > micros) {
                break;
            }
            if (e instanceof Event.PeerUp u && u.peer().equals(peer)) {
                down = false;
            } else if (e instanceof Event.PeerDown d && d.peer().equals(peer)) {
                down = true;
            }
        }
        return down;
    }
}
