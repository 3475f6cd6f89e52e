package dev.clockscope.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clockscope.config.ClusterConfig;
import dev.clockscope.runtime.MachineRuntime;
import dev.clockscope.runtime.RunSummary;
import dev.clockscope.time.SystemTimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Machines of one config run in this JVM, each on its own thread, on real loopback sockets. */
public final class InProcessCluster {
    private final ClusterConfig config;
    private final Path outputDir;
    private final Map<String, RunSummary> summaries = new ConcurrentHashMap<>();
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();
    private int started;

    public InProcessCluster(ClusterConfig config, Path outputDir) {
        this.config = config;
        this.outputDir = outputDir;
    }

    /** Starts machine {@code id} on a thread named after it; returns at once. */
    public void start(String id) {
        MachineRuntime runtime = new MachineRuntime(config, id, outputDir, SystemTimeSource.INSTANCE, "test");
        new Thread(() -> {
            try {
                summaries.put(id, runtime.run());
            } catch (Throwable e) {
                failures.put(id, e);
            }
        }, id).start();
        started++;
    }

    /** Waits (bounded) until every started machine has returned, asserts none failed, returns their summaries. */
    public Map<String, RunSummary> awaitAll(Duration atMost, String context) {
        await().atMost(atMost).until(() -> summaries.size() + failures.size() == started);
        assertEquals(Map.of(), failures, context);
        return summaries;
    }
}
