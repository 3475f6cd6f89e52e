package dev.clockscope.net;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Where a stopping machine waits for its peers' answers and acknowledgements: the event loop calls
 * {@link #changed()} after anything that may end the wait (an Ack, a Goodbye, a lost connection).
 */
final class Farewell {
    synchronized void changed() {
        notifyAll();
    }

    /** Waits until {@code done} holds or {@code deadlineNanos} (on {@code nanoTime}) passes; returns {@code done}. */
    synchronized boolean await(BooleanSupplier done, long deadlineNanos, LongSupplier nanoTime) {
        boolean interrupted = false;
        try {
            while (!done.getAsBoolean()) {
                long left = deadlineNanos - nanoTime.getAsLong();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    interrupted = true; // a stop must finish its goodbye; the flag is restored below
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
