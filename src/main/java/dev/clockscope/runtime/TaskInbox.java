package dev.clockscope.runtime;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Work handed to the machine's tick thread by other threads (the network, a signal handler). The tick
 * loop waits on it until the next deadline, so a posted task is run at once.
 */
public interface TaskInbox {
    void post(Runnable task);

    /**
     * Posts a task that need not wake the tick thread: a later {@link #poll} returns it (quiet tasks first,
     * in the order posted), at the next tick's deadline at the latest. Its order relative to tasks posted
     * with {@link #post} is not kept. For incoming messages,
     * which only matter at the next tick: a waiting tick thread is not woken once per message burst.
     * By default the same as {@link #post}.
     */
    default void postQuietly(Runnable task) {
        post(task);
    }

    /** A task, or null once {@code timeoutNanos} have passed (or at once when {@code timeoutNanos <= 0}). */
    Runnable poll(long timeoutNanos) throws InterruptedException;

    /** The real inbox: unbounded queues (bounded in practice by the network back-pressure). */
    final class Blocking implements TaskInbox {
        private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        private final ConcurrentLinkedQueue<Runnable> quiet = new ConcurrentLinkedQueue<>();

        @Override
        public void post(Runnable task) {
            queue.add(task);
        }

        @Override
        public void postQuietly(Runnable task) {
            quiet.add(task);
        }

        @Override
        public Runnable poll(long timeoutNanos) throws InterruptedException {
            Runnable task = quiet.poll();
            if (task != null) {
                return task;
            }
            // a quiet task posted while this waits is run at the next poll (the loop polls again at once)
            return timeoutNanos <= 0 ? queue.poll() : queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }
}
