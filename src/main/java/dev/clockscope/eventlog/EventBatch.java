package dev.clockscope.eventlog;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Consecutive events of one log in columns of primitives, filled by {@link EventLogReader#read(EventBatch)}:
 * a reader thread hands over thousands of events without an object per event, and the analyzer reads
 * clocks and vectors straight from arrays. The three tick kinds are in the columns; every other kind is
 * kept as its {@link Event} (as is any line the general path read, so {@link #event} returns it as read).
 * Machine names are indices into the start line's machines (-1 for a name not among them). Reusable:
 * {@link #clear} and fill again.
 */
public final class EventBatch {
    public static final byte SEND = 0;
    public static final byte RECEIVE = 1;
    public static final byte INTERNAL = 2;
    /** Not a tick event: see {@link #object}. */
    public static final byte OTHER = 3;
    private static final String[] KIND_NAMES = {"send", "receive", "internal"};

    private final int capacity;
    private final int width;
    final byte[] kind;
    final long[] line;
    final long[] wallMicros;
    final long[] tick;
    final long[] lamport;
    /** Held as read; an int by {@link #queue}, as the reader's events have it. */
    final long[] queue;
    /** Send and receive: the message's seq. */
    final long[] seq;
    /** Receive: the sender's index. */
    final int[] from;
    final long[] msgLamport;
    final long[] fromIncarnation;
    final long[] arrivedMicros;
    /** The machine's physical reading (wallMicros in logs from before it was logged). */
    final long[] physMicros;
    /** The HLC's l and c; l is -1 on a row without an HLC. */
    final long[] hlcL;
    final long[] hlcC;
    /** Send: its receivers are toIndex[toStart[row], toStart[row] + toCount[row]). */
    final int[] toStart;
    final int[] toCount;
    int[] toIndex;
    /** {@code width} entries per row. */
    final long[] vectors;
    final Event[] objects;
    int size;
    private int toEnd;
    private List<String> names = List.of();

    /** Room for {@code capacity} events of a run of {@code machines} machines (the width of a vector). */
    public EventBatch(int capacity, int machines) {
        if (capacity < 1 || machines < 1) {
            throw new IllegalArgumentException("capacity and machines must be >= 1, got " + capacity + ", " + machines);
        }
        this.capacity = capacity;
        this.width = machines;
        kind = new byte[capacity];
        line = new long[capacity];
        wallMicros = new long[capacity];
        tick = new long[capacity];
        lamport = new long[capacity];
        queue = new long[capacity];
        seq = new long[capacity];
        from = new int[capacity];
        msgLamport = new long[capacity];
        fromIncarnation = new long[capacity];
        arrivedMicros = new long[capacity];
        physMicros = new long[capacity];
        hlcL = new long[capacity];
        hlcC = new long[capacity];
        toStart = new int[capacity];
        toCount = new int[capacity];
        toIndex = new int[capacity * 2];
        vectors = new long[capacity * machines];
        objects = new Event[capacity];
        numbers = new long[][] {wallMicros, tick, lamport, queue, seq, msgLamport, fromIncarnation, arrivedMicros,
            physMicros};
    }

    // the numeric columns by number, for a parser that is driven by a table of fields
    static final int WALL_MICROS = 0;
    static final int TICK = 1;
    static final int LAMPORT = 2;
    static final int QUEUE = 3;
    static final int SEQ = 4;
    static final int MSG_LAMPORT = 5;
    static final int FROM_INCARNATION = 6;
    static final int ARRIVED_MICROS = 7;
    static final int PHYS_MICROS = 8;
    final long[][] numbers;

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == capacity;
    }

    /** Number of entries of each vector. */
    public int width() {
        return width;
    }

    public void clear() {
        Arrays.fill(objects, 0, size, null); // let the rare events go
        size = 0;
        toEnd = 0;
    }

    /** The machines the indices refer to (the start line's), set by the reader. */
    void names(List<String> machines) {
        if (machines.size() != width) {
            throw new IllegalArgumentException("the batch holds vectors of " + width + " machines, the log names "
                    + machines.size());
        }
        names = machines;
    }

    public byte kind(int row) {
        return kind[row];
    }

    public boolean isTick(int row) {
        return kind[row] != OTHER;
    }

    /** "send", "receive" or "internal" for a tick event. */
    public static String kindName(byte kind) {
        return KIND_NAMES[kind];
    }

    public long line(int row) {
        return line[row];
    }

    public long wallMicros(int row) {
        return wallMicros[row];
    }

    public long tick(int row) {
        return tick[row];
    }

    public long lamport(int row) {
        return lamport[row];
    }

    public int queue(int row) {
        return (int) queue[row];
    }

    public long seq(int row) {
        return seq[row];
    }

    /** Receive: index of the sender, -1 if not a machine of the start line (then see {@link #object}). */
    public int from(int row) {
        return from[row];
    }

    public long physMicros(int row) {
        return physMicros[row];
    }

    /** Whether the row's event carries an HLC ({@link #hlcL}, {@link #hlcC}). */
    public boolean hasHlc(int row) {
        return hlcL[row] >= 0;
    }

    public long hlcL(int row) {
        return hlcL[row];
    }

    public int hlcC(int row) {
        return (int) hlcC[row];
    }

    public long msgLamport(int row) {
        return msgLamport[row];
    }

    public long fromIncarnation(int row) {
        return fromIncarnation[row];
    }

    /** Send: number of names in its "to" list. */
    public int toCount(int row) {
        return toCount[row];
    }

    /** Send: index of the k-th name of its "to" list, -1 if not a machine of the start line. */
    public int to(int row, int k) {
        return toIndex[toStart[row] + k];
    }

    /** All vectors, {@link #width} entries per row from {@link #vectorOffset}. Read only. */
    public long[] vectors() {
        return vectors;
    }

    public int vectorOffset(int row) {
        return row * width;
    }

    /** The event as read for rows of kind OTHER and for lines of the general path; otherwise null. */
    public Event object(int row) {
        return objects[row];
    }

    /** The row as an {@link Event}, equal to what {@link EventLogReader#next} returns for that line. */
    public Event event(int row) {
        if (objects[row] != null) {
            return objects[row];
        }
        VectorClock v = VectorClock.of(Arrays.copyOfRange(vectors, row * width, row * width + width));
        Hlc h = hasHlc(row) ? new Hlc(hlcL[row], hlcC(row)) : null;
        return switch (kind[row]) {
            case SEND -> {
                List<String> to = new ArrayList<>(toCount[row]);
                for (int k = 0; k < toCount[row]; k++) {
                    to.add(names.get(to(row, k)));
                }
                yield new Event.Send(wallMicros[row], tick[row], lamport[row], v, queue(row), to, seq[row],
                        physMicros[row], h);
            }
            case RECEIVE -> new Event.Receive(wallMicros[row], tick[row], lamport[row], v, queue(row),
                    names.get(from[row]), seq[row], msgLamport[row], fromIncarnation[row], arrivedMicros[row],
                    physMicros[row], h);
            default -> new Event.Internal(wallMicros[row], tick[row], lamport[row], v, queue(row), physMicros[row], h);
        };
    }

    /** Starts the "to" list of the row being filled. */
    void beginTo(int row) {
        toCount[row] = 0;
    }

    void addTo(int row, int index) {
        int at = toEnd + toCount[row];
        if (at == toIndex.length) {
            toIndex = Arrays.copyOf(toIndex, toIndex.length * 2);
        }
        toIndex[at] = index;
        toCount[row]++;
    }

    /** The row being filled (columns written by the parser) is complete: keep it. */
    void commit(long lineNumber) {
        line[size] = lineNumber;
        objects[size] = null;
        if (kind[size] == SEND) {
            toStart[size] = toEnd;
            toEnd += toCount[size];
        }
        size++;
    }

    /** Adds an event the general path read: tick events also go into the columns. */
    void add(Event e, long lineNumber, Map<String, Integer> index) {
        int row = size;
        wallMicros[row] = e.wallMicros();
        if (e instanceof Event.TickEvent t) {
            tick[row] = t.tick();
            lamport[row] = t.lamport();
            queue[row] = t.queue();
            physMicros[row] = t.physMicros();
            hlcL[row] = t.hlc() == null ? -1 : t.hlc().l();
            hlcC[row] = t.hlc() == null ? 0 : t.hlc().c();
            VectorClock v = t.vector();
            if (v.size() != width) {
                throw new IllegalArgumentException("the batch holds vectors of " + width + " machines, not " + v.size());
            }
            for (int j = 0; j < width; j++) {
                vectors[row * width + j] = v.get(j);
            }
            if (e instanceof Event.Send s) {
                kind[row] = SEND;
                seq[row] = s.seq();
                beginTo(row);
                for (String name : s.to()) {
                    addTo(row, index.getOrDefault(name, -1));
                }
            } else if (e instanceof Event.Receive r) {
                kind[row] = RECEIVE;
                seq[row] = r.seq();
                from[row] = index.getOrDefault(r.from(), -1);
                msgLamport[row] = r.msgLamport();
                fromIncarnation[row] = r.fromIncarnation();
                arrivedMicros[row] = r.arrivedMicros();
            } else {
                kind[row] = INTERNAL;
            }
        } else {
            kind[row] = OTHER;
        }
        commit(lineNumber);
        objects[row] = e;
    }
}
