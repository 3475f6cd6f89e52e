package dev.clockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vm view} and {@code vm cluster --live}: bad input is one line naming the field, exit 2, nothing started. */
class ViewCommandTest {
    @TempDir
    Path dir;
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aMissingDirectoryOrOneWithoutLogsIsBadInput() throws Exception {
        assertEquals(2, run("view", dir.resolve("nope").toString()));
        assertEquals("error: DIR: \"" + dir.resolve("nope") + "\" is not a directory\n", err.toString());
        err.getBuffer().setLength(0);
        Files.writeString(dir.resolve("notes.txt"), "no logs here");
        assertEquals(2, run("view", dir.toString()));
        assertEquals("error: DIR: \"" + dir + "\" holds no machine logs (*.log); use --follow to wait for them\n", err.toString());
    }

    @Test
    void aBadAddressOrPortIsBadInput() {
        assertEquals(2, run("view", "--follow", "--bind", "no.such.host.invalid", dir.toString()));
        assertEquals("error: --bind: \"no.such.host.invalid\" is not a known address\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("view", "--follow", "--port", "70000", dir.toString()));
        assertEquals("error: --port: 70000 is not 0..65535\n", err.toString());
    }

    @Test
    void clusterLiveWithABadAddressStartsNoMachine() throws Exception {
        Files.writeString(dir.resolve("c.json"), "{\"machines\":[{\"id\":\"a\",\"host\":\"127.0.0.1\",\"port\":1},"
                + "{\"id\":\"b\",\"host\":\"127.0.0.1\",\"port\":2}]}");
        assertEquals(2, run("cluster", "--config", dir.resolve("c.json").toString(), "--output-dir", dir.resolve("out").toString(),
                "--live", "--live-bind", "no.such.host.invalid"));
        assertEquals("error: --live-bind: \"no.such.host.invalid\" is not a known address\n", err.toString());
        assertEquals(false, Files.exists(dir.resolve("out")), "no run directory: nothing started");
        err.getBuffer().setLength(0);
        assertEquals(2, run("cluster", "--config", dir.resolve("c.json").toString(), "--output-dir", dir.resolve("out").toString(),
                "--open"));
        assertEquals("error: --open: only with --live\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("cluster", "--config", dir.resolve("c.json").toString(), "--output-dir", dir.resolve("out").toString(),
                "--live-bind", "0.0.0.0"));
        assertEquals("error: --live-bind: only with --live\n", err.toString());
        assertEquals(false, Files.exists(dir.resolve("out")), "no run directory: nothing started");
    }

    @Test
    void theRingOfARunWithManyMachinesHoldsFewerEvents() throws Exception {
        // every event keeps its vector: 131,072 events of 300 machines would hold 315 MB
        for (int i = 1; i <= 300; i++) {
            Files.writeString(dir.resolve("machine_" + i + ".log"), "");
        }
        int ring = ViewCommand.hubFor(dir).ringCapacity();
        assertTrue((long) ring * 300 <= dev.clockscope.web.LiveHub.RING_VECTOR_ENTRIES, "300 logs: " + ring + " events");
        Files.createDirectories(dir.resolve("three"));
        for (int i = 1; i <= 3; i++) {
            Files.writeString(dir.resolve("three").resolve("machine_" + i + ".log"), "");
        }
        assertEquals(dev.clockscope.web.LiveHub.DEFAULT_RING_EVENTS, ViewCommand.hubFor(dir.resolve("three")).ringCapacity());
    }
}
