package dev.clockscope.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * Matches receives to sends by (sender, seq, receiver) with one FIFO queue per link. A link delivers
 * in order (one TCP connection per direction, a FIFO machine queue, replays refused), so the send a
 * receive matches is at the head of its link's queue; anything queued before it was lost. Memory is
 * bounded by the messages in flight, not by the length of the run.
 */
final class MessageLedger {
    /** The reason of an {@code undelivered} line whose message may have arrived after all (protocol 3). */
    static final String UNACKNOWLEDGED = "unacknowledged";

    /** Why a receive matched nothing. */
    enum Unmatched { NONE, SENDER_WITHOUT_LOG, EARLIER_LIFE_OF_SENDER, NO_SUCH_SEND }

    private final int n;
    private final List<String> names;
    private final LinkQueue[] links;
    /** The queued sends' vectors, once per send whatever its number of receivers. */
    private final SharedVectors vectors;
    /** Each machine's log (null without one): where its sends were logged. */
    private final Path[] files;
    private final MatchedSend matched;
    /** Start of each machine's log (its current life), or -1 when it has no log. */
    private final long[] logStartMicros;
    private final long[] incarnation;

    /** What became of the messages matched or settled so far, by outcome. */
    final MessageCounts counts;
    String firstLost;
    /** The seq and link of {@link #firstLost}, in case a later report makes it undelivered after all. */
    private long firstLostSeq;
    private int firstLostLink = -1;
    private final RecentFates fates;
    private final InDoubt doubts = new InDoubt();

    MessageLedger(List<String> names, Path[] files, long[] logStartMicros, long[] incarnation) {
        int machines = names.size();
        this.n = machines;
        this.names = names;
        this.files = files;
        this.matched = new MatchedSend(machines);
        this.links = new LinkQueue[machines * machines];
        this.vectors = new SharedVectors(machines);
        for (int i = 0; i < links.length; i++) {
            links[i] = new LinkQueue(vectors);
        }
        this.logStartMicros = logStartMicros;
        this.incarnation = incarnation;
        this.counts = new MessageCounts(machines);
        this.fates = new RecentFates(machines * machines);
    }

    /**
     * A logged send of {@code sender} to {@code receivers[0, count)}; its vector is
     * {@code vector[vectorOffset, +n)}, its logged-events vector {@code loggedVector}; its physical reading and
     * HLC ({@code hlcL} -1: none).
     */
    void send(int sender, long seq, long wallMicros, long lamport, long[] vector, int vectorOffset, long[] loggedVector,
              long line, int[] receivers, int count, CriticalPathTracker.Hop tag, long physMicros, long hlcL,
              long hlcC) {
        int queued = 0;
        for (int k = 0; k < count; k++) {
            if (logStartMicros[receivers[k]] >= 0) {
                queued++;
            }
        }
        int shared = queued == 0 ? -1 : vectors.put(vector, vectorOffset, loggedVector, queued);
        for (int k = 0; k < count; k++) {
            int r = receivers[k];
            counts.sent(sender);
            if (logStartMicros[r] < 0) {
                counts.toMachineWithoutLog++;
            } else {
                LinkQueue link = links[sender * n + r];
                link.addLast(seq, wallMicros, lamport, line, shared, tag);
                link.setLastClocks(physMicros, hlcL, hlcC);
            }
        }
    }

    /**
     * The sender logged message (sender, seq) to {@code receiver} {@code undelivered} for {@code reason}, at
     * {@code line} of its log. Any reason but {@code unacknowledged} means it never left. Returns the detail of a
     * contradiction (a message that never left but was received), else null.
     */
    String undelivered(int sender, int receiver, long seq, String reason, long line) {
        String why = reason.isEmpty() ? "unspecified" : reason;
        boolean inDoubt = UNACKNOWLEDGED.equals(reason);
        if (logStartMicros[receiver] < 0) {
            counts.toMachineWithoutLog--;
            counts.undelivered(sender, why);
            return null;
        }
        int l = sender * n + receiver;
        // logged right after its send, or when its link died: at (or near) the tail
        LinkQueue link = links[l];
        for (int i = link.size() - 1; i >= 0; i--) {
            if (link.seq(i) == seq) {
                if (inDoubt) {
                    doubts.add(l, seq, why); // stays queued: its receive may still come
                } else {
                    link.remove(i);
                    counts.undelivered(sender, why);
                    fates.add(l, seq, RecentFates.UNDELIVERED, line);
                }
                return null;
            }
        }
        int slot = fates.find(l, seq);
        byte fate = slot < 0 ? 0 : fates.fate(l, slot);
        String where = slot < 0 ? "" : files[receiver] + ":" + fates.line(l, slot);
        switch (fate) {
            case RecentFates.RECEIVED, RecentFates.UNPROCESSED -> {
                if (!inDoubt) {
                    return "seq " + seq + " to " + names.get(receiver) + " was taken by it (" + where
                            + ") but its sender logged it undelivered (" + why + "): it never left";
                }
                boolean received = fate == RecentFates.RECEIVED;
                if (received) {
                    counts.receivedAckLost++;
                } else {
                    counts.unprocessedAckLost++;
                }
                fates.settle(l, slot, received ? RecentFates.RECEIVED_ACK_LOST : RecentFates.UNPROCESSED_ACK_LOST);
            }
            case RecentFates.LOST -> {
                counts.lost--;
                counts.lostTo[receiver]--;
                if (firstLostLink == l && firstLostSeq == seq) {
                    firstLost = null; // its sender knew: not a silent loss
                }
                counts.undelivered(sender, why);
                fates.settle(l, slot, RecentFates.UNDELIVERED);
            }
            case RecentFates.TO_EARLIER_LIFE -> {
                counts.toEarlierLifeOfReceiver--;
                counts.undelivered(sender, why);
                fates.settle(l, slot, RecentFates.UNDELIVERED);
            }
            case RecentFates.UNDELIVERED, RecentFates.RECEIVED_ACK_LOST, RecentFates.UNPROCESSED_ACK_LOST,
                    RecentFates.REFUSED -> {
                if (counts.undeliveredAgain++ == 0) {
                    // its sender's undelivered line settled it, or its receiver's line
                    boolean bySender = fate == RecentFates.UNDELIVERED;
                    counts.firstUndeliveredAgain = files[sender] + ":" + line + ", seq " + seq + " to "
                            + names.get(receiver) + ", already settled at "
                            + (bySender ? files[sender] + ":" + fates.line(l, slot) : where);
                }
            }
            default -> { // never sent, or settled too long ago to be remembered
                if (counts.undeliveredWithoutSend++ == 0) {
                    counts.firstUndeliveredWithoutSend = files[sender] + ":" + line;
                }
            }
        }
        return null;
    }

    /** A queued message that will never be received (a later one on its link was, or the logs ended). */
    private void settleUnreceived(int l, int receiver, LinkQueue link, boolean atEnd, String laterFile, long laterLine,
                                  long laterSeq) {
        long seq = link.seq(0);
        String reason = doubts.settle(l, seq);
        if (reason != null) {
            counts.undelivered(l / n, reason); // reported unacknowledged, and it never arrived
            fates.add(l, seq, RecentFates.UNDELIVERED, link.line(0));
        } else if (link.wallMicros(0) < logStartMicros[receiver]) {
            counts.toEarlierLifeOfReceiver++;
            fates.add(l, seq, RecentFates.TO_EARLIER_LIFE, link.line(0));
        } else if (atEnd) {
            counts.unreceivedAtEnd++;
        } else {
            counts.lost++;
            counts.lostTo[receiver]++;
            fates.add(l, seq, RecentFates.LOST, link.line(0));
            if (firstLost == null && firstLostLink < 0) {
                firstLostLink = l;
                firstLostSeq = seq;
                firstLost = files[l / n] + ":" + link.line(0) + ": seq " + seq + " to " + names.get(receiver)
                        + " never received (a later message, seq " + laterSeq + ", was: " + laterFile + ":" + laterLine
                        + ")";
            }
        }
        link.removeFirst();
    }

    /** Why {@code receive} cannot be matched before its send was processed, or NONE if it can. */
    Unmatched classify(int sender, long fromIncarnation) {
        if (sender < 0 || logStartMicros[sender] < 0) {
            return Unmatched.SENDER_WITHOUT_LOG;
        }
        if (fromIncarnation != 0 && fromIncarnation != incarnation[sender]) {
            return Unmatched.EARLIER_LIFE_OF_SENDER;
        }
        return Unmatched.NONE;
    }

    /**
     * Matches a receive of (sender, seq) at {@code receiver}; returns the send (reused: valid until the next
     * call), or null when none is queued on the link with that seq (then the caller reports the check failure).
     */
    MatchedSend receive(int sender, int receiver, long seq, long wallMicros, Path file, long line) {
        LinkQueue link = headAt(sender, receiver, seq, file, line);
        if (link == null) {
            return null;
        }
        int l = sender * n + receiver;
        MatchedSend send = matched;
        send.sender = sender;
        send.seq = link.seq(0);
        send.wallMicros = link.wallMicros(0);
        send.lamport = link.lamport(0);
        send.line = link.line(0);
        send.file = files[sender];
        link.copyVector(0, send.vector);
        link.copyLoggedVector(0, send.loggedVector);
        send.tag = link.tag(0);
        link.copyClocks(0, send.clocks);
        send.physMicros = send.clocks[0];
        send.hlcL = send.clocks[1];
        send.hlcC = (int) send.clocks[2];
        link.removeFirst();
        if (doubts.settle(l, seq) != null) {
            counts.receivedAckLost++;
            fates.add(l, seq, RecentFates.RECEIVED_ACK_LOST, line);
        } else {
            fates.add(l, seq, RecentFates.RECEIVED, line);
        }
        counts.received(receiver, Math.max(0, wallMicros - send.wallMicros));
        return send;
    }

    /**
     * The receiver refused (sender, seq) for its clock: it had arrived and was taken by a tick, so, like a
     * receive, it settles the sends before it on the link (FIFO) and leaves the queue; it is not received.
     * Returns false when it matches no open send (then it is not counted).
     */
    boolean refused(int sender, int receiver, long seq, Path file, long line) {
        LinkQueue link = headAt(sender, receiver, seq, file, line);
        if (link == null) {
            return false;
        }
        int l = sender * n + receiver;
        link.removeFirst();
        counts.refusedClockAhead++;
        doubts.settle(l, seq); // reported unacknowledged too: it did arrive, and its one outcome is the refusal
        fates.add(l, seq, RecentFates.REFUSED, line);
        return true;
    }

    /**
     * The link from sender to receiver with (sender, seq) at its head, the sends before it settled as not
     * received (FIFO: a later one arrived); null if it matches no open send (the link is left alone: its
     * messages may still arrive).
     */
    private LinkQueue headAt(int sender, int receiver, long seq, Path file, long line) {
        int l = sender * n + receiver;
        LinkQueue link = links[l];
        if (link.isEmpty() || (link.seq(0) != seq && !contains(link, seq))) {
            return null;
        }
        while (link.seq(0) < seq) {
            settleUnreceived(l, receiver, link, false, file.toString(), line, seq);
        }
        return link;
    }

    private static boolean contains(LinkQueue link, long seq) {
        for (int i = 0; i < link.size(); i++) {
            long s = link.seq(i);
            if (s == seq) {
                return true;
            }
            if (s > seq) {
                return false;
            }
        }
        return false;
    }

    /**
     * The receiver logged that it took, but did not process, every message of (sender, fromIncarnation) with
     * firstSeq <= seq <= lastSeq; {@code count} of them, or -1 when not logged. Returns a warning when the
     * queued messages do not add up to {@code count}, else null.
     */
    String unprocessed(int sender, int receiver, long fromIncarnation, long firstSeq, long lastSeq, long count,
                       Path file, long line) {
        if (classify(sender, fromIncarnation) != Unmatched.NONE) {
            counts.unprocessedUnmatched += count >= 0 ? count : 1;
            return null;
        }
        int l = sender * n + receiver;
        LinkQueue link = links[l];
        while (!link.isEmpty() && link.seq(0) < firstSeq) { // FIFO: before the first it took, nothing else arrives
            settleUnreceived(l, receiver, link, false, file.toString(), line, firstSeq);
        }
        long found = 0;
        while (!link.isEmpty() && link.seq(0) <= lastSeq) {
            long seq = link.seq(0);
            counts.unprocessed++;
            found++;
            if (doubts.settle(l, seq) != null) {
                counts.unprocessedAckLost++;
                fates.add(l, seq, RecentFates.UNPROCESSED_ACK_LOST, line);
            } else {
                fates.add(l, seq, RecentFates.UNPROCESSED, line);
            }
            link.removeFirst();
        }
        if (count >= 0 && found != count) {
            return file + ":" + line + ": " + count + " unprocessed messages from " + names.get(sender) + " (seq "
                    + firstSeq + ".." + lastSeq + "), " + found + " of them sent and not otherwise accounted for";
        }
        return null;
    }

    /** For a receive of (sender, seq) that matched nothing: what became of that message, if known (else ""). */
    String unmatchedDetail(int sender, int receiver, long seq) {
        int l = sender * n + receiver;
        int slot = fates.find(l, seq);
        if (slot < 0) {
            return "";
        }
        long at = fates.line(l, slot);
        return switch (fates.fate(l, slot)) {
            case RecentFates.UNDELIVERED -> "; its sender logged it undelivered (" + files[sender] + ":" + at + ")";
            case RecentFates.RECEIVED, RecentFates.RECEIVED_ACK_LOST -> "; it was received already (" + files[receiver]
                    + ":" + at + ")";
            case RecentFates.LOST -> "; a later message on its link arrived before it";
            case RecentFates.REFUSED -> "; its receiver refused it for its clock (" + files[receiver] + ":" + at + ")";
            default -> "";
        };
    }

    /** Classifies what is still queued when every log has been read. */
    void finish() {
        for (int s = 0; s < n; s++) {
            for (int r = 0; r < n; r++) {
                LinkQueue link = links[s * n + r];
                while (!link.isEmpty()) {
                    settleUnreceived(s * n + r, r, link, true, null, 0, 0);
                }
                link.clear();
            }
        }
        if (vectors.live() != 0) { // every queue let go of its sends: a leak here is a bug of this class
            throw new IllegalStateException(vectors.live() + " sends' vectors are still held after every link settled");
        }
    }
}
