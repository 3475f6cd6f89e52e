package dev.clockscope.runtime;

import dev.clockscope.node.Machine;
import dev.clockscope.time.TimeSource;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

/**
 * The real driver of a stepped {@link Machine}: on the machine's own thread, it waits for the machine's
 * next deadline on system time, running the tasks other threads post meanwhile (messages, link changes),
 * then lets the machine run what is due. The rules (absolute deadlines, stalls) are the machine's; this
 * class only waits. The simulator drives the same machine from its event queue instead.
 */
public final class TickLoop {
    private final TimeSource time;
    private final TaskInbox inbox;
    private final BooleanSupplier stopRequested;

    public TickLoop(TimeSource time, TaskInbox inbox, BooleanSupplier stopRequested) {
        this.time = time;
        this.inbox = inbox;
        this.stopRequested = stopRequested;
    }

    /** Runs posted tasks until {@code condition} holds or a stop is requested. */
    public void runTasksUntil(BooleanSupplier condition, long pollNanos) throws InterruptedException {
        while (!condition.getAsBoolean() && !stopRequested.getAsBoolean()) {
            Runnable task = inbox.poll(pollNanos);
            if (task != null) {
                task.run();
            }
        }
    }

    /**
     * Drives {@code machine} until it has no deadline left (its duration is done) or a stop is requested;
     * {@code afterStep} runs after each step (the runtime's accounting and status line).
     */
    public void run(Machine machine, Runnable afterStep) throws InterruptedException {
        while (!stopRequested.getAsBoolean()) {
            long deadline = machine.nextDeadlineNanos();
            if (deadline == Machine.NO_DEADLINE) {
                return;
            }
            for (long now = time.monotonicNanos(); now < deadline; now = time.monotonicNanos()) {
                Runnable task = inbox.poll(deadline - now);
                if (task != null) {
                    task.run();
                }
                if (stopRequested.getAsBoolean()) {
                    return;
                }
            }
            // what arrived up to now is in the queue before this tick's action
            runPostedTasks();
            machine.runDue(time.monotonicNanos());
            afterStep.run();
        }
    }

    /**
     * Unthrottled mode: ticks back-to-back until {@code durationNanos} have passed (Long.MAX_VALUE: until
     * stopped). Before each tick it takes in what the network posted (a non-blocking poll), exactly as
     * the throttled loop does at a deadline; {@code afterTick} runs after each tick with the tick count
     * (the runtime batches network flushes there) and ends the loop by answering false. Returns the ticks run.
     */
    public long runUnthrottled(Machine machine, long durationNanos, LongPredicate afterTick)
            throws InterruptedException {
        long start = time.monotonicNanos();
        long k = 0;
        while (!stopRequested.getAsBoolean()) {
            if (time.monotonicNanos() - start >= durationNanos) {
                break;
            }
            runPostedTasks();
            machine.tick();
            k++;
            if (!afterTick.test(k)) {
                break;
            }
        }
        return k;
    }

    /** Runs every task posted so far (after the last tick: late arrivals and reports are taken in). */
    void runPostedTasks() throws InterruptedException {
        for (Runnable task = inbox.poll(0); task != null; task = inbox.poll(0)) {
            task.run();
        }
    }
}
