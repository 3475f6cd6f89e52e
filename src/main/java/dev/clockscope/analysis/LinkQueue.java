package dev.clockscope.analysis;

import java.util.Arrays;

/**
 * The sends awaiting receipt on one link, oldest first: a ring buffer of primitive columns (seq, wall
 * time, clocks, the send's entry in the {@link SharedVectors}) that grows by doubling, so queuing and matching
 * millions of messages allocates nothing once it has reached the link's largest backlog. Positions are counted
 * from the oldest (0). A send leaves the queue by {@link #removeFirst}, {@link #remove} or {@link #clear}, each
 * of which lets go of its vectors.
 */
final class LinkQueue {
    private static final int INITIAL_CAPACITY = 16;
    /**
     * A run of N machines has N^2 links: from this width on, a link holds memory only while sends on it await
     * receipt (1,000 machines have a million links).
     */
    static final int WIDE = 32;
    private static final long[] NONE = new long[0];
    private static final int[] NO_IDS = new int[0];
    private static final CriticalPathTracker.Hop[] NO_TAGS = new CriticalPathTracker.Hop[0];

    private final int width;
    private final SharedVectors vectorStore;
    private long[] seq;
    private long[] wallMicros;
    private long[] lamport;
    private long[] line;
    /** The send's physical reading, HLC l (-1: none) and c: {@value #CLOCKS} entries per slot. */
    private long[] clocks;
    private static final int CLOCKS = 3;
    /** The send's entry in {@link #vectorStore}. */
    private int[] vectorIds;
    /** What the critical path needs of each send: the hop its sender's chain came through (may be null). */
    private CriticalPathTracker.Hop[] tags;
    /** Slot of the oldest; capacity is a power of two. */
    private int head;
    private int size;

    /** A queue with a store of its own, for vectors of {@code width} entries. */
    LinkQueue(int width) {
        this(new SharedVectors(width));
    }

    /** A queue whose sends' vectors are kept in {@code store}, shared with the other links. */
    LinkQueue(SharedVectors store) {
        this.width = store.width();
        this.vectorStore = store;
        release();
    }

    /** Holds no arrays (capacity 0) until the next send. */
    private void release() {
        seq = wallMicros = lamport = line = clocks = NONE;
        vectorIds = NO_IDS;
        tags = NO_TAGS;
        head = 0;
    }

    /** Wide links start small: there are width^2 of them. */
    private int initialCapacity() {
        return width >= WIDE ? 2 : INITIAL_CAPACITY;
    }

    private void allocate(int capacity) {
        seq = new long[capacity];
        wallMicros = new long[capacity];
        lamport = new long[capacity];
        line = new long[capacity];
        clocks = new long[capacity * CLOCKS];
        vectorIds = new int[capacity];
        tags = new CriticalPathTracker.Hop[capacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int capacity() {
        return seq.length;
    }

    private int slot(int position) {
        return (head + position) & (seq.length - 1);
    }

    /** Appends a send; its vector is {@code vector[vectorOffset, +width)}, its logged-events vector {@code logged[0, width)}. */
    void addLast(long seqNo, long wall, long lamportClock, long lineNo, long[] vector, int vectorOffset, long[] logged,
                 CriticalPathTracker.Hop tag) {
        addLast(seqNo, wall, lamportClock, lineNo, vectorStore.put(vector, vectorOffset, logged, 1), tag);
    }

    /** Appends a send whose vectors are entry {@code vectorsId} of the shared store, which this queue will release. */
    void addLast(long seqNo, long wall, long lamportClock, long lineNo, int vectorsId, CriticalPathTracker.Hop tag) {
        if (seq.length == 0) {
            allocate(initialCapacity());
        } else if (size == seq.length) {
            grow();
        }
        int s = slot(size);
        seq[s] = seqNo;
        wallMicros[s] = wall;
        lamport[s] = lamportClock;
        line[s] = lineNo;
        vectorIds[s] = vectorsId;
        tags[s] = tag;
        clocks[s * CLOCKS] = wall;
        clocks[s * CLOCKS + 1] = -1;
        clocks[s * CLOCKS + 2] = 0;
        size++;
    }

    /** The physical reading and HLC of the send just added (by default: its wall time, no HLC). */
    void setLastClocks(long physMicros, long hlcL, long hlcC) {
        int s = slot(checked(size - 1));
        clocks[s * CLOCKS] = physMicros;
        clocks[s * CLOCKS + 1] = hlcL;
        clocks[s * CLOCKS + 2] = hlcC;
    }

    /** Copies the send's physical reading, HLC l and c into {@code out[0, 3)}. */
    void copyClocks(int position, long[] out) {
        System.arraycopy(clocks, slot(checked(position)) * CLOCKS, out, 0, CLOCKS);
    }

    /** Doubles the capacity, unwrapping the ring so the oldest is at slot 0 again. */
    private void grow() {
        long[] oldSeq = seq;
        long[] oldWall = wallMicros;
        long[] oldLamport = lamport;
        long[] oldLine = line;
        int[] oldVectorIds = vectorIds;
        CriticalPathTracker.Hop[] oldTags = tags;
        long[] oldClocks = clocks;
        int capacity = oldSeq.length;
        allocate(capacity * 2);
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (capacity - 1);
            seq[i] = oldSeq[from];
            wallMicros[i] = oldWall[from];
            lamport[i] = oldLamport[from];
            line[i] = oldLine[from];
            vectorIds[i] = oldVectorIds[from];
            tags[i] = oldTags[from];
            System.arraycopy(oldClocks, from * CLOCKS, clocks, i * CLOCKS, CLOCKS);
        }
        head = 0;
    }

    long seq(int position) {
        return seq[slot(checked(position))];
    }

    long wallMicros(int position) {
        return wallMicros[slot(checked(position))];
    }

    long lamport(int position) {
        return lamport[slot(checked(position))];
    }

    long line(int position) {
        return line[slot(checked(position))];
    }

    CriticalPathTracker.Hop tag(int position) {
        return tags[slot(checked(position))];
    }

    /** Copies the vector of the send at {@code position} into {@code out[0, width)}. */
    void copyVector(int position, long[] out) {
        vectorStore.copyVector(vectorIds[slot(checked(position))], out);
    }

    void copyLoggedVector(int position, long[] out) {
        vectorStore.copyLogged(vectorIds[slot(checked(position))], out);
    }

    private int checked(int position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException("position " + position + " of " + size);
        }
        return position;
    }

    void removeFirst() {
        checked(0);
        vectorStore.release(vectorIds[head]);
        tags[head] = null; // a dead chain must not be kept alive by a stale slot
        head = slot(1);
        size--;
        releaseIfEmptyAndWide();
    }

    private void releaseIfEmptyAndWide() {
        if (size == 0 && width >= WIDE) {
            release();
        }
    }

    /** Removes the send at {@code position}, keeping the others in order (rare: an undelivered send). */
    void remove(int position) {
        checked(position);
        vectorStore.release(vectorIds[slot(position)]);
        for (int i = position; i < size - 1; i++) {
            int to = slot(i);
            int from = slot(i + 1);
            seq[to] = seq[from];
            wallMicros[to] = wallMicros[from];
            lamport[to] = lamport[from];
            line[to] = line[from];
            vectorIds[to] = vectorIds[from];
            tags[to] = tags[from];
            System.arraycopy(clocks, from * CLOCKS, clocks, to * CLOCKS, CLOCKS);
        }
        tags[slot(size - 1)] = null;
        size--;
        releaseIfEmptyAndWide();
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            vectorStore.release(vectorIds[slot(i)]);
        }
        java.util.Arrays.fill(tags, null);
        head = 0;
        size = 0;
        releaseIfEmptyAndWide();
    }

    @Override
    public String toString() {
        long[] seqs = new long[size];
        for (int i = 0; i < size; i++) {
            seqs[i] = seq(i);
        }
        return "LinkQueue" + Arrays.toString(seqs);
    }
}
