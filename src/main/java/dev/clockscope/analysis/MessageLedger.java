package dev.clockscope.analysis;

import dev.clockscope.clock.VectorClock;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/**
 * Matches receives to sends by (sender, seq, receiver) with one FIFO queue per link. A link delivers
 * in order (one TCP connection per direction, a FIFO machine queue, replays refused), so the send a
 * receive matches is at the head of its link's queue; anything queued before it was lost. Memory is
 * bounded by the messages in flight, not by the length of the run.
 */
final class MessageLedger {
    /** A logged send still awaited by at least one receiver. Shared by the links of a multicast. */
    static final class PendingSend {
        final int sender;
        final long seq;
        final long wallMicros;
        final long lamport;
        final VectorClock vector;
        /** Vector clock over logged events only (see {@link RunAnalyzer}); null when not tracked. */
        final long[] loggedVector;
        final Path file;
        final long line;

        PendingSend(int sender, long seq, long wallMicros, long lamport, VectorClock vector, long[] loggedVector, Path file,
                    long line) {
            this.sender = sender;
            this.seq = seq;
            this.wallMicros = wallMicros;
            this.lamport = lamport;
            this.vector = vector;
            this.loggedVector = loggedVector;
            this.file = file;
            this.line = line;
        }
    }

    /** Why a receive matched nothing. */
    enum Unmatched { NONE, SENDER_WITHOUT_LOG, EARLIER_LIFE_OF_SENDER, NO_SUCH_SEND }

    private final int n;
    private final List<String> names;
    private final ArrayDeque<PendingSend>[] links;
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

    @SuppressWarnings("unchecked")
    MessageLedger(List<String> names, long[] logStartMicros, long[] incarnation) {
        int machines = names.size();
        this.n = machines;
        this.names = names;
        this.links = new ArrayDeque[machines * machines];
        for (int i = 0; i < links.length; i++) {
            links[i] = new ArrayDeque<>();
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

    void send(PendingSend send, int[] receivers) {
        for (int r : receivers) {
            messages++;
            messagesSentBy[send.sender]++;
            if (logStartMicros[r] < 0) {
                toMachineWithoutLog++;
            } else {
                links[send.sender * n + r].addLast(send);
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
        Iterator<PendingSend> it = links[sender * n + receiver].descendingIterator();
        while (it.hasNext()) {
            if (it.next().seq == seq) {
                it.remove();
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
     * Matches a receive of (sender, seq) at {@code receiver}; returns the send, or null when none is
     * queued on the link with that seq (then the caller reports the check failure).
     */
    PendingSend receive(int sender, int receiver, long seq, long wallMicros, Path file, long line) {
        ArrayDeque<PendingSend> link = links[sender * n + receiver];
        if (link.isEmpty() || (link.peekFirst().seq != seq && !contains(link, seq))) {
            return null; // matches nothing: leave the link alone, its messages may still arrive
        }
        while (link.peekFirst().seq < seq) {
            PendingSend skipped = link.pollFirst();
            if (skipped.wallMicros < logStartMicros[receiver]) {
                toEarlierLifeOfReceiver++;
            } else {
                lost++;
                lostTo[receiver]++;
                if (firstLost == null) {
                    firstLost = skipped.file + ":" + skipped.line + ": seq " + skipped.seq + " to "
                            + names.get(receiver) + " never received (a later message, seq " + seq + ", was: " + file + ":"
                            + line + ")";
                }
            }
        }
        PendingSend send = link.pollFirst();
        received++;
        receivedBy[receiver]++;
        long delay = Math.max(0, wallMicros - send.wallMicros);
        delayMicros.add(delay);
        delayMicrosTo[receiver].add(delay);
        return send;
    }

    private static boolean contains(ArrayDeque<PendingSend> link, long seq) {
        for (PendingSend p : link) {
            if (p.seq == seq) {
                return true;
            }
            if (p.seq > seq) {
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
                for (PendingSend p : links[s * n + r]) {
                    if (p.wallMicros < logStartMicros[r]) {
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
