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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
        assertEquals("error: Missing required option: '--machine-id=ID' (options: 'vm --help')\n",
                err.toString());
    }

    /**
     * Picocli's parse errors, in every command: one line, the error and a hint, exit 2, not the 100-odd lines
     * of usage picocli prints by default. Arguments are split on spaces.
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "simulate --machines abc;error: Invalid value for option '--machines': 'abc' is not an int (options: 'vm simulate --help')",
        "simulate --seed 99999999999999999999;error: Invalid value for option '--seed': '99999999999999999999' is not a long (options: 'vm simulate --help')",
        "simulate --seed 1 --seed 2;error: option '--seed' (N) should be specified only once (options: 'vm simulate --help')",
        "cluster --die abc;error: Invalid value for option '--die': 'abc' is not an int (options: 'vm cluster --help')",
        "--machine-id a --die abc;error: Invalid value for option '--die': 'abc' is not an int (options: 'vm --help')",
        "analyze --window;error: Missing required parameter for option '--window' (TIME|FROM..TO) (options: 'vm analyze --help')",
        "view;error: Missing required parameter: 'DIR' (options: 'vm view --help')",
        "simulate --sed 1;error: Unknown options: '--sed', '1' (did you mean --seed? See 'vm simulate --help')",
    })
    void parseErrorsAreOneLineWithAHintAndExitTwo(String args, String error) {
        assertEquals(2, run(args.split(" ")));
        assertEquals(error + "\n", err.toString());
        assertEquals("", out.toString());
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
        // machine c is checked after the clocks: without the clocks' check this is that error, not a machine started
        assertEquals(2, run("--machine-id", "c", "--config", config.toString(), "--clocks", "lamport,vector,vector"));
        assertEquals("error: --clocks: \"lamport,vector,vector\" names vector twice\n", err.toString());

        err.getBuffer().setLength(0);
        assertEquals(2, run("--machine-id", "a", "--config", config.toString(), "--duration", "forever"));
        assertTrue(err.toString().startsWith("error: --duration: \"forever\" is not a duration"), err.toString());
    }
}
