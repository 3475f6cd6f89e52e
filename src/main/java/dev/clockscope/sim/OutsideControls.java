package dev.clockscope.sim;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * What reaches a simulation from outside its own thread (the live view's controls, a signal's early end): queued,
 * and run by the simulation's thread between two events. A paced run's thread is woken at once, so that a control
 * does not wait for the next event at a slow {@code --speed}. Once the run is over, what comes is run where it
 * comes, with {@link #over()} true, so that it can say so instead of waiting for nothing.
 */
final class OutsideControls {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private volatile Thread simulationThread;
    private volatile boolean over;

    /** The run starts on the calling thread. */
    void runOnThisThread() {
        simulationThread = Thread.currentThread();
    }

    void add(Runnable control) {
        queue.add(control);
        if (over) {
            runAll();
            return;
        }
        Thread t = simulationThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    boolean waiting() {
        return !queue.isEmpty();
    }

    void runAll() {
        for (Runnable c = queue.poll(); c != null; c = queue.poll()) {
            c.run();
        }
    }

    /** The run is over: what waits, and what comes later, is told so. */
    void end() {
        over = true;
        runAll();
    }

    boolean over() {
        return over;
    }
}
