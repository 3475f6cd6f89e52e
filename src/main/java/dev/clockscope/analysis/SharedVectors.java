package dev.clockscope.analysis;

/**
 * The vector clocks of the sends still awaiting receipt, each kept once however many receivers the send went to.
 * A send to all eight neighbours used to be copied into each receiver's link queue: with 1,000 machines, 16 KB
 * a copy. An entry holds a send's vector and its logged-events vector ({@code width} numbers each) and counts
 * the receivers still waiting for it; when the last lets go, the entry is reused. Storage grows in chunks, so
 * growing never copies a vector.
 */
final class SharedVectors {
    private static final int CHUNK_BITS = 6;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final int width;
    private long[][] chunks = new long[0][];
    /** Receivers still waiting, per entry; 0 for a free entry. */
    private int[] waiting = new int[CHUNK];
    private int[] free = new int[CHUNK];
    private int freeCount;
    /** Entries [0, used) have been handed out at least once. */
    private int used;
    private int live;

    SharedVectors(int width) {
        this.width = width;
    }

    int width() {
        return width;
    }

    /**
     * Keeps {@code vector[offset, +width)} and {@code logged[0, width)} for {@code receivers} (at least 1) receivers;
     * returns the entry, which each of them {@link #release}s once.
     */
    int put(long[] vector, int offset, long[] logged, int receivers) {
        if (receivers < 1) {
            throw new IllegalArgumentException("a shared vector needs a receiver, got " + receivers);
        }
        int id = freeCount > 0 ? free[--freeCount] : newEntry();
        waiting[id] = receivers;
        long[] chunk = chunks[id >>> CHUNK_BITS];
        int at = start(id);
        System.arraycopy(vector, offset, chunk, at, width);
        System.arraycopy(logged, 0, chunk, at + width, width);
        live++;
        return id;
    }

    private int newEntry() {
        int id = used++;
        if ((id >>> CHUNK_BITS) == chunks.length) {
            long[][] more = java.util.Arrays.copyOf(chunks, chunks.length + 1);
            more[chunks.length] = new long[CHUNK * 2 * width];
            chunks = more;
        }
        if (id == waiting.length) {
            waiting = java.util.Arrays.copyOf(waiting, 2 * waiting.length);
        }
        return id;
    }

    private int start(int id) {
        return (id & (CHUNK - 1)) * 2 * width;
    }

    /** One receiver is done with entry {@code id}; the last one frees it. */
    void release(int id) {
        if (id < 0 || id >= used || waiting[id] == 0) {
            throw new IllegalStateException("shared vector " + id + " is not in use");
        }
        if (--waiting[id] == 0) {
            if (freeCount == free.length) {
                free = java.util.Arrays.copyOf(free, 2 * free.length);
            }
            free[freeCount++] = id;
            live--;
        }
    }

    void copyVector(int id, long[] out) {
        System.arraycopy(chunks[id >>> CHUNK_BITS], start(id), out, 0, width);
    }

    void copyLogged(int id, long[] out) {
        System.arraycopy(chunks[id >>> CHUNK_BITS], start(id) + width, out, 0, width);
    }

    /** Entries some receiver still waits for. */
    int live() {
        return live;
    }

    /** Entries allocated so far (live or free): what the store occupies. */
    int allocated() {
        return chunks.length * CHUNK;
    }
}
