package dev.clockscope.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The queue's back-pressure: reads stop at the high-water mark and resume at half of it. */
class NetHandOffTest {
    private static final int HIGH_WATER_MARK = 4;

    /**
     * A network thread pauses reads at the mark and is descheduled before it has told the transport; meanwhile the
     * tick thread takes the queue down to half and resumes reads. The transport must end up reading, as the hand-off
     * believes it is: before, the late "pause" landed last, and the machine never read from its peers again (nothing
     * more arrived to cross the mark again, and the queue emptied with reads still off).
     */
    @Test
    void aResumeRacingALatePauseLeavesTheTransportReading() throws Exception {
        List<Boolean> told = new CopyOnWriteArrayList<>();
        CountDownLatch pauseHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        NetHandOff handOff = new NetHandOff("machine_1", MachineIds.of(List.of("machine_1", "machine_2")),
                new TaskInbox.Blocking(), HIGH_WATER_MARK, on -> {
                    if (!on && pauseHeld.getCount() > 0) {
                        pauseHeld.countDown();
                        waitFor(release); // the network thread, descheduled before it tells the transport
                    }
                    told.add(on);
                });
        List<Message> burst = new ArrayList<>();
        for (int seq = 1; seq <= HIGH_WATER_MARK; seq++) {
            burst.add(new Message(1, 7, seq, seq, null, 0));
        }
        Thread network = new Thread(() -> handOff.onMessages(burst), "network");
        network.start();
        assertEquals(true, pauseHeld.await(10, TimeUnit.SECONDS), "the network thread reached the pause");
        Thread tick = new Thread(() -> {
            for (int k = 0; k < HIGH_WATER_MARK / 2; k++) {
                handOff.messageTaken(); // down to half the mark: reads resume
            }
        }, "tick");
        tick.start();
        // the tick thread either finishes its resume, or waits for the network thread's pause to be told first
        await().atMost(Duration.ofSeconds(10)).until(() -> !tick.isAlive() || tick.getState() == Thread.State.BLOCKED);
        release.countDown();
        network.join(10_000);
        tick.join(10_000);
        assertEquals(List.of(false, true), told, "the transport is told in the order the hand-off decided");
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
