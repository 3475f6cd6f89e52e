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
    /**
     * The send a receive matched, copied out of its link's queue: valid until the next receive. The queue
     * itself keeps no objects, so matching allocates nothing.
     */
    static final class MatchedSend {
        int sender;
        long seq;
        long wallMicros;
        long lamport;
        /** The send's physical reading, and its HLC (hlcL -1: none). */
        long physMicros;
        long hlcL;
        int hlcC;
        final long[] vector;
        /** Vector clock over logged events only (see {@link RunAnalyzer}). */
        final long[] loggedVector;
        Path file;
        long line;
        private final long[] clocks = new long[3];

        MatchedSend(int width) {
            vector = new long[width];
            loggedVector = new long[width];
        }
    }

    /** Why a receive matched nothing. */
    enum Unmatched { NONE, SENDER_WITHOUT_LOG, EARLIER_LIFE_OF_SENDER, NO_SUCH_SEND }

    private final int n;
    private final List<String> names;
    private final LinkQueue[] links;
    /** Each machine's log (null without one): where its sends were logged. */
    private final Path[] files;
    private final MatchedSend matched;
    /** Start of each machine's log (its current life), or -1 when it has no log. */
    private final long[] logStartMicros;
    private final long[] incarnation;

    final long[] messagesSentBy;
    final long[] undeliveredBy;
    final long[] receivedBy;
    final long[] lostTo;
    final LogHistogram delayMicros = new LogHistogram();
    final LogHistogram[] delayMicrosTo;
    long messages;
    long undelivered;
    long received;
    long lost;
    long toEarlierLifeOfReceiver;
    long toMachineWithoutLog;
    long fromEarlierLifeOfSender;
    long fromMachineWithoutLog;
    long unreceivedAtEnd;
    long undeliveredWithoutSend;
    String firstLost;

    MessageLedger(List<String> names, Path[] files, long[] logStartMicros, long[] incarnation) {
        int machines = names.size();
        this.n = machines;
        this.names = names;
        this.files = files;
        this.matched = new MatchedSend(machines);
        this.links = new LinkQueue[machines * machines];
        for (int i = 0; i < links.length; i++) {
            links[i] = new LinkQueue(machines);
        }
        this.logStartMicros = logStartMicros;
        this.incarnation = incarnation;
        this.messagesSentBy = new long[machines];
        this.undeliveredBy = new long[machines];
        this.receivedBy = new long[machines];
        this.lostTo = new long[machines];
        this.delayMicrosTo = new LogHistogram[machines];
        for (int i = 0; i < machines; i++) {
            delayMicrosTo[i] = new LogHistogram();
        }
    }

    /**
     * A logged send of {@code sender} to {@code receivers[0, count)}; its vector is
     * {@code vector[vectorOffset, +n)}, its logged-events vector {@code loggedVector}; its physical reading and
     * HLC ({@code hlcL} -1: none).
     */
    void send(int sender, long seq, long wallMicros, long lamport, long[] vector, int vectorOffset, long[] loggedVector,
              long line, int[] receivers, int count, long physMicros, long hlcL, long hlcC) {
        for (int k = 0; k < count; k++) {
            int r = receivers[k];
            messages++;
            messagesSentBy[sender]++;
            if (logStartMicros[r] < 0) {
                toMachineWithoutLog++;
            } else {
                LinkQueue link = links[sender * n + r];
                link.addLast(seq, wallMicros, lamport, line, vector, vectorOffset, loggedVector);
                link.setLastClocks(physMicros, hlcL, hlcC);
            }
        }
    }

    /** The sender logged that message (sender, seq) never left for {@code receiver}. */
    void undelivered(int sender, int receiver, long seq) {
        undelivered++;
        undeliveredBy[sender]++;
        if (logStartMicros[receiver] < 0) {
            toMachineWithoutLog--;
            return;
        }
        // logged right after its send, so it is at (or very near) the tail
        LinkQueue link = links[sender * n + receiver];
        for (int i = link.size() - 1; i >= 0; i--) {
            if (link.seq(i) == seq) {
                link.remove(i);
                return;
            }
        }
        undeliveredWithoutSend++;
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
        LinkQueue link = links[sender * n + receiver];
        if (link.isEmpty() || (link.seq(0) != seq && !contains(link, seq))) {
            return null; // matches nothing: leave the link alone, its messages may still arrive
        }
        while (link.seq(0) < seq) {
            if (link.wallMicros(0) < logStartMicros[receiver]) {
                toEarlierLifeOfReceiver++;
            } else {
                lost++;
                lostTo[receiver]++;
                if (firstLost == null) {
                    firstLost = files[sender] + ":" + link.line(0) + ": seq " + link.seq(0) + " to "
                            + names.get(receiver) + " never received (a later message, seq " + seq + ", was: " + file + ":"
                            + line + ")";
                }
            }
            link.removeFirst();
        }
        MatchedSend send = matched;
        send.sender = sender;
        send.seq = link.seq(0);
        send.wallMicros = link.wallMicros(0);
        send.lamport = link.lamport(0);
        send.line = link.line(0);
        send.file = files[sender];
        link.copyVector(0, send.vector);
        link.copyLoggedVector(0, send.loggedVector);
        link.copyClocks(0, send.clocks);
        send.physMicros = send.clocks[0];
        send.hlcL = send.clocks[1];
        send.hlcC = (int) send.clocks[2];
        link.removeFirst();
        received++;
        receivedBy[receiver]++;
        long delay = Math.max(0, wallMicros - send.wallMicros);
        delayMicros.add(delay);
        delayMicrosTo[receiver].add(delay);
        return send;
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

    void receiveUnmatched(Unmatched why) {
        if (why == Unmatched.SENDER_WITHOUT_LOG) {
            fromMachineWithoutLog++;
        } else if (why == Unmatched.EARLIER_LIFE_OF_SENDER) {
            fromEarlierLifeOfSender++;
        }
    }

    /** Classifies what is still queued when every log has been read. */
    void finish() {
        for (int s = 0; s < n; s++) {
            for (int r = 0; r < n; r++) {
                LinkQueue link = links[s * n + r];
                for (int i = 0; i < link.size(); i++) {
                    if (link.wallMicros(i) < logStartMicros[r]) {
                        toEarlierLifeOfReceiver++;
                    } else {
                        unreceivedAtEnd++;
                    }
                }
                links[s * n + r].clear();
            }
        }
    }
}
