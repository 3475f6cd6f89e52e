package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncSinksTest {
    @TempDir
    Path dir;

    /** A run with a crash and a restart: logs open, close and move aside mid-run; then every file and the fingerprint. */
    @Test
    void theSameFilesAndFingerprintAsWritingOnTheSimulationsThread() throws Exception {
        SimRun run = new SimRun().machines(5);
        run.duration = Duration.ofSeconds(120);
        run.minRate = 50;
        run.maxRate = 100;
        run.crashes.add(new Outage(1, 20_000_000_000L, 30_000_000_000L));
        run.crashes.add(new Outage(1, 50_000_000_000L, 51_000_000_000L));
        Path direct = Files.createDirectory(dir.resolve("direct"));
        SimRun.Outcome expected = run.run(direct);

        Path threaded = Files.createDirectory(dir.resolve("threaded"));
        Fingerprint fp = new Fingerprint();
        RunSinks files = new RunSinks(run.ids, threaded, fp, null);
        AsyncSinks async = new AsyncSinks(files, run.ids.size());
        new Simulation(run.options(), async).run(null);
        async.finish();
        files.closeAll();

        assertEquals(expected.fingerprint().hex(), fp.hex());
        assertEquals(expected.fingerprint().events(), fp.events());
        assertTrue(fp.events() > 5 * AsyncSinks.BATCH, "many batches: " + fp.events() + " events");
        List<Path> logs = logs(direct);
        assertEquals(7, logs.size(), "5 logs and machine_2's two earlier lives: " + logs);
        for (Path p : logs) {
            assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(threaded.resolve(direct.relativize(p))), p.toString());
        }
    }

    /** An inner sink that fails: the failure comes back from finish(), once, and nothing hangs. */
    @Test
    void aFailureOfTheInnerSinksIsThrownByFinish() {
        List<Event> seen = new ArrayList<>();
        SimSinks failing = new SimSinks() {
            @Override
            public EventLog open(int machine, int life) throws IOException {
                if (machine == 2) {
                    throw new IOException("cannot write machine_3.log: disk full");
                }
                return seen::add;
            }

            @Override
            public void close(int machine) {
            }
        };
        AsyncSinks async = new AsyncSinks(failing, 3);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            IOException e = assertThrows(IOException.class, () -> {
                // the producer learns of the failure at a hand-off, or at the latest from finish()
                try {
                    for (int m = 0; m < 3; m++) {
                        EventLog log = async.open(m, 0);
                        for (int k = 0; k < 3 * AsyncSinks.BATCH; k++) {
                            log.append(new Event.Stall(k, 1));
                        }
                    }
                } catch (java.io.UncheckedIOException u) {
                    async.finish();
                    throw u.getCause();
                }
                async.finish();
            });
            assertEquals("cannot write machine_3.log: disk full", e.getMessage());
        });
        // machines 0 and 1 got every event of theirs, in order, before the failure
        assertEquals(2 * 3 * AsyncSinks.BATCH, seen.size());
        assertEquals(3 * AsyncSinks.BATCH - 1, seen.get(seen.size() - 1).wallMicros());
    }

    /**
     * Out of memory in the sinks' thread (a statistics sink's queue at 600,000 machines and -Xmx300m): it came out as
     * that thread's stack trace, and the simulation's own out-of-memory error after it. It is thrown to the producer.
     */
    @Test
    void outOfMemoryInTheSinksThreadIsThrownToTheProducer() {
        OutOfMemoryError thrown = new OutOfMemoryError("Java heap space (test)");
        SimSinks exhausted = throwingOnEveryEvent(thrown);
        AsyncSinks async = new AsyncSinks(exhausted, 1);
        OutOfMemoryError e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(OutOfMemoryError.class,
                () -> {
                    EventLog log = async.open(0, 0);
                    for (int k = 0; k < 3 * AsyncSinks.BATCH; k++) {
                        log.append(new Event.Stall(k, 1));
                    }
                    async.finish();
                }));
        assertSame(thrown, e);
    }

    /**
     * The run then closes its sinks, and finish throws the same error again: an outside tester's out-of-memory run
     * ended in "Self-suppression not permitted" (exit 1, a stack trace) when SimBatch added it to itself.
     */
    @Test
    void theSinksThreadsErrorThrownAgainAtTheCloseIsNotAddedToItself() {
        OutOfMemoryError thrown = new OutOfMemoryError("Java heap space (test)");
        AsyncSinks async = new AsyncSinks(throwingOnEveryEvent(thrown), 1);
        // thrown to the producer as soon as it hands a batch over after the failure, or at the latest by finish
        OutOfMemoryError first = assertThrows(OutOfMemoryError.class, () -> {
            EventLog log = async.open(0, 0);
            for (int k = 0; k < 3 * AsyncSinks.BATCH; k++) {
                log.append(new Event.Stall(k, 1));
            }
            async.finish();
        });
        OutOfMemoryError again = assertThrows(OutOfMemoryError.class, async::finish);
        assertSame(first, again, "the case: the same error from the run and from the close");
        SimBatch.addSuppressed(first, again);
        assertEquals(0, first.getSuppressed().length);
        IOException other = new IOException("disk");
        SimBatch.addSuppressed(first, other);
        assertSame(other, first.getSuppressed()[0]);
    }

    /** Sinks whose every log throws {@code thrown} at its first event (as a full heap would). */
    private static SimSinks throwingOnEveryEvent(Error thrown) {
        return new SimSinks() {
            @Override
            public EventLog open(int machine, int life) {
                return e -> {
                    throw thrown;
                };
            }

            @Override
            public void close(int machine) {
            }
        };
    }

    /** A life's log after its close: refused (as a closed file refuses a line), never written into the next life. */
    @Test
    void anEventOfAClosedLifeIsRefusedNotWrittenToTheNextLife() {
        List<Event> lifeOne = new ArrayList<>();
        SimSinks lives = new SimSinks() {
            @Override
            public EventLog open(int machine, int life) {
                return life == 0 ? e -> { } : lifeOne::add;
            }

            @Override
            public void close(int machine) {
            }
        };
        AsyncSinks async = new AsyncSinks(lives, 1);
        EventLog first = async.open(0, 0);
        first.append(new Event.Stall(1, 1));
        async.close(0);
        EventLog second = async.open(0, 1);
        second.append(new Event.Stall(2, 1));
        first.append(new Event.Stall(3, 1)); // the dead life again
        IllegalStateException e = assertThrows(IllegalStateException.class, async::finish);
        assertEquals("machine 0 life 0: an event after its log was closed", e.getMessage());
        assertEquals(List.of(2L), lifeOne.stream().map(Event::wallMicros).toList());
    }

    /** A life whose log was never closed: once the next life is open, it is refused all the same. */
    @Test
    void anEventOfALifeReplacedWithoutACloseIsRefused() {
        List<Event> lifeZero = new ArrayList<>();
        List<Event> lifeOne = new ArrayList<>();
        SimSinks lives = new SimSinks() {
            @Override
            public EventLog open(int machine, int life) {
                return life == 0 ? lifeZero::add : lifeOne::add;
            }

            @Override
            public void close(int machine) {
            }
        };
        AsyncSinks async = new AsyncSinks(lives, 1);
        EventLog first = async.open(0, 0);
        first.append(new Event.Stall(1, 1));
        EventLog second = async.open(0, 1);
        second.append(new Event.Stall(2, 1));
        first.append(new Event.Stall(3, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, async::finish);
        assertEquals("machine 0 life 0: an event after its log was closed", e.getMessage());
        assertEquals(List.of(1L), lifeZero.stream().map(Event::wallMicros).toList());
        assertEquals(List.of(2L), lifeOne.stream().map(Event::wallMicros).toList());
    }

    private static List<Path> logs(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
    }
}
