package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose start lines are in the original schema: {@code machine} and {@code peers}, no {@code machines}. */
class StartLinesTest {
    @TempDir
    Path dir;

    /** The fixture's logs with their start lines' machines list removed (and machine ids renamed by {@code from -> to}). */
    private Path withoutMachines(String fixture, String... renames) throws Exception {
        Path run = dir.resolve(fixture);
        Files.createDirectories(run);
        try (var files = Files.list(KnownAnswerTest.fixture(fixture))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                String text = Files.readString(f).replaceFirst(",\"machines\":\\[[^]]*]", "");
                String name = f.getFileName().toString();
                for (int i = 0; i < renames.length; i += 2) {
                    text = text.replace("\"" + renames[i] + "\"", "\"" + renames[i + 1] + "\"");
                    name = name.equals(renames[i] + ".log") ? renames[i + 1] + ".log" : name;
                }
                Files.writeString(run.resolve(name), text);
            }
        }
        return run;
    }

    @Test
    void theAnalysisIsTheSameAsWithMachinesListed() throws Exception {
        RunResult with = KnownAnswerTest.analyze("known-answer");
        RunResult without = new RunAnalyzer(RunInput.open(withoutMachines("known-answer")), WindowSpec.DEFAULT,
                List.of()).analyze();
        assertEquals(with.machineIds(), without.machineIds());
        assertEquals(with.messages().outcomes(), without.messages().outcomes());
        assertEquals(with.messages().delayMicros(), without.messages().delayMicros());
        assertEquals(with.concurrency(), without.concurrency());
        assertEquals(with.checks(), without.checks());
        assertEquals(with.criticalPath(), without.criticalPath());
        assertEquals(List.of(dir.resolve("known-answer") + ": start lines without \"machines\": config order [a, b, c]"
                + " derived from the logs' peers lists"), without.warnings());
    }

    /**
     * critical-path with x renamed "zz": config order zz, y, z, which natural order (y, z, zz) would get wrong.
     * y's peers [zz, z] and z's [zz, y] put zz first; zz's [y, z] puts y before z.
     */
    @Test
    void theOrderComesFromTheOtherLogsNotFromTheIds() throws Exception {
        RunInput input = RunInput.open(withoutMachines("critical-path", "x", "zz"));
        assertEquals(List.of("zz", "y", "z"), input.machines());
        RunResult r = new RunAnalyzer(input, WindowSpec.DEFAULT, List.of()).analyze();
        assertTrue(r.passed(), String.valueOf(r.checks()));
        assertEquals(7, r.criticalPath().events());
    }

    @Test
    void logsThatContradictEachOtherAreTwoRuns() throws Exception {
        Path run = withoutMachines("critical-path");
        // y now claims the order z, x
        Files.writeString(run.resolve("y.log"), Files.readString(run.resolve("y.log"))
                .replaceFirst("\"peers\":\\[\"x\",\"z\"]", "\"peers\":[\"z\",\"x\"]"));
        AnalysisException e = assertThrows(AnalysisException.class, () -> RunInput.open(run));
        assertTrue(e.getMessage().contains("contradictory orders") && e.getMessage().contains("two runs mixed"),
                e.getMessage());
    }
}
