package dev.clockscope.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WholeFileTest {
    @TempDir
    Path dir;

    @Test
    void aWriterThatFailsHalfwayLeavesTheLastWholeVersionAndNothingElse() throws Exception {
        Path target = dir.resolve("summary.json");
        Files.writeString(target, "{\"old\": 1}\n");
        IOException thrown = assertThrows(IOException.class, () -> WholeFile.write(target, out -> {
            out.write("{\"new\": ".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("cannot write " + target + ": disk full", thrown.getMessage(), "the file named");
        assertEquals("{\"old\": 1}\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aWholeWriteReplacesTheFileAndLeavesNoTemporaryOne() throws Exception {
        Path target = dir.resolve("report.html");
        Files.writeString(target, "old, and longer than the new one");
        WholeFile.writeString(target, "new ü");
        assertEquals("new ü", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aFailedFirstWriteLeavesNoFile() throws Exception {
        Path target = dir.resolve("graph.graphml");
        assertThrows(IOException.class, () -> WholeFile.write(target, out -> {
            throw new IOException("refused");
        }));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), files());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
