package dev.clockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code vm cluster}'s bad options: one line naming the option and the value, exit 2, no machine started. */
class ClusterCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /**
     * Runs {@code vm cluster} with {@code args} and a bad --name, which is checked last: an option the command fails
     * to refuse shows as the --name error instead of starting machines.
     */
    private int run(String... args) throws Exception {
        Path config = Files.writeString(dir.resolve("config.json"), "{\"machines\":["
                + "{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":1},{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":2},"
                + "{\"id\":\"c\",\"host\":\"127.0.0.1\",\"port\":3}],\"duration\":\"1s\"}");
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(Stream.concat(Stream.of("cluster", "--config", config.toString(), "--output-dir",
                dir.resolve("out").toString(), "--plain", "--name", "no spaces"), Stream.of(args)).toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--clocks lamport,vector,lamport|error: --clocks: \"lamport,vector,lamport\" names lamport twice",
        // --rates won over --ticks-per-second without a word
        "--rates 1,2,3 --ticks-per-second 4|error: --rates: give either --rates or --ticks-per-second, not both",
        "--ticks-per-second 2..5 --rates 1,2,3|error: --rates: give either --rates or --ticks-per-second, not both",
    })
    void badOptionsAreOneLineErrorsWithExitTwo(String args, String message) throws Exception {
        assertEquals(2, run(args.split(" ")));
        assertEquals(message + "\n", err.toString());
        assertEquals("", out.toString());
        assertTrue(!Files.exists(dir.resolve("out")), "no batch directory: nothing started");
    }
}
