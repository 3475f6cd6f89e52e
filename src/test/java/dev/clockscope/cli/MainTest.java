package dev.clockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsThePublicOptionsAndExitCodes() {
        assertEquals(0, run("--help"));
        for (String option : new String[] {"--machine-id", "--config", "--output-dir", "--duration", "--seed",
            "--ticks-per-second", "--quiet", "--verbose", "--version", "Exit codes"}) {
            assertTrue(out.toString().contains(option), option + " in\n" + out);
        }
    }

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        // picocli formats descriptions with String.format and warns on System.err about a bare '%'.
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String command : new String[] {"cluster", "simulate", "analyze", "view"}) {
                assertEquals(0, run(command, "--help"), command);
            }
            assertEquals(0, run("--help"));
        } finally {
            System.setErr(systemErr);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString().contains("10-sided die (70 % internal)"), out.toString());
    }

    @Test
    void versionComesFromTheManifestOrSaysDev() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("ClockScope "), out.toString());
    }

    @Test
    void missingMachineIdIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err.toString().startsWith("Missing required option: '--machine-id=ID'"), err.toString());
    }

    @Test
    void badOverridesAndUnknownMachineAreOneLineErrorsWithExitTwo() throws Exception {
        Path config = dir.resolve("c.json");
        Files.writeString(config, "{\"machines\":[{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":1},"
                + "{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":2}]}");
        assertEquals(2, run("--machine-id", "c", "--config", config.toString()));
        assertEquals("error: --machine-id: \"c\" is not in " + config + " (machines: a, b)\n", err.toString());

        err.getBuffer().setLength(0);
        assertEquals(2, run("--machine-id", "a", "--config", config.toString(), "--ticks-per-second", "5..2"));
        assertEquals("error: --ticks-per-second: \"5..2\" has min 5 > max 2\n", err.toString());

        err.getBuffer().setLength(0);
        assertEquals(2, run("--machine-id", "a", "--config", config.toString(), "--die", "1"));
        assertEquals("error: --die: must be at least 2 sides, got 1\n", err.toString());

        err.getBuffer().setLength(0);
        assertEquals(2, run("--machine-id", "a", "--config", config.toString(), "--duration", "forever"));
        assertTrue(err.toString().startsWith("error: --duration: \"forever\" is not a duration"), err.toString());
    }
}
