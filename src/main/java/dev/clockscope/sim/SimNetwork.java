package dev.clockscope.sim;

import dev.clockscope.clock.Hlc;
import dev.clockscope.node.Machine;
import dev.clockscope.node.Message;
import dev.clockscope.node.Transport;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The simulated network, one {@link Transport} for every machine (a message names its sender). Each
 * directed link is FIFO like a TCP connection: a message is due at its send time plus a drawn delay, but
 * never before the one sent ahead of it on the same link (equal times keep their order through the
 * agenda's sequence numbers). Links are stored as one compressed table (CSR) over the topology: per
 * directed link a due time and a message count, no object per link.
 */
final class SimNetwork implements Transport {
    /** Agenda event kind: a message reaches its receiver (target = receiver, aux = its connection when sent). */
    static final int DELIVER = 1;

    private final EventQueue agenda;
    private final VirtualTime time;
    private final LinkDelays delays;
    private final double silentLoss;
    private long lostSilently;
    private final Lives lives;
    /** Each machine's current life, whose side of a link says whether it has a connection to send on. */
    private final Machine[] machines;
    private final Acknowledgements acks;
    /** CSR: machine i's neighbours are targets[offsets[i] .. offsets[i + 1]), ascending. */
    private final int[] offsets;
    private final int[] targets;
    /** Per directed link, side by side (one cache line per message): [2l] due time of its last message, [2l+1] messages. */
    private final long[] links;
    private final long seed;
    private final LinkRandom random = new LinkRandom();
    /** When set, messages wait in their receiver's inbox instead of the agenda (see {@link Inboxes}). */
    private Inboxes inboxes;
    private long sent;
    private long clockBytes;
    private int clockBytesMax;

    /** What the network needs to know of the machines: whether a receiver is there, and on which connection. */
    interface Lives {
        /** Null if messages to {@code machine} are taken now (also while it is paused), else why not. */
        String refusal(int machine);

        /** A message to {@code machine} carries this; one that arrives with another is on a connection now gone. */
        int connection(int machine);

        /** Whether {@code machine}'s peers timed it out and it has not connected anew since. */
        boolean declaredDown(int machine);
    }

    SimNetwork(int n, IntFunction<int[]> neighbours, long seed, LinkModel links, EventQueue agenda, VirtualTime time,
               Lives lives, Machine[] machines, Acknowledgements acks) {
        this.agenda = agenda;
        this.machines = machines;
        this.acks = acks;
        this.time = time;
        this.delays = links.delays();
        this.silentLoss = links.silentLoss();
        this.lives = lives;
        this.offsets = new int[n + 1];
        int[][] lists = null;
        long total = 0;
        // two passes over the topology, so no per-machine array outlives the build
        for (int i = 0; i < n; i++) {
            total += neighbours.apply(i).length;
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many links: " + total);
            }
            offsets[i + 1] = (int) total;
        }
        this.targets = new int[(int) total];
        for (int i = 0; i < n; i++) {
            int[] nb = neighbours.apply(i);
            int[] sorted = nb.clone();
            Arrays.sort(sorted);
            System.arraycopy(sorted, 0, targets, offsets[i], sorted.length);
        }
        this.links = new long[2 * targets.length];
        this.seed = seed ^ 0x6C696E6BL;
    }

    @Override
    public String send(int peer, Message message) {
        String refusal = lives.refusal(peer);
        if (refusal != null) {
            return refusal;
        }
        int from = message.from();
        if (!machines[from].peerUp(peer)) {
            // its sender has logged the link down and not up since: no connection to send on, as in the real cluster
            // (a pause its peer timed out, whose reconnect waits for the peer to run)
            return LifeTable.PEER_DOWN;
        }
        if (lives.declaredDown(from) && !machines[peer].peerUp(from)) {
            // the receiver has closed that connection (it timed the sender out while the sender was paused): a
            // sender that runs again may write once more before it finds out, and the receiver never takes it.
            // Only a sender its peers declared down can meet that, so the receiver (a cache miss) is read only then
            return LifeTable.PEER_DOWN;
        }
        int link = link(from, peer);
        long now = time.nowNanos();
        random.start(seed, link, links[2 * link + 1]++);
        sent++;
        // on the wire, so counted, even if the link then loses it
        int bytes = Long.BYTES + (message.vector() == null ? 0 : message.vector().wireBytes())
                + (message.hlc() == null ? 0 : Hlc.WIRE_BYTES);
        clockBytes += bytes;
        clockBytesMax = Math.max(clockBytesMax, bytes);
        if (silentLoss > 0 && random.nextDouble() < silentLoss) {
            lostSilently++;
            return null; // taken, and never seen again: no line in any log
        }
        acks.sent(from);
        long due = Math.max(now + delays.sampleNanos(from, peer, random), links[2 * link]);
        links[2 * link] = due;
        if (inboxes != null) {
            inboxes.add(peer, due, agenda.reserveSeq(), lives.connection(peer), message);
        } else {
            agenda.add(due, DELIVER, peer, lives.connection(peer), message);
        }
        return null;
    }

    /** Its receiver has logged taking the message off its queue: acknowledged. */
    @Override
    public void logged(int receiver, int from, long fromIncarnation, long seq) {
        acks.acknowledged(receiver, from, fromIncarnation, seq);
    }

    /** From now on, messages wait in {@code byReceiver} in the agenda's order instead of in the agenda. */
    void deliverInto(Inboxes byReceiver) {
        this.inboxes = byReceiver;
    }

    /** When the last message sent to {@code machine} arrives (0 if none was ever sent to it). */
    long lastArrivalAt(int machine) {
        if (inboxes != null) {
            // kept by receiver as messages are sent: no walk over its neighbours' links, each a cache miss at 10^6
            return inboxes.lastDueEver(machine);
        }
        long last = 0;
        for (int k = offsets[machine]; k < offsets[machine + 1]; k++) {
            last = Math.max(last, links[2 * link(targets[k], machine)]);
        }
        return last;
    }

    /** The CSR index of the directed link from {@code from} to its neighbour {@code to}. */
    int link(int from, int to) {
        int at = Arrays.binarySearch(targets, offsets[from], offsets[from + 1], to);
        if (at < 0) {
            throw new IllegalArgumentException("no link from " + from + " to " + to);
        }
        return at;
    }

    int[] offsets() {
        return offsets;
    }

    int[] targets() {
        return targets;
    }

    /** Messages sent per directed link, indexed like {@link #targets()}. */
    long[] messagesPerLink() {
        long[] counts = new long[targets.length];
        for (int l = 0; l < counts.length; l++) {
            counts[l] = links[2 * l + 1];
        }
        return counts;
    }

    long lostSilently() {
        return lostSilently;
    }

    long sent() {
        return sent;
    }

    /** Bytes of clock carried by all messages (Lamport 8 + the vector's wire size + the HLC's 12). */
    long clockBytes() {
        return clockBytes;
    }

    int clockBytesMax() {
        return clockBytesMax;
    }
}
