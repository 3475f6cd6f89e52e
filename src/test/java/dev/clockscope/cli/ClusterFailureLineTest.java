package dev.clockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clockscope.cluster.ClusterRunner.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code vm cluster}'s last line for a batch with an unclean run names every kind of failure its runs had. */
class ClusterFailureLineTest {
    private static final Path BATCH = Path.of("output_files/20261205-190000-cluster");
    private static final RunResult EXITED_WITH_ERROR = new RunResult(BATCH.resolve("run-1"),
            Map.of("machine_1", 0, "machine_2", 4), Set.of(), Set.of());
    private static final RunResult LOST_LINES = new RunResult(BATCH.resolve("run-2"),
            Map.of("machine_1", 0, "machine_2", 0), Set.of(), Set.of("machine_2"));
    /** Killed by the runner (a crash fault): its 137 is no failure. */
    private static final RunResult CLEAN_WITH_A_KILL = new RunResult(BATCH.resolve("run-3"),
            Map.of("machine_1", 0, "machine_2", 137), Set.of("machine_2"), Set.of());

    @Test
    void aMachineThatExitedWithAnErrorIsNamedAsSuch() {
        assertEquals("error: a machine exited with an error; see the console files in " + BATCH,
                ClusterCommand.failureLine(List.of(EXITED_WITH_ERROR, CLEAN_WITH_A_KILL), BATCH));
    }

    @Test
    void aMachineThatLostLinesIsNamedAsSuch() {
        assertEquals("error: a machine lost the last lines of its log; see the console files in " + BATCH,
                ClusterCommand.failureLine(List.of(CLEAN_WITH_A_KILL, LOST_LINES), BATCH));
    }

    /** Before, the line named only the lost lines, and a reader would not look for the machine that failed. */
    @Test
    void bothKindsInOneBatchAreBothNamed() {
        assertEquals("error: a machine exited with an error and a machine lost the last lines of its log; see the "
                + "console files in " + BATCH, ClusterCommand.failureLine(List.of(LOST_LINES, EXITED_WITH_ERROR), BATCH));
    }
}
