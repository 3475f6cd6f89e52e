package dev.clockscope.runtime;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Work handed to the machine's tick thread by other threads (the network, a signal handler). The tick
 * loop waits on it until the next deadline, so an arriving message is taken in at once.
 */
public interface TaskInbox {
    void post(Runnable task);

    /** A task, or null once {@code timeoutNanos} have passed (or at once when {@code timeoutNanos <= 0}). */
    Runnable poll(long timeoutNanos) throws InterruptedException;

    /** The real inbox: an unbounded blocking queue (bounded in practice by the network back-pressure). */
    final class Blocking implements TaskInbox {
        private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

        @Override
        public void post(Runnable task) {
            queue.add(task);
        }

        @Override
        public Runnable poll(long timeoutNanos) throws InterruptedException {
            return timeoutNanos <= 0 ? queue.poll() : queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }
}
