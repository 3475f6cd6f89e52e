package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs another {@link SimSinks} on a thread of its own: the simulation's thread only appends each event to a
 * batch, and a second thread encodes the log lines, hashes the fingerprint and keeps the statistics. Everything
 * reaches the inner sinks in the order it was produced (one consumer, batches in a FIFO), so the files, the
 * fingerprint and the statistics are the same bytes as without it; the machine model never waits for a disk.
 * Opening and closing a life's log are commands in the same stream (a restart moves the old log aside only after
 * its last line). Memory is bounded: at most {@value #BATCHES} batches of {@value #BATCH} commands exist.
 * Not for paced (live) runs, where a batch would hold the view back.
 */
final class AsyncSinks implements SimSinks {
    static final int BATCH = 4096;
    static final int BATCHES = 8;
    private static final int OPEN = 1;
    private static final int EVENT = 2;
    private static final int CLOSE = 3;
    private static final int END = 4;

    /** One hand-off: commands {@code [0, size)}, each a kind, a machine, a life (OPEN, EVENT) and an event (EVENT). */
    private static final class Batch {
        final int[] kinds = new int[BATCH];
        final int[] machines = new int[BATCH];
        final int[] lives = new int[BATCH];
        final Event[] events = new Event[BATCH];
        int size;
    }

    private final SimSinks inner;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread consumer;
    private Batch current;
    /** Consumer thread only: each machine's open life (its log, and which life it is; -1 when closed). */
    private final EventLog[] open;
    private final int[] openLife;
    private volatile Throwable failure;
    private boolean finished;

    AsyncSinks(SimSinks inner, int machines) {
        this.inner = inner;
        this.open = new EventLog[machines];
        this.openLife = new int[machines];
        java.util.Arrays.fill(openLife, -1);
        for (int k = 1; k < BATCHES; k++) {
            free.add(new Batch());
        }
        current = new Batch();
        consumer = new Thread(this::consume, "sim-sinks");
        consumer.setDaemon(true);
        consumer.start();
    }

    @Override
    public EventLog open(int machine, int life) {
        add(OPEN, machine, life, null);
        return event -> add(EVENT, machine, life, event);
    }

    @Override
    public void close(int machine) {
        add(CLOSE, machine, 0, null);
    }

    private void add(int kind, int machine, int life, Event event) {
        Batch b = current;
        int k = b.size++;
        b.kinds[k] = kind;
        b.machines[k] = machine;
        b.lives[k] = life;
        b.events[k] = event;
        if (b.size == BATCH) {
            handOff();
        }
    }

    /** The full batch goes to the consumer (which drops it after a failure); then a failure is thrown here. */
    private void handOff() {
        try {
            full.put(current);
            current = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing events to the sinks' thread", e);
        }
        Throwable f = failure;
        if (f != null) {
            throw rethrown(f);
        }
    }

    /**
     * Everything handed over so far has reached the inner sinks, and the thread has ended; then the first failure
     * of the inner sinks, if any, is thrown here. Safe to call twice.
     */
    void finish() throws IOException {
        if (!finished) {
            finished = true;
            try {
                // add() hands a batch over as soon as it is full, so there is room for END, even after a failure
                current.kinds[current.size++] = END;
                full.put(current);
                current = null;
                consumer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the sinks' thread finished", e);
            }
        }
        Throwable f = failure;
        if (f instanceof IOException io) {
            throw io;
        }
        if (f != null) {
            throw rethrown(f);
        }
    }

    private static RuntimeException rethrown(Throwable f) {
        if (f instanceof Error e) {
            throw e;
        }
        if (f instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        if (f instanceof UncheckedIOException u) {
            return u;
        }
        return f instanceof RuntimeException r ? r : new IllegalStateException(f);
    }

    private void consume() {
        try {
            while (true) {
                Batch b = full.take();
                boolean end = run(b);
                b.size = 0;
                java.util.Arrays.fill(b.events, null); // let the events go
                free.put(b);
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one batch's commands (none after a failure: they are dropped, the failure is reported); true at END. */
    private boolean run(Batch b) {
        for (int k = 0; k < b.size; k++) {
            int kind = b.kinds[k];
            if (kind == END) {
                return true;
            }
            if (failure != null) {
                continue;
            }
            int m = b.machines[k];
            try {
                if (kind == EVENT) {
                    if (openLife[m] != b.lives[k]) {
                        // as a closed log file refuses a line: a caller's bug, never written to another life
                        throw new IllegalStateException("machine " + m + " life " + b.lives[k]
                                + ": an event after its log was closed");
                    }
                    inner.append(m, open[m], b.events[k]);
                } else if (kind == OPEN) {
                    open[m] = inner.open(m, b.lives[k]);
                    openLife[m] = b.lives[k];
                } else {
                    open[m] = null;
                    openLife[m] = -1;
                    inner.close(m);
                }
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                failure = e; // out of memory, too: the simulation's thread reports it, this one only drops what comes
            }
        }
        return false;
    }
}
