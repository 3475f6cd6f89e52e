package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When a replay's steps happen, in virtual time counted from the recording's first start line: lives, recorded
 * lines, deliveries and a what-if's faults. Kept apart from {@link Replay} because the order within one logged
 * microsecond (its slots) decides which of two same-microsecond events the machines see first.
 */
final class ReplayAgenda {
    static final int LIFE = 0;
    static final int STEP = 1;
    static final int DELIVER = 2;
    static final int CRASH = 3;
    static final int RESTART = 4;
    static final int PAUSE = 5;
    static final int RESUME = 6;
    static final int RECORDED_PAUSE = 7;
    /** A what-if pause has lasted the heartbeat timeout: the peers declare the machine down. */
    static final int TIMEOUT = 8;
    /** What-if only: the peers of a machine in a recorded pause timed it out. */
    static final int RECORDED_TIMEOUT = 9;
    /** What-if only: what reached a machine in this microsecond enters its queue ({@link SameMicrosecondArrivals}). */
    static final int TAKE_ARRIVED = 10;
    /**
     * What-if only: a message that arrived at its recorded time enters its receiver's queue after the recorded tick
     * that did not see it yet ({@link LifeScript#unseenUntilMicros}).
     */
    static final int SEEN = 11;
    /** Sub-microsecond slots, so that within one logged microsecond deliveries come before steps. */
    private static final long DELIVER_SLOT_NANOS = 200;
    private static final long TAKE_ARRIVED_SLOT_NANOS = 300;
    private static final long STEP_SLOT_NANOS = 500;
    /** After the step of the same microsecond: a message its tick did not see, then what came with it is taken. */
    private static final long SEEN_SLOT_NANOS = 600;
    private static final long TAKE_SEEN_SLOT_NANOS = 650;
    /** After the step of the same microsecond: a recorded pause begins once its machine was last seen running. */
    private static final long PAUSE_SLOT_NANOS = 700;

    private final EventQueue queue = new EventQueue();
    private final long originMicros;
    /** What-if only: by machine and life, when a killed life died (its peers' first peer_down after its last line). */
    private Map<Long, Long> deaths = Map.of();

    ReplayAgenda(long originMicros) {
        this.originMicros = originMicros;
    }

    private long nanos(long wallMicros) {
        return Math.max(0, (wallMicros - originMicros) * 1_000);
    }

    /** Every recorded life starts when its start line says. */
    void lifeStarts(RecordedRun run, MachineIds ids) {
        for (int i = 0; i < ids.size(); i++) {
            List<RecordedRun.Life> lives = run.lives(ids.id(i));
            for (int l = 0; l < lives.size(); l++) {
                queue.add(nanos(lives.get(l).start().wallMicros()), LIFE, i, l, null);
            }
        }
    }

    /**
     * What-if only: a killed life (no stop line) dies when its peers first saw it go, not at its own last line, which
     * can be long before (a machine that had nothing to do); so its peers' sends meanwhile are not refused at once,
     * as in the recording they were not. A faithful replay needs no such time: nothing reaches it after its last line.
     */
    void killedLivesDieWhenTheirPeersSawIt(RecordedRun run, MachineIds ids) {
        deaths = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            List<RecordedRun.Life> lives = run.lives(ids.id(i));
            for (int l = 0; l < lives.size(); l++) {
                List<Event> events = lives.get(l).events();
                if (events.get(events.size() - 1) instanceof Event.Stop) {
                    continue;
                }
                long last = events.get(events.size() - 1).wallMicros();
                long next = l + 1 < lives.size() ? lives.get(l + 1).start().wallMicros() : Long.MAX_VALUE;
                long seen = Long.MAX_VALUE;
                for (String peer : lives.get(l).start().peers()) {
                    for (RecordedRun.Life p : run.lives(peer)) {
                        for (Event e : p.events()) {
                            if (e instanceof Event.PeerDown d && d.peer().equals(ids.id(i)) && e.wallMicros() >= last
                                    && e.wallMicros() < next) {
                                seen = Math.min(seen, e.wallMicros());
                            }
                        }
                    }
                }
                if (seen != Long.MAX_VALUE) {
                    deaths.put(((long) i << 32) | l, seen);
                }
            }
        }
    }

    /** A what-if's crashes (with their restart, unless for good) and pauses (with their timeout, if that long). */
    void outages(Replay.WhatIf whatIf) {
        for (Outage c : whatIf.crashes()) {
            queue.add(c.fromNanos(), CRASH, c.machine(), 0, null);
            if (!c.forGood()) {
                queue.add(c.toNanos(), RESTART, c.machine(), 0, null);
            }
        }
        long timeoutNanos = whatIf.heartbeatTimeout().toNanos();
        for (Outage p : whatIf.pauses()) {
            queue.add(p.fromNanos(), PAUSE, p.machine(), 0, null);
            queue.add(p.toNanos(), RESUME, p.machine(), 0, null);
            if (p.toNanos() - p.fromNanos() > timeoutNanos) {
                queue.add(p.fromNanos() + timeoutNanos, TIMEOUT, p.machine(), 0, null);
            }
        }
    }

    /** {@code message} reaches {@code receiver} at {@code atMicros}; {@code receiverLife} -1: whichever life is up. */
    void delivery(long atMicros, int receiver, int receiverLife, Message message) {
        // aux is never negative in the queue: the life is stored one up
        queue.add(nanos(atMicros) + DELIVER_SLOT_NANOS, DELIVER, receiver, receiverLife + 1, message);
    }

    /**
     * What-if only: what reached {@code receiver} in the microsecond of {@code atMicros} is taken in, at its end
     * (before the step; {@code afterStep}: what a recorded tick of that microsecond did not see yet, after it).
     */
    void takeArrived(long atMicros, int receiver, boolean afterStep) {
        queue.add(nanos(atMicros) + (afterStep ? TAKE_SEEN_SLOT_NANOS : TAKE_ARRIVED_SLOT_NANOS), TAKE_ARRIVED,
                receiver, 0, null);
    }

    /** What-if only: {@code message}, arrived, enters {@code receiver}'s queue after its step at {@code atMicros}. */
    void seenAfterStep(long atMicros, int receiver, int receiverLife, Message message) {
        queue.add(nanos(atMicros) + SEEN_SLOT_NANOS, SEEN, receiver, receiverLife + 1, message);
    }

    /** The next event of life {@code l} after index {@code k} that the replay drives; returns its index. */
    int nextStep(int i, int l, List<Event> events, int k) {
        int j = RecordedSteps.nextDriven(events, k);
        // none: the recorded life ends without a stop line, it was killed after its last event
        long atMicros = j < events.size() ? events.get(j).wallMicros()
                : deaths.getOrDefault(((long) i << 32) | l, events.get(events.size() - 1).wallMicros());
        queue.add(nanos(atMicros) + STEP_SLOT_NANOS, STEP, i, l, j);
        return j;
    }

    /**
     * What-if only: each stall of life {@code l} (its machine did not run: SIGSTOP, a long GC), and each pause that
     * left no stall line (the first lines after them: {@code silentEnds}), as a pause from when the machine was last
     * seen running.
     */
    void recordedPauses(int i, int l, List<Event> events, LifeScript script) {
        for (long[] pause : RecordedSteps.pauses(events, script.silentPauseEnds())) {
            queue.add(nanos(pause[0]) + PAUSE_SLOT_NANOS, RECORDED_PAUSE, i, l, null);
        }
        for (long micros : script.pauseTimeOutsMicros()) {
            queue.add(nanos(micros) + PAUSE_SLOT_NANOS, RECORDED_TIMEOUT, i, l, null);
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Takes the earliest event; the {@code popped} methods then describe it. */
    void pop() {
        queue.pop();
    }

    long poppedNanos() {
        return queue.poppedTime;
    }

    int poppedKind() {
        return queue.poppedKind;
    }

    int poppedMachine() {
        return queue.poppedTarget;
    }

    /** The recorded life the event is of; for a delivery the receiver's (-1: whichever is up); else 0. */
    int poppedLife() {
        return queue.poppedKind == DELIVER || queue.poppedKind == SEEN ? queue.poppedAux - 1 : queue.poppedAux;
    }

    /** A step's index into its life's events. */
    int poppedStep() {
        return (Integer) queue.poppedPayload;
    }

    Message poppedMessage() {
        return (Message) queue.poppedPayload;
    }
}
