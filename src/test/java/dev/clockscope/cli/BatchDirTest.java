package dev.clockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A batch's directory is made before the batch is announced; an output directory that cannot hold one is one line. */
class BatchDirTest {
    @TempDir
    Path dir;

    @Test
    void twoBatchesOfOneNameNeverShareADirectory() throws Exception {
        Path first = BatchDir.create(dir.resolve("out"), "x");
        Path second = BatchDir.create(dir.resolve("out"), "x");
        assertNotEquals(first, second);
        assertTrue(Files.isDirectory(first) && Files.isDirectory(second));
        // made in the same second, or the next: either way the second is "<stamp>-x" or "<stamp>-x-2"
        assertTrue(second.getFileName().toString().matches("\\d{8}-\\d{6}-x(-2)?"), second.toString());
    }

    @Test
    void aFileAsTheOutputDirectoryIsOneLineAndExitThreeBeforeAnythingRuns() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        Path config = Files.writeString(dir.resolve("config.json"), "{\"machines\":["
                + "{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":1},{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":2},"
                + "{\"id\":\"c\",\"host\":\"127.0.0.1\",\"port\":3}],\"duration\":\"2s\"}");
        for (String command : new String[] {"simulate", "cluster"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            assertEquals(ExitCodes.CANNOT_START, cl.execute(command, "--config", config.toString(), "--output-dir",
                    file.toString(), "--no-analyze"), command);
            assertEquals("error: --output-dir: \"" + file + "\": cannot make a batch directory there: " + file
                    + " is a file, not a directory\n", err.toString(), command);
            assertEquals("", out.toString(), command + ": nothing announced");
        }
        assertEquals("mine", Files.readString(file), "the file is left as it was");
    }
}
