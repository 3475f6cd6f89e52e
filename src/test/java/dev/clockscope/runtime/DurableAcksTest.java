package dev.clockscope.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.DurableEventLog;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A receive is acknowledged once its line is in the file, and then without waiting for a later line. */
class DurableAcksTest {
    @TempDir
    Path dir;

    /**
     * The appending thread is held up right after handing a receive's line over, until the writer has written it
     * (as a descheduled tick thread on a loaded host would be): the acknowledgement must still follow that write.
     * Before, the receive was remembered only after the hand-over, so the writer, finding nothing to acknowledge,
     * left it to the next write: up to a tick later, or never for a machine's last line.
     */
    @Test
    void aReceiveWrittenBeforeItsAppendReturnsIsAcknowledgedByThatWrite() throws Exception {
        List<String> acks = new CopyOnWriteArrayList<>();
        try (EventLogWriter file = EventLogWriter.open(dir, "machine_1")) {
            HeldAfterAppend log = new HeldAfterAppend(file);
            // each acknowledgement notes whether the receive's line was in the file by then: it must be
            DurableAcks durable = new DurableAcks(log, (peer, incarnation, seq) -> acks.add(peer + "/" + incarnation
                    + "/" + seq + (receiveInFile() ? "" : " before its line was in the file")));
            durable.append(new Event.Stall(1_000, 5));
            durable.append(new Event.Receive(1_250_300, 2, 9, null, 0, "machine_2", 4, 8, 77, 1_200_000));
            assertTrue(receiveInFile(), "the receive's line is in the file before append returned");
            await().atMost(Duration.ofSeconds(10)).until(() -> !acks.isEmpty());
            assertEquals(List.of("machine_2/77/4"), acks);
        }
    }

    private boolean receiveInFile() {
        try {
            return Files.readString(dir.resolve("machine_1.log")).contains("\"event\":\"receive\"");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The real writer, with its appending thread held after each append until the writer has written it. */
    private static final class HeldAfterAppend implements DurableEventLog {
        private final EventLogWriter file;
        private final AtomicLong written = new AtomicLong();

        HeldAfterAppend(EventLogWriter file) {
            this.file = file;
        }

        @Override
        public void append(Event event) {
            file.append(event);
            await().atMost(Duration.ofSeconds(10)).until(() -> written.get() >= file.appended());
        }

        @Override
        public long appended() {
            return file.appended();
        }

        @Override
        public void onWritten(LongConsumer listener) {
            file.onWritten(events -> {
                listener.accept(events); // told first: the wait in append ends only once the listener has run
                written.set(events);
            });
        }
    }
}
