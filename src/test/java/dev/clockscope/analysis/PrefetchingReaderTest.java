package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.clockscope.eventlog.EventLogReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The analyzer's read-ahead thread hands every failure over, so that the analysis reports it instead of hanging. */
class PrefetchingReaderTest {
    /**
     * With -Xmx16m, vm analyze of a 14 MB run hung for good: the reading thread died of OutOfMemoryError (its stack
     * trace on the console) and the analysis waited for its next batch.
     */
    @Test
    void outOfMemoryWhileReadingReachesTheReaderOfTheBatches() throws Exception {
        OutOfMemoryError thrown = new OutOfMemoryError("Java heap space (test)");
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                throw thrown;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                throw thrown;
            }
        };
        try (PrefetchingReader reader = new PrefetchingReader(
                EventLogReader.open(Path.of("machine_1.log"), failing), 3, true)) {
            OutOfMemoryError got = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(OutOfMemoryError.class, reader::next));
            assertSame(thrown, got);
        }
    }
}
