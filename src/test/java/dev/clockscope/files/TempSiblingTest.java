package dev.clockscope.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempSiblingTest {
    @TempDir
    Path dir;

    @Test
    void aTemporaryFileIsEmptyNewAndNextToItsTarget() throws Exception {
        Path target = dir.resolve("report.html");
        Path a = TempSibling.create(target);
        Path b = TempSibling.create(target);
        assertNotEquals(a, b);
        assertEquals(dir.toAbsolutePath(), a.getParent());
        assertTrue(a.getFileName().toString().matches("\\.report\\.html\\.\\d+\\.tmp"), a.toString());
        assertEquals(0, Files.size(a));
    }

    /** Files.createTempFile makes 0600, which a move would carry into the output; a sibling has a new file's mode. */
    @Test
    void itHasTheModeOfAPlainNewFile() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class), "POSIX modes");
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(TempSibling.create(dir.resolve("x.json")))));
    }
}
